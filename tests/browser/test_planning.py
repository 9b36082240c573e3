"""The plan and its evaluation in a real browser: build a small goal matrix with one bound and
one manual measure, see the status summary change, add a decision, see reach; axe-core on
every page, at laptop and phone width.

The test makes its own dialogue (through the dialogue pages) and deletes it afterwards, so
that the other browser tests, which open the newest dialogue, find the demo's. The demo
dialogue's matrix is checked read-only.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible, horizontal_overflow

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", autouse=True)
def _axe_available():
    if not support.AXE_JS.exists():
        pytest.fail(f"{support.AXE_JS} is missing: run `make test-deps` (npm ci)")


def open_details(page, summary: str):
    """Open the <details> whose summary is `summary`; return it to fill its form."""
    details = page.locator("details", has=page.locator("summary", has_text=summary))
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def saved(page, message: str) -> None:
    expect(page.locator(".messages")).to_contain_text(message)


TITLE = "Plan i webbläsaren"


@pytest.fixture
def own_dialogue(server):
    """Remove the test's dialogue afterwards (through the server's own database)."""
    yield TITLE
    support._manage(
        server.env,
        "shell",
        "-c",
        "from samrad.dialogues.models import Dialogue; "
        f"Dialogue.objects.filter(title={TITLE!r}).delete()",
    )


def test_build_a_goal_matrix_decide_and_reach(new_context, login_state, server, own_dialogue):
    page = new_context(support.DESKTOP, storage_state=login_state).new_page()

    # A new dialogue with one meeting already held.
    page.goto(server("/dialogues/new/"))
    page.get_by_label("Title").fill(own_dialogue)
    page.get_by_label("Default language").select_option("sv")
    page.get_by_role("button", name="Create").click()
    expect(page).to_have_url(re.compile(r"/dialogues/\d+/$"))
    dialogue_id = int(re.search(r"/dialogues/(\d+)/$", page.url).group(1))
    meeting = open_details(page, "Add a meeting")
    meeting.get_by_label("Meeting").fill("Öppet möte i Norrby")
    meeting.get_by_label("Date and time").fill("2025-03-04T18:00")
    meeting.get_by_role("button", name="Add meeting").click()
    saved(page, "Meeting added.")

    # The dialogue page links into the plan.
    page.get_by_role("region", name="Plan and evaluation").get_by_role(
        "link", name="Goal matrix"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Goal matrix")
    assert_accessible(page, "empty goal matrix")

    form = open_details(page, "Add a purpose")
    form.get_by_label("Purpose").fill("Ökat inflytande och aktivt medborgarskap")
    form.get_by_role("button", name="Add purpose").click()
    saved(page, "Purpose added.")
    form = open_details(page, "Add a goal")
    form.get_by_label("Purpose").select_option(label="Ökat inflytande och aktivt medborgarskap")
    form.get_by_label("Goal").fill("Möten i alla orter")
    form.get_by_role("button", name="Add goal").click()
    saved(page, "Goal added.")

    form = open_details(page, "Add a measure")
    form.get_by_label("Measure", exact=True).fill("Genomförda möten")
    form.get_by_label("Source of the value").select_option(label="Meetings held (date passed)")
    form.get_by_label("Target", exact=True).fill("1")
    form.get_by_role("button", name="Add measure").click()
    saved(page, "Measure added.")
    form = open_details(page, "Add a measure")
    form.get_by_label("Measure", exact=True).fill("Besök på dialogsidan")
    form.get_by_label("Source of the value").select_option(value="manual")
    form.get_by_label("Target", exact=True).fill("3000")
    form.get_by_role("button", name="Add measure").click()
    saved(page, "Measure added.")

    summary = page.locator(".status-summary strong")
    expect(summary).to_have_text("1 of 2 met, 1 pending")
    expect(page.locator("table.measures tr", has_text="Genomförda möten")).to_contain_text("Met")
    assert_accessible(page, "goal matrix")

    # A value entered by hand, with its evidence: 2 800 of 3 000 is close.
    page.get_by_role("link", name="Besök på dialogsidan").click()
    page.get_by_label("Value", exact=True).fill("2800")
    page.get_by_label("Evidence").fill("Webbstatistik för mars")
    page.get_by_role("button", name="Save value").click()
    saved(page, "Value recorded.")
    expect(page.locator(".facts")).to_contain_text("Close")
    assert_accessible(page, "measure")
    page.get_by_role("navigation", name="Plan and evaluation").get_by_role(
        "link", name="Goal matrix"
    ).click()
    expect(summary).to_have_text("1 of 2 met, 1 close")

    # A decision taken with the politicians.
    page.goto(server(f"/plan/{dialogue_id}/"))
    form = open_details(page, "Add a decision")
    form.get_by_label("Date").fill("2025-02-10")
    form.get_by_label("Decided by").fill("Kommunstyrelsen")
    form.get_by_label("Decision", exact=True).fill("Dialogens syften fastställs.")
    form.get_by_label("What it means for the dialogue").fill("Målmatrisen byggs på syftena.")
    form.get_by_role("button", name="Add decision").click()
    saved(page, "Decision added.")
    decisions = page.get_by_role("table", name="Decisions taken with the politicians")
    expect(decisions).to_contain_text("Dialogens syften fastställs.")
    expect(page.locator(".status-summary strong")).to_have_text("1 of 2 met, 1 close")
    assert_accessible(page, "dialogue plan")

    # Reach of a target group counted by hand.
    page.get_by_role("link", name="Target groups and meetings").click()
    form = open_details(page, "Add a target group")
    form.get_by_label("Target group").fill("Småbarnsföräldrar")
    form.get_by_label("Participants to reach").fill("60")
    form.get_by_label("Reached (counted by hand)").fill("45")
    form.get_by_label("Öppet möte i Norrby").check()
    form.get_by_role("button", name="Add target group").click()
    saved(page, "Target group added.")
    expect(page.locator(".reach-row", has_text="Småbarnsföräldrar")).to_contain_text(
        "45 of 60 (75 %)"
    )
    expect(page.get_by_role("table", name="All meetings")).to_contain_text("Småbarnsföräldrar")
    assert_accessible(page, "target groups and meetings")

    # The same pages fit a phone.
    phone = new_context(support.PHONE, storage_state=login_state).new_page()
    for path in ("", "goals/", "reach/"):
        phone.goto(server(f"/plan/{dialogue_id}/{path}"))
        assert horizontal_overflow(phone) == 0, path
        assert_accessible(phone, f"/plan/…/{path} at 390 px")


def test_demo_plan_pages_read_the_demo_data(new_context, login_state, server):
    page = new_context(support.DESKTOP, storage_state=login_state).new_page()
    page.goto(server("/dialogues/"))
    page.get_by_role("link", name="Storby 2030").first.click()
    section = page.get_by_role("region", name="Plan and evaluation")
    # "Share of inputs answered" reads the input board, which the merged demo fills (few
    # answered yet): not met.
    expect(section.locator(".status-summary strong")).to_have_text(
        "9 of 13 met, 2 close, 1 not met, 1 pending"
    )
    section.get_by_role("link", name="Communication").click()
    expect(page.locator(".overdue-notice")).to_contain_text("2 activities are overdue.")
    assert_accessible(page, "communication plan")
    for name in ("Evaluation", "Co-creation lab"):
        page.get_by_role("navigation", name="Plan and evaluation").get_by_role(
            "link", name=name
        ).click()
        assert_accessible(page, name)
    page.get_by_role("link", name="Fritidsbanken i Storby", exact=True).click()
    expect(page.get_by_role("img", name=re.compile("Utlån per månad"))).to_be_visible()
    assert_accessible(page, "co-creation lab")
