"""The phone's "My data" page in a real browser at 390 px: reached from the footer, shows
the answer, downloads the JSON, deletes after confirmation (the projector's count follows),
no horizontal scrolling, axe-core clean, and no Content-Security-Policy violation anywhere.
"""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible, horizontal_overflow

pytestmark = pytest.mark.browser

OPEN_PROMPT = "Har du en fråga, ett inspel eller ett förslag till kommunen?"
ANSWER = "Fler <b>bänkar</b> vid ån"
EMAIL = "eva@example.org"


def csp_violations(page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def test_my_data_shows_downloads_and_deletes(facilitator, phone, new_context, server, login_state):
    control = facilitator
    control.go_to(control.index_of(OPEN_PROMPT))
    page = phone()
    violations = csp_violations(page)
    page.reload()
    expect(page.locator("#question-heading")).to_have_text(OPEN_PROMPT, timeout=5_000)
    page.get_by_label("Your text").fill(ANSWER)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".ack")).to_be_visible()

    projector = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    projector_violations = csp_violations(projector)
    projector.goto(server.presenter_url)
    expect(projector.locator(".stage")).to_contain_text("bänkar")

    # An address left for feedback is kept apart from the answers; "My data" finds it through
    # the phone's cookie.
    page.goto(server(f"/feedback/subscribe/{server.code}/"))
    page.get_by_label("Your e-mail address").fill(EMAIL)
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Send me feedback").click()
    expect(page.locator(".ack")).to_be_visible()
    page.goto(server.phone_url)

    page.get_by_role("link", name="My data").click()
    expect(page.get_by_role("heading", name="My data", level=1)).to_be_visible()
    expect(page.locator(".my-data-answers")).to_contain_text(ANSWER)  # as text, not markup
    expect(page.locator(".my-data-held")).to_contain_text(EMAIL)
    assert page.locator(".my-data-answers b").count() == 0
    assert horizontal_overflow(page) == 0
    assert_accessible(page, "the My data page")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data (JSON)").click()
    data = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert [r["text"] for r in data["responses"]] == [ANSWER]
    assert [s["email"] for s in data["feedback.subscriptions"]] == [EMAIL]

    # Deleting needs the box ticked (the browser says so before anything is sent).
    page.get_by_role("button", name="Delete my answers").click()
    expect(page.get_by_role("heading", name="My data", level=1)).to_be_visible()
    page.get_by_label("Yes, delete my answers in this session").check()
    page.get_by_role("button", name="Delete my answers").click()
    expect(page.locator(".ack")).to_contain_text("were deleted")
    expect(page.locator("main")).to_contain_text("Nothing is stored about this phone")
    assert_accessible(page, "the My data page after deletion")
    # The projector follows: the answer is gone from the results.
    expect(projector.locator(".stage")).not_to_contain_text("bänkar", timeout=5_000)
    assert violations == [] and projector_violations == []
