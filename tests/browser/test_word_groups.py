"""Word groups in chromium (issue 15.1 web, 15.3): word-cloud answers imported through the
column mapping with the split shown before the import, then the facilitator's word groups:
what a term groups on hover and on keyboard focus (Escape hides it), a form split off and
joined again; axe-core on both pages."""

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

CSV = "Ord\ntrygghet bättre_belysning grönområden\ntryggheten cykelbanor\ntrygghet\n".encode()


@pytest.fixture
def desk(new_context, login_state):
    return new_context(support.DESKTOP, storage_state=login_state).new_page()


def test_imported_word_cloud_shows_its_groups_and_a_form_is_split(desk, server):
    pk = support.dialogue_id(desk, server)
    desk.goto(server(f"/insights/d/{pk}/import/"))
    desk.get_by_label("Table of inputs (CSV or Excel)").set_input_files(
        files=[{"name": "ordmoln-mars.csv", "mimeType": "text/csv", "buffer": CSV}]
    )
    with desk.expect_navigation():
        desk.get_by_role("button", name="Upload and preview").click()
    desk.get_by_label("several entries per row", exact=False).check()
    with desk.expect_navigation():
        desk.get_by_role("button", name="Show how the rows are split").click()
    expect(desk.locator("#split-preview")).to_contain_text(
        "3 entries from row 2: trygghet · bättre belysning · grönområden"
    )
    assert_accessible(desk, "the import preview with the split")
    with desk.expect_navigation():
        desk.get_by_role("button", name="Import", exact=True).click()
    expect(desk.locator(".messages")).to_contain_text("imported as the session “ordmoln-mars”")

    with desk.expect_navigation():
        desk.get_by_role("link", name="Word groups", exact=True).click()
    term = desk.locator(".term-grouped", has_text="trygghet")
    tip = desk.locator(".term-tip", has_text="trygghet ← tryggheten")
    expect(tip).to_be_hidden()
    term.hover()
    expect(tip).to_be_visible()
    desk.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    desk.mouse.move(0, 0)
    term.focus()  # a keyboard user reaches it with Tab (tabindex 0)
    expect(tip).to_be_visible()
    assert_accessible(desk, "the word groups page")

    table = desk.locator("#word-groups")
    expect(table.get_by_role("row", name="trygghet 3")).to_contain_text("tryggheten (1)")
    desk.locator("summary", has_text="Split").click()
    with desk.expect_navigation():
        desk.get_by_role("button", name="Count “tryggheten” on its own").click()
    expect(table.get_by_role("row", name="tryggheten 1")).to_contain_text("split from its group")
    expect(table.get_by_role("row", name="trygghet 2")).to_be_visible()
    with desk.expect_navigation():
        desk.get_by_role("button", name="Join again").click()
    expect(table.get_by_role("row", name="trygghet 3")).to_be_visible()
