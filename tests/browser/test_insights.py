"""The input board in a real browser, on the demo dialogue "Storby 2030": coding with the
keyboard (number keys, accepting a suggestion, Enter to answer, p to publish) and the answer on
the public section's preview; importing a CSV through its preview; axe-core on the board.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

CSV = (
    "Innspill;Type;Svar;Tema\n"
    "Flere benker langs elva;Forslag;;Parker og natur\n"
    "Hvorfor er busskortet så dyrt?;Spørsmål;;\n"
)


@pytest.fixture
def desk(new_context, login_state):
    return new_context(support.DESKTOP, storage_state=login_state).new_page()


def dialogue_id(page, server) -> int:
    page.goto(server("/dialogues/"))
    href = page.get_by_role("link", name="Storby 2030").first.get_attribute("href")
    return int(re.search(r"/(\d+)/", href).group(1))


def row_of(page, text):
    return page.locator(".input-row").filter(has=page.locator(".input-text", has_text=text))


def test_code_answer_and_publish_with_the_keyboard(desk, server):
    board = server(f"/insights/d/{dialogue_id(desk, server)}/")
    desk.goto(board + "?theme=none", timeout=120_000)
    # The board comes at once while the suggester learns in the background (issue 15.4):
    # reload until its suggestions are there (a state the server reaches, not a time).
    for _ in range(200):
        if desk.locator(".input-row[data-top-theme]").count():
            break
        desk.reload()
    assert_accessible(desk, "the input board")

    # j moves to the first input, 1 puts the first theme of the codebook on it.
    desk.keyboard.press("j")
    first = desk.locator(".input-row").first
    expect(first).to_be_focused()
    # By id: the demo holds the same answer from several sessions (its rows are swapped on
    # each change, so the locator must find the new element).
    row = desk.locator("#" + first.get_attribute("id"))
    desk.keyboard.press("1")
    expect(row.locator(".theme-chip")).to_have_text(["Trafik och resor"])
    expect(row).to_be_focused()
    expect(desk.locator("#board-status")).to_have_text("Theme Trafik och resor added.")

    # The next input with a top suggestion (one confident enough, issue 13: the threshold):
    # a accepts it.
    desk.keyboard.press("j")
    for _ in range(20):
        if desk.locator(".input-row:focus[data-top-theme]").count():
            break
        desk.keyboard.press("j")
    second = desk.locator(".input-row:focus[data-top-theme]")
    expect(second).to_have_count(1)
    second_text = second.locator(".input-text").inner_text()
    second_row = desk.locator("#" + second.get_attribute("id"))
    suggestion = second.locator(".suggestion").first.inner_text()
    suggested_theme = re.sub(r"^a\s+|\s+\d+ %$", "", suggestion).strip()
    desk.keyboard.press("a")
    expect(second_row.locator(".theme-chip")).to_have_text([suggested_theme])

    # Enter opens the answer; Ctrl+Enter saves; p publishes.
    expect(second_row).to_be_focused()
    desk.keyboard.press("Enter")
    answer = second_row.get_by_label("Answer")
    expect(answer).to_be_focused()
    answer.fill("Kommunen tar upp frågan i budgeten för 2027.")
    desk.keyboard.press("Control+Enter")
    answered = second_row
    expect(answered.locator(".input-answer")).to_contain_text("budgeten för 2027")
    expect(answered).to_be_focused()
    desk.keyboard.press("p")
    expect(second_row.locator(".tag-published")).to_be_visible()

    # The help dialog lists the keys.
    desk.keyboard.press("?")
    expect(desk.get_by_role("dialog")).to_contain_text("Accept the top suggested theme")
    desk.keyboard.press("Escape")

    # The published answer is on the public section (its preview page).
    desk.goto(board.replace("/d/", "/d/") + "public/")
    section = desk.locator(".insights-public")
    expect(section).to_contain_text(second_text)
    expect(section).to_contain_text("Kommunen tar upp frågan i budgeten för 2027.")
    expect(section.locator("h3", has_text=suggested_theme)).to_be_visible()


def test_import_a_csv_with_preview(desk, server):
    pk = dialogue_id(desk, server)
    desk.goto(server(f"/insights/d/{pk}/import/"))
    desk.get_by_label("Table of inputs (CSV or Excel)").set_input_files(
        files=[{"name": "innspill.csv", "mimeType": "text/csv", "buffer": CSV.encode("cp1252")}]
    )
    with desk.expect_navigation():
        desk.get_by_role("button", name="Upload and preview").click()
    expect(desk.locator(".preview-table")).to_contain_text("Flere benker langs elva")
    expect(desk.get_by_label("Innspill")).to_have_value("text")
    expect(desk.get_by_label("Type")).to_have_value("kind")
    assert_accessible(desk, "the import preview")
    # Back on the board, whose suggester retrains for the new theme: be patient.
    with desk.expect_navigation(timeout=60_000):
        # no_wait_after: the click itself must not give up after 10 s; expect_navigation waits
        desk.get_by_role("button", name="Import", exact=True).click(no_wait_after=True)
    expect(desk.locator(".messages")).to_contain_text("2 inputs imported.")
    desk.goto(server(f"/insights/d/{pk}/?q=busskortet"))
    row = row_of(desk, "Hvorfor er busskortet så dyrt?")
    expect(row.locator(".input-meta")).to_contain_text("Question")


def test_a_large_import_runs_in_the_background_with_progress(desk, server):
    """Over SAMRAD_IMPORT_AT_ONCE_ROWS (2,000) rows: Import answers at once with the progress
    page, which the worker beside `samrad serve` brings to the result (issue 19.5)."""
    rows = 3000
    big = "Innspill;Type\n" + "".join(f"Lys i tunnel nummer {i};Forslag\n" for i in range(rows))
    pk = dialogue_id(desk, server)
    desk.goto(server(f"/insights/d/{pk}/import/"))
    desk.get_by_label("Table of inputs (CSV or Excel)").set_input_files(
        files=[{"name": "stor.csv", "mimeType": "text/csv", "buffer": big.encode()}]
    )
    with desk.expect_navigation():
        desk.get_by_role("button", name="Upload and preview").click()
    with desk.expect_navigation():
        desk.get_by_role("button", name="Import", exact=True).click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Importing: stor.csv")
    progress = desk.locator("#import-progress")
    assert_accessible(desk, "the import's progress page")
    # the server answers other pages meanwhile
    assert desk.request.get(server("/dialogues/"), timeout=5_000).ok
    expect(progress.get_by_test_id("import-done")).to_have_text(
        f"{rows} inputs imported.", timeout=120_000
    )
    expect(progress.get_by_role("progressbar")).to_have_count(0)
    assert_accessible(desk, "the import's progress page when done")
    progress.get_by_role("link", name="Input board").click()
    desk.goto(server(f"/insights/d/{pk}/?q=tunnel+nummer+2999"))
    expect(row_of(desk, "Lys i tunnel nummer 2999")).to_be_visible()


def test_the_other_pages_are_accessible_and_the_board_fits_a_phone(
    desk, new_context, login_state, server
):
    pk = dialogue_id(desk, server)
    for path, where in (
        ("themes/", "the codebook"),
        ("groups/", "the proposed groups"),
        ("duplicates/", "the near-duplicates"),
        ("compare/?by=segment", "the comparison"),
        ("exports/", "the exports"),
        ("public/", "the public section's preview"),
    ):
        desk.goto(server(f"/insights/d/{pk}/{path}"), timeout=60_000)
        assert_accessible(desk, where)
    phone = new_context(support.PHONE, storage_state=login_state).new_page()
    phone.goto(server(f"/insights/d/{pk}/"), timeout=60_000)
    assert support.horizontal_overflow(phone) == 0
