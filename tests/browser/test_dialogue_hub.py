"""The demo dialogue's hub page on a phone and a laptop: accessible (axe-core), no sideways
scrolling at 390 px, the stage navigation leads to each stage, and the settings open."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

STAGES = ["Plan", "Meet", "Make sense", "Feed back and report"]


@pytest.mark.parametrize("kind", [support.PHONE, support.DESKTOP], ids=["390", "1440"])
def test_the_hub_reads_well_and_its_navigation_leads_to_each_stage(
    new_context, login_state, server, kind
):
    page = new_context(kind, storage_state=login_state).new_page()
    page.goto(server("/dialogues/"))
    page.get_by_role("link", name="Storby 2030").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Storby 2030")
    assert support.horizontal_overflow(page) == 0
    assert_accessible(page, f"the dialogue hub at {kind['viewport']['width']} px")

    # The demo has participants, sessions and held meetings: the header counts them.
    for testid in ("participants", "sessions", "meetings-held"):
        assert int(page.get_by_test_id(testid).inner_text()) > 0

    nav = page.get_by_role("navigation", name="Dialogue stages")
    for stage in STAGES:
        nav.get_by_role("link", name=stage).click()
        heading = page.get_by_role("heading", level=2, name=stage, exact=True)
        expect(heading).to_be_in_viewport()
    expect(page).to_have_url(re.compile(r"#stage-report$"))

    # The wide tables scroll inside their own keyboard-reachable region, not the page.
    meetings = page.get_by_role("region", name="Meetings (table)")
    expect(meetings).to_have_attribute("tabindex", "0")

    # Settings (the edit forms) are folded away until asked for.
    expect(page.get_by_label("Default language")).to_be_hidden()
    nav.get_by_role("link", name="Settings").click()
    expect(page.get_by_label("Default language")).to_be_visible()
    expect(page.get_by_role("button", name="Save phases")).to_be_in_viewport()
