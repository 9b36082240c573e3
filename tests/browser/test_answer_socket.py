"""The phone page answers over its WebSocket (participant-answers.js): no HTTP POST, the
confirmation after the server's ack, a refusal shown above the form with the text kept."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REALTIME = 5_000


def test_phone_answers_over_its_socket_and_keeps_text_when_refused(facilitator, phone):
    page = phone()
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.wait_for_function("() => window.samradSocket && window.samradSocket.readyState === 1")
    page.get_by_label(re.compile(r"^Your answer")).fill("torget")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".ack")).to_be_visible(timeout=REALTIME)
    expect(page.locator(".sent")).to_contain_text("torget")
    assert posts == []  # over the socket, not by the form's POST

    # Four words where the word cloud takes three: refused, the text stays in the field.
    field = page.get_by_label(re.compile(r"^Your answer"))
    field.fill("en två tre fyra")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("at most", timeout=REALTIME)
    expect(field).to_have_value("en två tre fyra")
    assert posts == []
