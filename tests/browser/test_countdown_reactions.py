"""Countdown, results after closing, results on phones and reactions in a real browser: a
projector and three phones follow the control page without a reload. The countdown runs
out on the server's clock (phones then say "Time is up"); results hidden until then appear
on the projector and, when asked, on the phones. A reaction floats up the projector. axe-core
on the phone and the projector; the projector fits 1920×1080 and 1280×720.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

REALTIME = 5_000  # ms, as in test_live_flow
CHOICE_PROMPT = "Vad är viktigast för Storby de närmaste fem åren?"


def on_projector(text: str) -> str:
    """The projector speaks the dialogue's language (Swedish), through the server's catalogue."""
    with translation.override("sv"):
        return translation.gettext(text)


def no_vertical_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollHeight <= window.innerHeight")


def test_countdown_closes_answering_and_results_follow(
    facilitator, phone, new_context, server, login_state
):
    control = facilitator
    control.go_to(support.CHOICE)
    control.command("after_close_on")
    control.command("phone_results_on")
    projector = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    projector.goto(server.presenter_url)
    expect(projector.locator(".stage-question")).to_have_text(CHOICE_PROMPT)
    phones = [phone() for _ in range(3)]
    for each in phones:
        expect(each.locator("#question-heading")).to_have_text(CHOICE_PROMPT)
    # Results wait for the end of answering.
    phones[0].locator(".option").first.click()
    phones[0].get_by_role("button", name="Send", exact=True).click()
    expect(phones[0].locator(".ack")).to_be_visible()
    expect(projector.locator(".hidden-results")).to_have_text(
        on_projector("Results are shown when answering closes."), timeout=REALTIME
    )
    expect(projector.locator(".bar-row")).to_have_count(0)

    # A 4-second countdown: phones and the projector count down, without a reload.
    control.command("countdown", seconds=4)
    for screen in [projector, *phones]:
        expect(screen.locator(".countdown[role=timer]")).to_be_visible(timeout=REALTIME)
        expect(screen.locator(".countdown-time")).to_have_text(re.compile(r"^0:0[0-4]$"))
    assert_accessible(phones[1], "a phone with a countdown and reactions")
    assert_accessible(projector, "the projector with a countdown")

    # Time is up: the server closes answering; phones say so and show the results.
    for each in phones:
        expect(each.locator(".notice")).to_contain_text("Time is up", timeout=10_000)
        expect(each.locator(".phone-results .bar-row")).not_to_have_count(0)
        expect(each.locator(".answer-form")).to_have_count(0)
    expect(projector.locator(".bar-row").first).to_be_visible(timeout=REALTIME)
    expect(projector.locator(".stage-meta")).to_contain_text(on_projector("Closed for answers"))
    assert_accessible(phones[2], "a phone showing results after closing")
    for size in ({"width": 1920, "height": 1080}, {"width": 1280, "height": 720}):
        support.resize_projector(projector, size)
        assert no_vertical_overflow(projector), f"the projector overflows at {size}"


def test_reactions_float_on_the_projector(facilitator, phone, new_context, server, login_state):
    projector = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    projector.goto(server.presenter_url)
    expect(projector.locator(".stage-question")).to_be_visible()
    phones = [phone() for _ in range(3)]
    for each, name in zip(phones, ["Thumbs up", "Heart", "Applause"], strict=True):
        each.get_by_role("button", name=name, exact=True).click()
        expect(each.locator("#reaction-status")).to_contain_text("Sent to the screen.")
    floating = projector.locator("#reactions .reaction-float")
    expect(floating.filter(has_text="👏")).to_have_count(1, timeout=REALTIME)
    # A phone that keeps pressing is slowed down, with a message. The limit counts in windows
    # of ten seconds, so a burst may straddle two: press (each answer awaited) until one is
    # refused (six in any one window are: 20 presses meet that unless each takes 2 s).
    status = phones[0].locator("#reaction-status")
    for _ in range(20):
        with phones[0].expect_response(lambda r: r.request.method == "POST") as answer:
            phones[0].get_by_role("button", name="Laughter", exact=True).click()
        if "very fast" in answer.value.text():
            break
    expect(status).to_contain_text("very fast", timeout=REALTIME)
