"""Scale, ranking, number and points to spend in a real browser: phones answer (ranking by
buttons, by keyboard and by dragging), the projector shows the aggregate, and axe-core finds
nothing on either.

The demo session has one question of each kind after the first ones (support.*_PROMPT).
The projector speaks the dialogue's language (Swedish), so its numbers are checked as
Swedish numbers ("7,5") and its words not at all.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

REALTIME = 5_000  # ms


@pytest.fixture(scope="module", autouse=True)
def _axe_available():
    if not support.AXE_JS.exists():
        pytest.fail(f"{support.AXE_JS} is missing: run `make test-deps` (npm ci)")


@pytest.fixture
def presenter(new_context, login_state, server):
    def make():
        page = new_context(support.PROJECTOR, storage_state=login_state).new_page()
        page.goto(server.presenter_url)
        return page

    return make


def on(facilitator, phone, prompt, phones=1):
    """Phones join, then the facilitator puts the question on screen: it reaches them as the
    fragment htmx swaps in (parsed with scripting off: no <noscript> tricks survive that)."""
    pages = [phone() for _ in range(phones)]
    facilitator.go_to(facilitator.index_of(prompt))
    for page in pages:
        expect(page.locator("#question-heading")).to_have_text(prompt)
        expect(page.locator("form.answer-form")).to_be_visible()
    return pages


def send(page, button="Send"):
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".ack")).to_be_focused()


def assert_fits_the_phone(page, where: str) -> None:
    """No sideways scrolling at 390 px, with the text at 100 % and at 200 % (WCAG 1.4.4/10)."""
    for size in ("", "200%"):
        page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
        assert support.horizontal_overflow(page) == 0, f"{where} scrolls sideways at {size or 100}"
    page.evaluate("document.documentElement.style.fontSize = ''")


def stat(presenter, name):
    return presenter.get_by_test_id(f"stat-{name}")


# --- Scale -----------------------------------------------------------------------------------


def test_scale(facilitator, phone, presenter):
    first, second = on(facilitator, phone, support.SCALE_PROMPT, phones=2)
    group = first.get_by_role("group", name="Choose a value from 1 to 10")
    expect(group).to_be_visible()
    # The end labels are the first and last buttons' descriptions.
    expect(group.get_by_role("radio", name="1", exact=True)).to_have_accessible_description(
        "1 = Inte alls nöjd"
    )
    expect(group.get_by_role("radio", name="10", exact=True)).to_have_accessible_description(
        "10 = Mycket nöjd"
    )
    # 1–10 on a phone: two rows of five large buttons.
    boxes = [first.locator(".scale-option").nth(i).bounding_box() for i in range(10)]
    assert len({round(box["y"]) for box in boxes[:5]}) == 1
    assert boxes[5]["y"] > boxes[0]["y"] + boxes[0]["height"] / 2
    assert min(box["width"] for box in boxes) >= 44 and min(b["height"] for b in boxes) >= 44
    assert_accessible(first, "the phone, scale question")
    assert_fits_the_phone(first, "the phone, scale question")

    # By pointer...
    first.locator(".scale-option", has_text=re.compile(r"^8$")).click()
    send(first)
    expect(first.get_by_role("radio", name="8", exact=True)).to_be_checked()
    assert_accessible(first, "the phone after answering the scale question")

    # ...and by keyboard: into the group, arrows to choose, then to the button.
    second.get_by_role("radio", name="1", exact=True).focus()
    second.keyboard.press("Space")
    for _ in range(2):
        second.keyboard.press("ArrowRight")
    expect(second.get_by_role("radio", name="3", exact=True)).to_be_checked()
    second.keyboard.press("Tab")
    expect(second.get_by_role("button", name="Send", exact=True)).to_be_focused()
    second.keyboard.press("Enter")
    expect(second.locator(".ack")).to_be_focused()

    projector = presenter()
    expect(stat(projector, "respondents")).to_have_text("2", timeout=REALTIME)
    expect(stat(projector, "mean")).to_have_text("5,5")  # (8 + 3) / 2, in Swedish
    expect(stat(projector, "median")).to_have_text("5,5")
    counts = projector.get_by_test_id("scale-count")
    expect(counts).to_have_count(10)
    expect(counts.nth(7)).to_have_text(re.compile(r"^1 \(50 %\)$"))
    expect(counts.nth(2)).to_have_text(re.compile(r"^1 \(50 %\)$"))
    assert_accessible(projector, "the presenter with scale results")

    # A changed answer replaces the first one.
    first.locator(".scale-option", has_text=re.compile(r"^4$")).click()
    send(first, "Change my answer")
    expect(stat(projector, "mean")).to_have_text("3,5", timeout=REALTIME)
    expect(stat(projector, "respondents")).to_have_text("2")
    expect(counts.nth(7)).to_have_text(re.compile(r"^0 "))


# --- Ranking ---------------------------------------------------------------------------------

CYKEL, SIMHALL, LEK, LJUS = (
    "Fler cykelvägar",
    "Ny simhall",
    "Upprustade lekplatser",
    "Bättre belysning",
)


def order(page):
    return page.locator(".ranking .ranking-label")


def test_ranking(facilitator, phone, presenter):
    by_buttons, by_keyboard, by_dragging = on(facilitator, phone, support.RANKING_PROMPT, phones=3)
    expect(order(by_buttons)).to_have_text([CYKEL, SIMHALL, LEK, LJUS])
    expect(by_buttons.locator(".ranking-fallback")).to_be_hidden()  # menus for no JavaScript
    assert_accessible(by_buttons, "the phone, ranking question")
    assert_fits_the_phone(by_buttons, "the phone, ranking question")
    status = by_buttons.locator("[data-ranking-status]")

    # Buttons: "Bättre belysning" up three times, to the top; the button keeps the focus.
    up = by_buttons.get_by_role("button", name=f"Move up: {LJUS}")
    for place in (3, 2, 1):
        up.click()
        expect(status).to_have_text(f"{LJUS}: place {place} of 4")
        expect(up).to_be_focused()
    expect(order(by_buttons)).to_have_text([LJUS, CYKEL, SIMHALL, LEK])
    expect(by_buttons.locator(".rank-number")).to_have_text(["1", "2", "3", "4"])
    expect(up).to_have_attribute("aria-disabled", "true")
    up.press("Enter")  # aria-disabled, not disabled: it keeps the focus and says why
    expect(status).to_have_text(f"{LJUS} is already first.")
    expect(order(by_buttons)).to_have_text([LJUS, CYKEL, SIMHALL, LEK])
    send(by_buttons)
    expect(order(by_buttons)).to_have_text([LJUS, CYKEL, SIMHALL, LEK])  # kept after sending
    assert_accessible(by_buttons, "the phone after answering the ranking question")

    # Keyboard: "Fler cykelvägar" down twice with Enter and Space, then Tab on to Send.
    down = by_keyboard.get_by_role("button", name=f"Move down: {CYKEL}")
    down.focus()
    by_keyboard.keyboard.press("Enter")
    by_keyboard.keyboard.press("Space")
    expect(by_keyboard.locator("[data-ranking-status]")).to_have_text(f"{CYKEL}: place 3 of 4")
    expect(order(by_keyboard)).to_have_text([SIMHALL, LEK, CYKEL, LJUS])
    send_button = by_keyboard.get_by_role("button", name="Send", exact=True)
    for _ in range(12):
        if send_button.evaluate("b => b === document.activeElement"):
            break
        by_keyboard.keyboard.press("Tab")
    expect(send_button).to_be_focused()
    by_keyboard.keyboard.press("Enter")
    expect(by_keyboard.locator(".ack")).to_be_focused()

    # Dragging: "Ny simhall" by its handle above "Fler cykelvägar".
    handle = by_dragging.locator(".ranking-item", has_text=SIMHALL).locator(".drag-handle")
    start = handle.bounding_box()
    target = by_dragging.locator(".ranking-item", has_text=CYKEL).bounding_box()
    mouse = by_dragging.mouse
    mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    mouse.down()
    mouse.move(start["x"] + start["width"] / 2, target["y"] + 4, steps=8)
    expect(by_dragging.locator(".ranking-item.dragging")).to_have_count(1)
    mouse.up()
    expect(by_dragging.locator(".ranking-item.dragging")).to_have_count(0)
    expect(order(by_dragging)).to_have_text([SIMHALL, CYKEL, LEK, LJUS])
    expect(by_dragging.locator("[data-ranking-status]")).to_have_text(f"{SIMHALL}: place 1 of 4")
    send(by_dragging)

    # Borda: simhall 1+3+3 = 7, cykel 2+1+2 = 5, lek 0+2+1 = 3, belysning 3+0+0 = 3.
    projector = presenter()
    expect(projector.get_by_test_id("stat-respondents")).to_have_text(
        re.compile(r"^3\b"), timeout=REALTIME
    )
    labels = projector.locator(".bars .bar-label")
    expect(labels.nth(0)).to_contain_text(f"1. {SIMHALL}")
    expect(labels.nth(1)).to_contain_text(f"2. {CYKEL}")
    scores = projector.get_by_test_id("ranking-score")
    expect(scores).to_have_text([re.compile(rf"^{n}\b") for n in (7, 5, 3, 3)])
    expect(labels.nth(0)).to_contain_text("1,7")  # average place (3 + 1 + 1) / 3, in Swedish
    assert_accessible(projector, "the presenter with ranking results")


# --- Number ----------------------------------------------------------------------------------


def test_number(facilitator, phone, presenter):
    first, second = on(facilitator, phone, support.NUMERIC_PROMPT, phones=2)
    field = first.get_by_label("Your answer (a number)")
    expect(field).to_have_attribute("inputmode", "decimal")
    expect(field).to_have_accessible_description(re.compile(r"A number from 0 to 120\."))
    assert_accessible(first, "the phone, number question")
    assert_fits_the_phone(first, "the phone, number question")

    field.fill("130")
    first.get_by_role("button", name="Send", exact=True).click()
    expect(first.get_by_role("alert")).to_contain_text("from 0 to 120")
    expect(first.get_by_label("Your answer (a number)")).to_have_value("130")  # kept
    assert_accessible(first, "the phone with a refused number")

    first.get_by_label("Your answer (a number)").fill("3,5")  # a decimal comma
    send(first)
    second.get_by_label("Your answer (a number)").fill("11.5")
    send(second)
    assert_accessible(first, "the phone after answering the number question")

    projector = presenter()
    expect(stat(projector, "respondents")).to_have_text("2", timeout=REALTIME)
    expect(stat(projector, "mean")).to_have_text("7,5")
    expect(stat(projector, "median")).to_have_text("7,5")
    expect(stat(projector, "min")).to_have_text("3,5")
    expect(stat(projector, "max")).to_have_text("11,5")
    counts = projector.get_by_test_id("bin-count")
    expect(counts.first).to_have_text(re.compile(r"^1 \(50 %\)$"))
    expect(counts.last).to_have_text(re.compile(r"^1 \(50 %\)$"))
    assert_accessible(projector, "the presenter with number results")


# --- Points to spend -------------------------------------------------------------------------


def test_points(facilitator, phone, presenter):
    first, second = on(facilitator, phone, support.POINTS_PROMPT, phones=2)
    left = first.locator("[data-points-left]")
    expect(left).to_have_text("Points left: 100 of 100")
    assert_accessible(first, "the phone, points question")
    assert_fits_the_phone(first, "the phone, points question")

    first.get_by_label("Skola").fill("50")
    expect(left).to_have_text("Points left: 50 of 100")
    first.get_by_label("Äldreomsorg").fill("60")
    expect(left).to_have_text("You have given 110 of 100 points: take 10 away.")
    expect(left).to_have_class(re.compile(r"\bover\b"))
    assert_accessible(first, "the phone with too many points")

    # Sent anyway: the server says what is wrong and keeps every number typed.
    first.get_by_role("button", name="Send", exact=True).click()
    expect(first.get_by_role("alert")).to_contain_text("exactly 100 points")
    expect(first.get_by_label("Äldreomsorg")).to_have_value("60")
    expect(first.get_by_label("Skola")).to_have_value("50")

    first.get_by_label("Äldreomsorg").fill("30")
    first.get_by_label("Kultur och fritid").fill("20")
    expect(first.locator("[data-points-left]")).to_have_text("All 100 points given. Ready to send.")
    send(first)
    assert_accessible(first, "the phone after answering the points question")

    second.get_by_label("Gator och parker").fill("100")
    send(second)

    projector = presenter()
    expect(projector.get_by_test_id("stat-respondents")).to_have_text(
        re.compile(r"^2\b"), timeout=REALTIME
    )
    labels = projector.locator(".bars .bar-label")
    expect(labels).to_have_count(4)
    by_total = ["Gator och parker", "Skola", "Äldreomsorg", "Kultur och fritid"]
    for index, label in enumerate(by_total):
        expect(labels.nth(index)).to_contain_text(label)
    expect(projector.get_by_test_id("points-total")).to_have_text(
        [re.compile(rf"^{n} \({p} %\)$") for n, p in ((100, 50), (50, 25), (30, 15), (20, 10))]
    )
    expect(labels.nth(0)).to_contain_text("50")  # average: 100 points / 2 people
    assert_accessible(projector, "the presenter with points results")


# --- Building the questions --------------------------------------------------------------------


def test_session_page_shows_the_fields_of_the_chosen_type(facilitator, server):
    page = facilitator.page
    page.goto(server(f"/sessions/{server.session_id}/"))
    kind = page.get_by_label("Type", exact=True)
    options = page.get_by_label("Options (one per line)")
    low_end = page.get_by_label("Label of the low end")
    smallest = page.get_by_label("Smallest number allowed")
    budget = page.get_by_label("Points to spend")

    kind.select_option("scale")
    expect(low_end).to_be_visible()
    expect(options).to_be_hidden()
    expect(budget).to_be_hidden()
    assert_accessible(page, "the session page, adding a scale")

    kind.select_option("ranking")
    expect(options).to_be_visible()
    expect(low_end).to_be_hidden()

    kind.select_option("numeric")
    expect(smallest).to_be_visible()
    expect(options).to_be_hidden()

    kind.select_option("points")
    expect(options).to_be_visible()
    expect(budget).to_be_visible()
    expect(budget).to_have_value("100")
    expect(smallest).to_be_hidden()
    assert_accessible(page, "the session page, adding points to spend")

    # The demo's questions of these types are listed with what they are about.
    listing = page.locator(".question-list")
    expect(listing).to_contain_text("1–10 (Inte alls nöjd – Mycket nöjd)")
    expect(listing).to_contain_text("Hur många år har du bott i Storby? — 0–120")
