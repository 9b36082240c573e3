"""The statements kind in a real browser: the facilitator creates it with seed statements,
three phones vote (buttons and keys) and submit statements, the facilitator approves one and
it reaches the phones that had voted on everything, the projector shows the common ground,
fits 1920×1080 and 1280×720, and axe-core finds nothing on the phone or the projector."""

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

PROMPT = "Vad tycker du om torget?"
SEEDS = ["Torget behöver fler bänkar", "Bilarna ska bort från torget"]


@pytest.fixture(scope="module", autouse=True)
def _axe_available():
    if not support.AXE_JS.exists():
        pytest.fail(f"{support.AXE_JS} is missing: run `make test-deps` (npm ci)")


def vertical_overflow(page) -> int:
    return page.evaluate(
        "Math.max(0, document.documentElement.scrollHeight - window.innerHeight - 1)"
    )


def test_statements(facilitator, phone, new_context, login_state, server):
    page = facilitator.page
    page.goto(server(f"/sessions/{server.session_id}/"))
    page.select_option("#id_kind", "statements")
    page.fill("#id_prompt", PROMPT)
    page.fill("#id_choices", "\n".join(SEEDS))
    with page.expect_navigation():
        page.get_by_role("button", name="Add question", exact=True).click()
    facilitator._question_ids = None
    phones = [phone() for _ in range(3)]
    facilitator.go_to(facilitator.index_of(PROMPT))
    for the_phone in phones:
        expect(the_phone.locator("#question-heading")).to_have_text(PROMPT)
        expect(the_phone.get_by_test_id("statements-left")).to_contain_text("2 statements left")

    first = phones[0]
    assert_accessible(first, "the statements phone view")
    # Buttons on the first statement, the key D on the second.
    first.get_by_role("button", name="Agree", exact=True).first.click()
    expect(first.get_by_test_id("statements-left")).to_contain_text("1 statement left")
    first.locator("body").press("d")
    expect(first.get_by_test_id("statements-done")).to_be_visible()
    # Everyone votes on both; the second and third phones submit statements.
    for the_phone in phones[1:]:
        # Each vote waits for the next card (a click before it came would vote the same
        # statement again).
        the_phone.get_by_role("button", name="Agree", exact=True).first.click()
        expect(the_phone.get_by_test_id("statements-left")).to_contain_text("1 statement left")
        the_phone.get_by_role("button", name="Agree", exact=True).first.click()
        expect(the_phone.get_by_test_id("statements-done")).to_be_visible()
    for the_phone, text in zip(phones[1:], ["Plantera träd på torget", "x" * 281], strict=True):
        the_phone.fill("textarea[name=text]", text)
        the_phone.get_by_role("button", name="Send the statement").click()
    expect(phones[1].get_by_test_id("statements-waiting")).to_contain_text("waiting")
    # The browser's maxlength keeps 280 of the 281 characters; they wait too.
    expect(phones[2].get_by_test_id("statements-waiting")).to_contain_text("waiting")

    # The facilitator approves one from the control page's link; it reaches the phones.
    facilitator.open()
    page.locator('a.row-actions[href*="/statements/"]:not([download])').click()
    expect(page.get_by_test_id("statements-waiting")).to_contain_text("Plantera träd")
    with page.expect_navigation():
        # (The facilitator's pages speak Swedish: the demo user's language.)
        waiting = page.get_by_test_id("statements-waiting").locator("li", has_text="Plantera")
        waiting.locator("form[action$='/approve/'] button").click()
    for the_phone in phones:
        expect(the_phone.get_by_test_id("statement-text")).to_have_text("Plantera träd på torget")
        the_phone.get_by_role("button", name="Agree", exact=True).first.click()
        expect(the_phone.get_by_test_id("statements-done")).to_be_visible()

    # The projector: common ground, the map, the table; fits both sizes; axe finds nothing.
    projector = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    projector.goto(server.presenter_url)
    consensus = projector.get_by_test_id("opinions-consensus")
    expect(consensus).to_contain_text("Plantera träd på torget")
    expect(projector.locator(".opinions-map svg")).to_be_visible()
    assert_accessible(projector, "the statements projector view")
    for width, height in ((1920, 1080), (1280, 720)):
        projector.set_viewport_size({"width": width, "height": height})
        expect(projector.get_by_test_id("opinions-stage")).to_be_visible()
        assert vertical_overflow(projector) == 0, f"the projector scrolls at {width}×{height}"
    for the_phone, name in ((first, "390-phone"),):
        the_phone.screenshot(path=str(server.var_dir / f"statements-{name}.png"))
    projector.set_viewport_size({"width": 1920, "height": 1080})
    projector.screenshot(path=str(server.var_dir / "statements-1920.png"))
