"""What the public sees, in a real browser on the demo dialogue "Storby 2030": a draft answer
written on the board marks the input answered but stays off the public page until it is
published (the board says so first); results of fewer people than the smallest group are
withheld with the reason; axe-core finds nothing on the public page at 390 and 1440 px."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

DRAFT = "Utkast: kommunen svarar efter budgetmötet 2031."


@pytest.fixture
def desk(new_context, login_state):
    return new_context(support.DESKTOP, storage_state=login_state).new_page()


def dialogue_id(page, server) -> int:
    page.goto(server("/dialogues/"))
    links = page.get_by_role("link", name="Storby 2030")
    expect(links.first).to_be_visible()
    # The demo's own dialogue is the oldest: a method template import makes a younger copy.
    hrefs = [link.get_attribute("href") for link in links.all()]
    return min(int(re.search(r"/(\d+)/", href).group(1)) for href in hrefs)


def test_a_draft_answer_is_answered_but_public_only_once_published(desk, new_context, server):
    board = server(f"/insights/d/{dialogue_id(desk, server)}/")
    # The first board of a process loads scikit-learn and trains the suggester: be patient.
    desk.goto(board + "?status=new", timeout=120_000)
    first = desk.locator(".input-row").first
    row = desk.locator("#" + first.get_attribute("id"))
    text = row.locator(".input-text").inner_text()
    row.get_by_role("button", name="Answer", exact=True).click()
    row.get_by_label("Answer").fill(DRAFT)
    expect(row.get_by_label("Status")).to_have_value("new")  # sent back unchanged
    row.get_by_role("button", name="Save answer").click()
    expect(row.locator(".input-answer")).to_contain_text("budgetmötet 2031")
    expect(row.locator(".status-tag")).to_have_text("Answered")
    expect(row.locator(".tag-published")).to_have_count(0)

    # The board says, before publishing, that the answer waits for "Publish".
    desk.goto(board)
    expect(desk.get_by_test_id("publish-summary")).to_contain_text("not published yet")

    public = new_context(support.PHONE).new_page()
    public.goto(server("/d/storby-2030/"))
    expect(public.get_by_role("heading", name="Storby 2030", level=1)).to_be_visible()
    expect(public.locator("body")).not_to_contain_text("budgetmötet 2031")

    desk.goto(board + "?status=answered&published=no")
    row = desk.locator(".input-row").filter(has=desk.locator(".input-text", has_text=text))
    row.first.get_by_role("button", name="Publish", exact=True).click()
    expect(row.first.locator(".tag-published")).to_be_visible()
    public.reload()
    expect(public.locator(".insights-public")).to_contain_text("budgetmötet 2031")


@pytest.mark.parametrize("width", [390, 1440])
def test_public_page_withholds_small_groups_and_is_accessible(new_context, server, width):
    page = new_context(support.PHONE if width == 390 else support.DESKTOP).new_page()
    assert page.goto(server("/d/storby-2030/")).status == 200
    withheld = page.get_by_test_id("result-withheld")
    expect(withheld.first).to_contain_text(re.compile(r"fewer than \d+ people answered"))
    assert_accessible(page, f"the public page at {width} px")
    assert support.horizontal_overflow(page) == 0


def test_a_method_template_imports_each_session_once_and_closed(desk, server):
    source = dialogue_id(desk, server)
    template = desk.request.get(server(f"/feedback/dialogues/{source}/method.json"))
    assert template.ok
    data = template.json()
    desk.goto(server("/feedback/import/"))
    desk.locator("input[type=file]").set_input_files(
        {"name": "method.json", "mimeType": "application/json", "buffer": template.body()}
    )
    desk.get_by_role("button", name="Import", exact=True).click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text(data["dialogue"]["title"])
    assert f"/dialogues/{source}/" not in desk.url
    rows = desk.locator("#sessions-heading + .table-wrap tbody tr")
    titles = rows.locator("td:first-child").all_inner_texts()
    workshops = [w["title"] for w in data["apps"].get("workshops", {}).get("workshops", [])]
    assert workshops, "the demo has a workshop"
    # The sessions once each (a workshop's own session is listed under Workshops only).
    assert sorted(titles) == sorted(s["title"] for s in data["sessions"])
    assert set(rows.locator("td:nth-child(3)").all_inner_texts()) == {"Closed"}
    listed = desk.locator("section[aria-labelledby=workshops-heading] li").all()
    assert sorted(item.locator("a").first.inner_text() for item in listed) == sorted(workshops)
    assert all("Closed" in item.inner_text() for item in listed)
    # Later tests on the shared server open "Storby 2030" by its name: rename the copy (its
    # sessions protect it from deletion).
    imported = int(re.search(r"/dialogues/(\d+)/", desk.url).group(1))
    support._manage(
        server.env,
        "shell",
        "-c",
        "from samrad.dialogues.models import Dialogue; "
        f"Dialogue.objects.filter(pk={imported}).update(title='Imported method template')",
    )


def test_the_coordinator_chooses_the_actions_and_decisions_the_public_sees(
    desk, new_context, server
):
    source = dialogue_id(desk, server)
    public = new_context(support.PHONE).new_page()
    public.goto(server("/d/storby-2030/"))
    expect(public.get_by_role("heading", name="Storby 2030", level=1)).to_be_visible()
    expect(public.get_by_test_id("public-actions")).to_have_count(0)  # none chosen yet

    # An action item: ticked "Show on the public page" where it is edited.
    desk.goto(server(f"/concerns/d/{source}/actions/"))
    links = desk.locator("table tbody td:first-child a")
    chosen, other = links.nth(0).inner_text(), links.nth(1).inner_text()
    links.nth(0).click()
    desk.get_by_label("Show on the public page").check()
    desk.get_by_role("button", name="Save", exact=True).click()
    expect(desk.get_by_text("Action saved.")).to_be_visible()

    public.reload()
    actions = public.get_by_test_id("public-actions")
    expect(actions.get_by_role("heading", name="What is being done")).to_be_visible()
    row = actions.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.first).to_contain_text(chosen)
    for label in ("Owner", "Sphere", "Due", "Status"):
        expect(row.first.locator(f"td[data-label='{label}']")).not_to_be_empty()
    expect(actions).not_to_contain_text(other)

    # A decision of the plan: taken off the public page from the plan's decision list.
    desk.goto(server(f"/plan/{source}/"))
    first = desk.locator("#decisions-heading ~ .table-scroll tbody tr").first
    decision = first.locator("td[data-label='Decision']").inner_text()
    expect(public.locator(".public-decisions")).to_contain_text(decision)
    first.get_by_role("button", name=re.compile("^Hide from the public page")).click()
    expect(desk.get_by_text("Taken off the public page.")).to_be_visible()
    public.reload()
    expect(public.locator("#plan-public-heading")).to_be_visible()
    expect(public.locator("body")).not_to_contain_text(decision)

    for width, context in ((390, support.PHONE), (1440, support.DESKTOP)):
        page = new_context(context).new_page()
        page.goto(server("/d/storby-2030/"))
        expect(page.get_by_test_id("public-actions")).to_be_visible()
        assert_accessible(page, f"the public page with actions at {width} px")
        assert support.horizontal_overflow(page) == 0

    # Back as it was, for the other tests.
    desk.goto(server(f"/plan/{source}/"))
    first = desk.locator("#decisions-heading ~ .table-scroll tbody tr").first
    first.get_by_role("button", name=re.compile("^Show on the public page")).click()
    expect(desk.get_by_text("Shown on the public page.")).to_be_visible()


def test_the_public_timeline_shows_every_phase_and_what_came_out_of_the_past_ones(
    desk, new_context, server
):
    source = dialogue_id(desk, server)
    outcome = "Tre orter bad om bättre belysning vid skolvägarna."
    desk.goto(server(f"/plan/{source}/"))
    desk.get_by_text("Set a phase's dates and contents").click()
    desk.get_by_label("Phase", exact=True).select_option(label="Intervjuer")
    desk.get_by_label("Starts").fill("2020-01-10")
    desk.get_by_label("Ends").fill("2020-02-20")
    desk.get_by_label("What came out of the phase").fill(outcome)
    desk.get_by_role("button", name="Save phase").click()
    expect(desk.get_by_text("Phase saved.")).to_be_visible()
    phases = desk.locator("ol.timeline > li").count()

    for width, context in ((390, support.PHONE), (1440, support.DESKTOP)):
        page = new_context(context).new_page()
        page.goto(server("/d/storby-2030/"))
        timeline = page.get_by_test_id("public-timeline")
        expect(timeline.get_by_role("heading")).to_have_count(0)
        phase = timeline.locator("li").filter(has_text="Intervjuer")
        expect(phase).to_contain_text("10 January 2020")
        expect(phase).to_contain_text("Done")
        expect(phase.locator(".timeline-outcome")).to_have_text(f"What came out of it: {outcome}")
        expect(timeline.locator("li[aria-current=step]")).to_have_count(1)  # "now"
        expect(timeline.locator("li.timeline-next").first).to_contain_text("Coming")
        expect(timeline.locator("> li")).to_have_count(phases)  # every phase, also undated
        assert_accessible(page, f"the public page with its timeline at {width} px")
        assert support.horizontal_overflow(page) == 0
