"""Moderation of word-cloud entries in a real browser: a projector, three phones and the
control page. A blocked word waits for the facilitator and never reaches the projector until
approved; one click hides an entry from the projector (and shows it again); the panel follows
new entries without a reload. axe-core on the control page with the panel.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

REALTIME = 5_000  # ms, as in test_live_flow
WORDCLOUD_PROMPT = "Vilket ord beskriver Storby bäst i dag?"


def send_words(page, words):
    page.get_by_label(re.compile(r"^Your answer")).fill(words)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".sent")).to_contain_text(words)


def entry(page, text):
    return page.locator("#entry-moderation .mod-entry").filter(
        has=page.locator(".qa-text", has_text=re.compile(rf"^{re.escape(text)}$"))
    )


def test_blocked_word_waits_hide_and_show_reach_the_projector(
    facilitator, phone, new_context, server, login_state
):
    control = facilitator
    page = control.page
    expect(page.locator("#entry-moderation")).to_be_visible()
    projector = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    projector.goto(server.presenter_url)
    expect(projector.locator(".stage-question")).to_have_text(WORDCLOUD_PROMPT)
    phones = [phone() for _ in range(3)]
    for each, words in zip(phones, ["park", "Fuuuck", "skola"], strict=True):
        send_words(each, words)

    cloud = projector.locator(".cloud li")
    expect(cloud.filter(has_text="skola")).to_be_visible(timeout=REALTIME)
    expect(cloud.filter(has_text="park")).to_be_visible()
    expect(cloud).to_have_count(2)  # the blocked word waits

    # The panel followed without a reload: the blocked entry waits for approval.
    waiting = page.locator("#entries-pending-heading")
    expect(waiting).to_contain_text("(1)", timeout=REALTIME)
    expect(entry(page, "Fuuuck")).to_be_visible()
    assert_accessible(page, "the control page with the entries panel")

    # One click hides "park": the projector drops it at once, the data keeps it.
    started = time.monotonic()
    entry(page, "park").get_by_role("button", name="Hide", exact=True).click()
    expect(cloud.filter(has_text="park")).to_have_count(0, timeout=REALTIME)
    hidden_after = time.monotonic() - started
    expect(page.locator("#entries-hidden-heading")).to_contain_text("(1)")
    expect(entry(page, "park")).to_be_focused()
    print(f"hide reached the projector in {hidden_after:.2f} s")

    # And one click shows it again.
    entry(page, "park").get_by_role("button", name="Show", exact=True).click()
    expect(cloud.filter(has_text="park")).to_be_visible(timeout=REALTIME)

    # The facilitator approves the waiting entry: now it is on the projector.
    entry(page, "Fuuuck").get_by_role("button", name="Approve", exact=True).click()
    expect(cloud).to_have_count(3, timeout=REALTIME)
    assert projector.evaluate("document.documentElement.scrollHeight <= window.innerHeight"), (
        "the projector overflows"
    )


def test_premoderation_holds_entries_until_approved(
    facilitator, phone, new_context, server, login_state
):
    page = facilitator.page
    toggle = page.locator("#entry-premoderation")
    toggle.click()
    expect(page.locator("#entry-premoderation")).to_have_attribute("aria-pressed", "true")
    projector = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    projector.goto(server.presenter_url)
    phones = [phone() for _ in range(3)]
    for each, words in zip(phones, ["bibliotek", "buss", "skog"], strict=True):
        send_words(each, words)
    expect(page.locator("#entries-pending-heading")).to_contain_text("(3)", timeout=REALTIME)
    expect(projector.locator(".cloud li")).to_have_count(0)
    entry(page, "buss").get_by_role("button", name="Approve", exact=True).click()
    expect(projector.locator(".cloud li", has_text="buss")).to_be_visible(timeout=REALTIME)
    expect(projector.locator(".cloud li")).to_have_count(1)
    # Back to the default for the other tests.
    page.locator("#entry-premoderation").click()
    expect(page.locator("#entry-premoderation")).to_have_attribute("aria-pressed", "false")


def test_word_filter_page_is_editable_and_accessible(new_context, server, login_state):
    page = new_context(support.DESKTOP, storage_state=login_state).new_page()
    page.goto(server.control_url)
    page.goto(
        server.url
        + page.locator("#entry-moderation a", has_text="Word filter").get_attribute("href")
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Word filter")
    assert_accessible(page, "the word filter page")
    english = page.get_by_label("Words never shown").last
    expect(english).to_contain_text("fuck*")
