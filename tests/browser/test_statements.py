"""The statements kind in a real browser. The facilitator imports a Pol.is conversation from
the dialogue page (30 earlier voters in two planted opinion groups that agree on two
statements: enough votes for groups, brought in through the app's own import, before any
phone joins); three phones vote (buttons and keys) and submit statements; the facilitator
approves one and it reaches the phones; the projector shows the groups and the common
ground and fits 1920×1080 and 1280×720; the report shows the groups; axe-core finds
nothing on the import page, the phone, the projector or the report."""

import pytest
from playwright.sync_api import expect

from samrad.opinions.analysis.polis import PolisComment, PolisVote
from samrad.opinions.analysis.polis_export import PolisConversation, write_zip
from samrad.opinions.analysis.synthetic import planted_votes
from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

PROMPT = "Vad tycker du om torget?"
STATEMENTS = [
    "Torget behöver fler bänkar",
    "Torget ska ha mer grönska",
    "Bilarna ska bort från torget",
    "Torghandeln ska vara varje dag",
    "Parkeringen under torget ska byggas ut",
    "Torget ska ha en scen för konserter",
    "Fontänen ska vara kvar",
    "Torget ska vara öppet för bilar på natten",
]
COMMON = STATEMENTS[:2]  # agreed by both planted groups


@pytest.fixture(scope="module", autouse=True)
def _axe_available():
    if not support.AXE_JS.exists():
        pytest.fail(f"{support.AXE_JS} is missing: run `make test-deps` (npm ci)")


@pytest.fixture
def earlier_votes(tmp_path):
    """A Pol.is export of 30 voters in two planted groups, every one voting on everything."""
    planted = planted_votes(
        participants=30, statements=len(STATEMENTS), groups=2, fill=1.0, consensus=2, seed=2
    )
    comments = tuple(
        PolisComment(1_700_000_000_000 + j, "", j, -1, 0, 0, 1, text)
        for j, text in enumerate(STATEMENTS)
    )
    votes = tuple(
        PolisVote(1_700_000_100_000 + n, "", int(c), int(v), int(x))
        for n, (v, c, x) in enumerate(
            zip(planted.participants, planted.statements, planted.votes, strict=True)
        )
    )
    path = tmp_path / "torget-polis.zip"
    path.write_bytes(write_zip(PolisConversation("Torget", "", comments, votes)))
    return path


def vertical_overflow(page) -> int:
    return page.evaluate(
        "Math.max(0, document.documentElement.scrollHeight - window.innerHeight - 1)"
    )


def test_statements(facilitator, phone, new_context, login_state, server, earlier_votes):
    page = facilitator.page
    # The import, from the dialogue page.
    page.goto(server(f"/sessions/{server.session_id}/"))
    with page.expect_navigation():
        page.locator("main a[href^='/dialogues/']").first.click()  # ← the dialogue
    page.locator("a[href*='/statements/import/']").click()
    assert_accessible(page, "the Pol.is import page")
    page.select_option("#id_session", str(server.session_id))
    page.fill("#id_prompt", PROMPT)
    page.set_input_files("#id_files", str(earlier_votes))
    with page.expect_navigation():
        page.get_by_test_id("polis-import").locator("button[type=submit]").click()
    expect(page.locator(".qa-text", has_text=STATEMENTS[-1])).to_be_visible()  # imported
    report_url = page.locator("a[href$='/report/']").get_attribute("href")
    facilitator._question_ids = None
    facilitator.go_to(facilitator.index_of(PROMPT))

    # The projector shows the earlier voters' groups and common ground before any phone.
    projector = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    projector.goto(server.presenter_url)
    expect(projector.get_by_test_id("opinions-group")).to_have_count(2)
    consensus = projector.get_by_test_id("opinions-consensus")
    for text in COMMON:
        expect(consensus).to_contain_text(text)

    phones = [phone() for _ in range(3)]
    for the_phone in phones:
        expect(the_phone.locator("#question-heading")).to_have_text(PROMPT)
        expect(the_phone.get_by_test_id("statements-left")).to_contain_text("8 statements left")
    first = phones[0]
    assert_accessible(first, "the statements phone view")
    # A button on the first statement, the key D on the second; each vote waits for the
    # next card (a click before it came would vote the same statement again).
    first.get_by_role("button", name="Agree", exact=True).first.click()
    expect(first.get_by_test_id("statements-left")).to_contain_text("7 statements left")
    first.locator("body").press("d")
    expect(first.get_by_test_id("statements-left")).to_contain_text("6 statements left")
    for the_phone in phones[1:]:
        the_phone.get_by_role("button", name="Agree", exact=True).first.click()
        expect(the_phone.get_by_test_id("statements-left")).to_contain_text("7 statements left")
        the_phone.get_by_role("button", name="Pass / unsure", exact=True).first.click()
        expect(the_phone.get_by_test_id("statements-left")).to_contain_text("6 statements left")
    for the_phone, text in zip(phones[1:], ["Plantera träd på torget", "x" * 281], strict=True):
        the_phone.fill("textarea[name=text]", text)
        the_phone.get_by_role("button", name="Send the statement").click()
    expect(phones[1].get_by_test_id("statements-waiting")).to_contain_text("waiting")
    # The browser's maxlength keeps 280 of the 281 characters; they wait too.
    expect(phones[2].get_by_test_id("statements-waiting")).to_contain_text("waiting")

    # The facilitator approves one from the control page's link; it reaches the phones
    # (it has the fewest votes, so it comes next).
    facilitator.open()
    page.locator('a.row-actions[href*="/statements/"]:not([download])').last.click()
    expect(page.get_by_test_id("statements-waiting")).to_contain_text("Plantera träd")
    with page.expect_navigation():
        # (The facilitator's pages speak Swedish: the demo user's language.)
        waiting = page.get_by_test_id("statements-waiting").locator("li", has_text="Plantera")
        waiting.locator("form[action$='/approve/'] button").click()
    for the_phone in phones:
        expect(the_phone.get_by_test_id("statement-text")).to_have_text("Plantera träd på torget")
        expect(the_phone.get_by_test_id("statements-left")).to_contain_text("7 statements left")
        the_phone.get_by_role("button", name="Agree", exact=True).first.click()
        expect(the_phone.get_by_test_id("statements-left")).to_contain_text("6 statements left")

    # The projector follows: the three phones' votes count (the last ones may come within a
    # second of the previous analysis; the stage then asks again by itself).
    expect(projector.locator(".opinions-map figcaption")).to_contain_text("33 ")
    # The projector: still the groups and the common ground, the map; fits; axe finds nothing.
    expect(projector.get_by_test_id("opinions-group")).to_have_count(2)
    for text in COMMON:
        expect(consensus).to_contain_text(text)
    expect(projector.locator(".opinions-map svg circle").first).to_be_visible()
    assert_accessible(projector, "the statements projector view")
    for width, height in ((1920, 1080), (1280, 720)):
        projector.set_viewport_size({"width": width, "height": height})
        expect(projector.get_by_test_id("opinions-stage")).to_be_visible()
        assert vertical_overflow(projector) == 0, f"the projector scrolls at {width}×{height}"

    # The report: the same two groups, the approved statement among all statements.
    page.goto(server(report_url))
    expect(page.get_by_test_id("report-group")).to_have_count(2)
    expect(page.get_by_test_id("report-statements")).to_contain_text("Plantera träd på torget")
    assert_accessible(page, "the statements report")
    for the_phone, name in ((first, "390-phone"),):
        the_phone.screenshot(path=str(server.var_dir / f"statements-{name}.png"))
    projector.set_viewport_size({"width": 1920, "height": 1080})
    projector.screenshot(path=str(server.var_dir / "statements-1920.png"))
