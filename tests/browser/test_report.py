"""The dialogue report built in the background, end to end: the facilitator asks for the PDF
on the feedback page, the line shows its progress while the worker that `samrad serve`
started builds it, the page answers meanwhile, and the download is offered when it is done
(a PDF named in the dialogue's language). axe-core on the page while it builds and after, at
1440 and 390 px."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser


def test_report_builds_in_the_background_with_progress(new_context, server, login_state):
    page = new_context(support.DESKTOP, storage_state=login_state).new_page()
    page.goto(server("/dialogues/"))
    page.get_by_role("link", name="Storby 2030").first.click()
    page.get_by_role("link", name=re.compile("^Public page, feedback e-mails")).click()
    builds_before = page.locator(".report-build").count()

    page.get_by_role("button", name="Build the report (PDF)").click()
    line = page.locator(".report-build").first
    expect(page.locator(".report-build")).to_have_count(builds_before + 1)
    # queued or building: a progress bar and what it is doing, asked for again every second
    expect(line.get_by_role("progressbar", name="Report progress")).to_be_visible()
    expect(line.get_by_test_id("report-progress")).to_contain_text(re.compile("Waiting|Building"))
    assert_accessible(page, "the feedback page while the report builds")

    # the server answers other pages meanwhile (the report renders in the worker process)
    other = page.request.get(server("/dialogues/"), timeout=5_000)
    assert other.ok

    # the worker takes it: the share done climbs with the chapters
    expect(line.get_by_test_id("report-progress")).to_contain_text(
        re.compile(r"Building: \d+ %"), timeout=60_000
    )
    ready = line.get_by_test_id("report-ready")
    expect(ready).to_be_visible(timeout=180_000)
    expect(line.get_by_role("progressbar")).to_have_count(0)
    assert_accessible(page, "the feedback page with the report ready")
    page.set_viewport_size(support.PHONE["viewport"])
    assert_accessible(page, "the feedback page with the report ready, at 390 px")
    assert support.horizontal_overflow(page) == 0

    with page.expect_download() as download:
        ready.get_by_role("link").click()
    assert download.value.suggested_filename == "storby-2030-rapport.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
