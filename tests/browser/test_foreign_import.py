"""Results of Mentimeter and Slido through the pages (issue 15.2): upload, the preview with the
split of word-cloud rows, the import, then the inputs on the board and the word cloud of the
imported session; axe-core on the new pages."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible
from tests.insights import foreign_files as files

pytestmark = pytest.mark.browser
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def desk(new_context, login_state):
    return new_context(support.DESKTOP, storage_state=login_state).new_page()


def dialogue_id(page, server) -> int:
    page.goto(server("/dialogues/"))
    href = page.get_by_role("link", name="Storby 2030").first.get_attribute("href")
    return int(re.search(r"/(\d+)/", href).group(1))


def upload(page, server, pk, name, data):
    page.goto(server(f"/insights/d/{pk}/import/"))
    page.get_by_role("link", name="Import results from Mentimeter or Slido").click()
    page.get_by_label("Results exported from Mentimeter or Slido").set_input_files(
        files=[{"name": name, "mimeType": XLSX, "buffer": data}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and preview").click()


def run_import(page, title):
    page.get_by_label("Name of the session").fill(title)
    with page.expect_navigation(timeout=60_000):
        page.get_by_role("button", name="Import", exact=True).click(no_wait_after=True)
    expect(page.locator(".messages")).to_contain_text(f"imported as the session “{title}”")


def row_of(page, text):
    return page.locator(".input-row").filter(has=page.locator(".input-text", has_text=text))


def control_of(page, server, pk, title):
    page.goto(server(f"/dialogues/{pk}/"))
    href = page.get_by_role("link", name=title, exact=True).first.get_attribute("href")
    page.goto(server(href.rstrip("/") + "/control/"))


def test_mentimeter_export_becomes_a_session(desk, server):
    pk = dialogue_id(desk, server)
    desk.goto(server(f"/insights/d/{pk}/import/results/"))
    assert_accessible(desk, "the results import page")
    upload(desk, server, pk, "mentimeter.xlsx", files.mentimeter())
    expect(desk.locator("#foreign-questions")).to_contain_text("Hur tar du dig till jobbet?")
    split = desk.locator("#split-preview")
    expect(split).to_contain_text("3 entries from row 3: grön stad · trygghet · cykel")
    assert_accessible(desk, "the results import preview")
    desk.get_by_label("One entry per row").check()
    with desk.expect_navigation():
        desk.get_by_role("button", name="Show the split again").click()
    expect(split).to_contain_text("1 entry from row 3: grön_stad trygghet cykel")
    desk.get_by_label("Several entries per row", exact=False).check()
    run_import(desk, "Mentimeter mars 2024")
    desk.goto(server(f"/insights/d/{pk}/?q=Norrby"))
    expect(
        row_of(desk, "När byggs cykelbanan till Norrby?").locator(".input-meta")
    ).to_contain_text("Question")
    control_of(desk, server, pk, "Mentimeter mars 2024")
    expect(desk.locator('.cloud li[data-count="3"]', has_text="trygghet")).to_be_visible()
    expect(desk.locator(".cloud li", has_text="grön stad")).to_be_visible()


def test_slido_export_becomes_a_session(desk, server):
    pk = dialogue_id(desk, server)
    upload(desk, server, pk, "slido.xlsx", files.slido())
    expect(desk.locator("main")).to_contain_text("Slido")
    expect(desk.locator("#foreign-questions")).to_contain_text("Ett ord om sentrum")
    expect(desk.locator("#split-preview")).to_contain_text("entry from row 5: grønne lunger")
    assert_accessible(desk, "the results import preview (Slido)")
    run_import(desk, "Slido folkemøte")
    desk.goto(server(f"/insights/d/{pk}/?q=skolen"))
    expect(row_of(desk, "Når åpner den nye skolen?")).to_be_visible()
    control_of(desk, server, pk, "Slido folkemøte")
    expect(desk.locator(".stage")).to_contain_text("Sykkel")
