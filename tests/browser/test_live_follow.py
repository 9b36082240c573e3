"""Phones never show a stale state: a projector and three phones follow every change the
facilitator makes (reset, answering closed and opened, results hidden and shown, the session
ended and reopened) within a second, without a reload; a draft session shows a lobby.

Waits are Playwright's auto-retrying assertions with a 1 s limit counted from the moment the
facilitator's command has been answered, never sleeps.
"""

import os
import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser import support

pytestmark = pytest.mark.browser

WITHIN_A_SECOND = 1_000  # ms, the promise
CHOICE_PROMPT = "Vad är viktigast för Storby de närmaste fem åren?"
LATENCIES: list[float] = []


def heading(page):
    return page.locator("#question-heading")


def followed(phones, check) -> None:
    """Every phone shows `check(page)` within a second of the command's answer."""
    started = time.monotonic()
    for page in phones:
        expect(check(page)).to_be_visible(timeout=WITHIN_A_SECOND)
    LATENCIES.append(time.monotonic() - started)


def test_every_change_reaches_every_phone(facilitator, phone, new_context, login_state, server):
    facilitator.go_to(support.CHOICE)
    presenter = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    presenter.goto(server.presenter_url)
    expect(presenter.locator(".stage-question")).to_have_text(CHOICE_PROMPT)
    phones = [phone() for _ in range(3)]
    for page in phones:
        expect(heading(page)).to_have_text(CHOICE_PROMPT)
        page.locator(".option").first.click()
        page.get_by_role("button", name="Send", exact=True).click()
        expect(page.get_by_text("You have answered.")).to_be_visible()

    # Reset: every phone is back to an empty form, nobody has answered.
    facilitator.command("reset")
    followed(phones, lambda page: page.get_by_role("button", name="Send", exact=True))
    for page in phones:
        expect(page.get_by_text("You have answered.")).to_have_count(0)
        expect(page.locator(".option input:checked")).to_have_count(0)
    expect(presenter.get_by_test_id("choice-count").first).to_have_text(
        re.compile(r"^0\b"), timeout=WITHIN_A_SECOND
    )

    # Answering closed and opened again.
    facilitator.command("stop")
    followed(phones, lambda page: page.locator(".notice", has_text="This question is closed"))
    facilitator.command("accept")
    followed(phones, lambda page: page.locator("form.answer-form"))

    # Results hidden and shown: the phone's view of the question says so.
    facilitator.command("hide")
    followed(phones, lambda page: page.locator('.question-card[data-results="hidden"]'))
    facilitator.command("show")
    followed(phones, lambda page: page.locator('.question-card[data-results="shown"]'))

    # The session ended, then reopened: phones say so, then come back to the question.
    facilitator.command("close")
    followed(phones, lambda page: page.get_by_text("This session has ended"))
    facilitator.command("open")
    followed(phones, lambda page: heading(page).filter(has_text=CHOICE_PROMPT))
    print(f"phone follow latency, max over 3 phones: {[round(s, 3) for s in LATENCIES]} s")


def _draft_session(server) -> tuple[str, int]:
    """A new draft session with one question in the demo dialogue: its code and id."""
    output = support._manage(
        server.env,
        "shell",
        "-c",
        "from samrad.live.models import LiveSession; from samrad.live import services; "
        f"demo = LiveSession.objects.get(pk={server.session_id}); "
        "s = services.session_create(dialogue=demo.dialogue, title='Kvällsmöte'); "
        "services.question_add(session=s, kind='choice', prompt='Kaffe eller te?', "
        "choices=['Kaffe', 'Te']); print(s.code, s.pk)",
    )
    code, pk = output.split()[-2:]
    return code, int(pk)


def test_draft_session_shows_a_lobby_and_moves_on_when_opened(new_context, login_state, server):
    code, pk = _draft_session(server)
    phones = [new_context(support.PHONE).new_page() for _ in range(3)]
    for page in phones:
        page.goto(server("/join/"))
        page.fill("#code", code)
        page.locator("main form button[type=submit]").click()
        expect(heading(page)).to_have_text("We'll start soon")
        expect(page.get_by_text("This session has ended")).to_have_count(0)
        expect(page.locator(".lobby")).to_contain_text("Storby 2030")
    support.assert_accessible(phones[0], "the lobby")
    folder = os.environ.get("SAMRAD_SCREENSHOTS")  # pictures for the docs, only when asked
    if folder:
        phones[0].screenshot(path=str(support.ROOT / folder / "phone-lobby-390.png"))

    facilitator = new_context(support.DESKTOP, storage_state=login_state).new_page()
    facilitator.goto(server(f"/sessions/{pk}/control/"))
    with facilitator.expect_navigation():
        facilitator.get_by_role("button", name="Open session", exact=True).click()
    followed(phones, lambda page: heading(page).filter(has_text="Kaffe eller te?"))
    phones[0].locator(".option", has_text="Te").click()
    phones[0].get_by_role("button", name="Send", exact=True).click()
    expect(phones[0].locator(".ack")).to_be_visible()


def test_answer_kept_offline_is_sent_or_plainly_refused(facilitator, phone):
    page = phone()
    banner = page.locator("#connection")
    answer = page.get_by_label(re.compile(r"^Your answer"))

    # Offline, then back: the kept answer goes out and the offline banner goes away.
    support.set_offline(page, True)
    answer.fill("hamnen")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(banner).to_contain_text("No connection")
    support.set_offline(page, False)
    expect(page.locator(".sent li")).to_have_text(["hamnen"])
    expect(banner).to_have_text("Back online: your kept answer was sent.")

    # Offline while the facilitator moves on: the answer cannot count, and the phone says so.
    support.set_offline(page, True)
    answer.fill("torget")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(banner).to_contain_text("No connection")
    facilitator.command("next")
    support.set_offline(page, False)
    expect(heading(page)).to_have_text(CHOICE_PROMPT)
    expect(banner).to_contain_text(
        "your kept answer to “Vilket ord beskriver Storby bäst i dag?” could not be counted"
    )
    facilitator.command("previous")
    expect(page.locator(".sent li")).to_have_text(["hamnen"])
