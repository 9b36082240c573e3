"""The live flow in a real browser: a facilitator, a projector and three phones.

Runs against the demo session (word cloud, multiple choice with "Other", open input).
Waits are Playwright's auto-retrying assertions, never sleeps.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support

pytestmark = pytest.mark.browser

REALTIME = 5_000  # ms; "within a second or so" with margin for a loaded CI machine
CHOICE_PROMPT = "Vad är viktigast för Storby de närmaste fem åren?"
OPEN_PROMPT = "Har du en fråga, ett inspel eller ett förslag till kommunen?"
WORDCLOUD_PROMPT = "Vilket ord beskriver Storby bäst i dag?"


def heading(page):
    return page.locator("#question-heading")


def send_words(page, words: str) -> None:
    page.get_by_label(re.compile(r"^Your answer")).fill(words)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".sent")).to_contain_text(words)


def choose(page, label: str, button: str = "Send") -> None:
    page.locator(".option", has_text=label).click()
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".ack")).to_be_visible()


def send_input(page, kind: str, text: str) -> None:
    page.get_by_role("radio", name=kind, exact=True).check()
    page.get_by_label("Your text").fill(text)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".sent")).to_contain_text(text)


def choice_count(presenter, label: str):
    row = presenter.locator(".bar-row").filter(
        has=presenter.locator(".bar-label", has_text=re.compile(rf"^{label}$"))
    )
    return row.get_by_test_id("choice-count")


def test_facilitator_presenter_and_three_phones(new_context, phone, server):
    # The facilitator logs in on the login page, runs the control page and the presenter.
    page = new_context(support.DESKTOP).new_page()
    support.log_in(page, server)
    facilitator = support.Control(page, server)
    facilitator.fresh_start()
    facilitator.open()
    dialogs = []
    presenter = page.context.new_page()
    presenter.set_viewport_size({"width": 1920, "height": 1080})
    presenter.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    presenter.goto(server.presenter_url)
    expect(presenter.locator(".stage-question")).to_have_text(WORDCLOUD_PROMPT)

    phones = [phone() for _ in range(3)]
    for each in phones:
        each.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        expect(heading(each)).to_have_text(WORDCLOUD_PROMPT)

    # Word cloud: "Skola" and "skolan" are one term.
    for each, words in zip(phones, ["Skola", "skolan", "park"], strict=True):
        send_words(each, words)
    cloud = presenter.locator(".cloud li")
    expect(cloud.filter(has_text="skola")).to_have_attribute("data-count", "2", timeout=REALTIME)
    expect(cloud.filter(has_text="park")).to_have_attribute("data-count", "1")
    expect(cloud).to_have_count(2)

    # Next: every phone follows by itself.
    facilitator.click("Next →")
    for each in phones:
        expect(heading(each)).to_have_text(CHOICE_PROMPT, timeout=REALTIME)
    expect(presenter.locator(".stage-question")).to_have_text(CHOICE_PROMPT, timeout=REALTIME)

    # While answers come in, the projector's bars are written in place from the counts the
    # server pushes (samrad/live/tallies.py), not swapped for a newly drawn stage.
    drawn = presenter.locator("#stage .stage")
    drawn.evaluate("stage => { stage.dataset.drawn = 'before the answers'; }")
    choose(phones[0], "Trygghet")
    choose(phones[1], "Trygghet")
    choose(phones[2], "Smidighet")
    expect(choice_count(presenter, "Trygghet")).to_have_text(re.compile(r"^2 "), timeout=REALTIME)
    expect(choice_count(presenter, "Smidighet")).to_have_text(re.compile(r"^1 "))
    expect(choice_count(presenter, "Kollektivitet")).to_have_text(re.compile(r"^0 "))
    expect(drawn).to_have_attribute("data-drawn", "before the answers")
    # A smaller projector: the labels' column takes the longest word whole ("Kollektivitet").
    presenter.set_viewport_size({"width": 1280, "height": 720})
    assert support.broken_labels(presenter) == []
    presenter.set_viewport_size({"width": 1920, "height": 1080})

    # A single-choice answer changed is moved, not counted twice.
    expect(phones[0].get_by_role("button", name="Change my answer")).to_be_visible()
    choose(phones[0], "Smidighet", button="Change my answer")
    expect(choice_count(presenter, "Smidighet")).to_have_text(re.compile(r"^2 "), timeout=REALTIME)
    expect(choice_count(presenter, "Trygghet")).to_have_text(re.compile(r"^1 "))
    expect(presenter.get_by_test_id("responses")).to_have_text(re.compile(r"^3\b"))

    # ...also to "Other" with a text, which takes the place of the option picked before.
    phones[1].get_by_label("Other:").fill("Bättre cykelvägar")
    expect(phones[1].get_by_role("radio", name="Trygghet")).not_to_be_checked()
    phones[1].get_by_role("button", name="Change my answer").click()
    expect(phones[1].locator(".ack")).to_be_visible()
    other = presenter.locator(".bar-row").last.get_by_test_id("choice-count")
    expect(other).to_have_text(re.compile(r"^1 "), timeout=REALTIME)
    expect(choice_count(presenter, "Trygghet")).to_have_text(re.compile(r"^0 "))
    expect(presenter.locator(".others")).to_contain_text("Bättre cykelvägar")
    expect(presenter.get_by_test_id("responses")).to_have_text(re.compile(r"^3\b"))
    expect(drawn).to_have_attribute("data-drawn", "before the answers")

    # Next: open input, typed as question, input or suggestion.
    facilitator.click("Next →")
    for each in phones:
        expect(heading(each)).to_have_text(OPEN_PROMPT, timeout=REALTIME)
    send_input(phones[0], "Suggestion", "Fler parkbänkar vid torget")
    send_input(phones[1], "Question", "När öppnar biblioteket igen?")
    script = "<script>alert(1)</script>"
    send_input(phones[2], "Input", script)

    inputs = presenter.locator(".inputs li")
    expect(inputs.filter(has_text="Fler parkbänkar vid torget")).to_be_visible(timeout=REALTIME)
    expect(inputs.filter(has_text="När öppnar biblioteket igen?")).to_be_visible()
    # Participants' HTML is text on the projector: visible as typed, never run.
    expect(inputs.filter(has_text=script)).to_be_visible()
    expect(presenter.locator("#stage script")).to_have_count(0)
    expect(phones[2].locator(".sent")).to_contain_text(script)
    assert dialogs == [], f"a participant's text ran as script: {dialogs}"


def test_wrong_code_shows_message_and_form_again(new_context, server):
    page = new_context(support.PHONE).new_page()
    page.goto(server("/join/"))
    wrong = "999999" if server.code != "999999" else "999998"
    page.fill("#code", wrong)
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("There is no open session with that code")
    code = page.get_by_label("The 6-digit code on the screen")
    expect(code).to_be_visible()
    expect(code).to_have_value(wrong)
    expect(code).to_have_attribute("aria-invalid", "true")
    # ...and the right code still gets in from there.
    code.fill(server.code)
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page).to_have_url(server.phone_url)
    expect(heading(page)).to_be_visible()


def test_closing_answering_tells_the_phone(facilitator, phone):
    page = phone()
    send_words(page, "bibliotek")
    facilitator.click("Close answering")
    notice = page.locator(".notice", has_text="This question is closed")
    expect(notice).to_be_visible(timeout=REALTIME)
    expect(page.locator("form.answer-form")).to_have_count(0)
    expect(page.locator(".sent")).to_contain_text("bibliotek")

    facilitator.click("Open answering")
    expect(page.locator("form.answer-form")).to_be_visible(timeout=REALTIME)
    expect(notice).to_have_count(0)


def test_phone_keeps_answers_across_offline_and_reload(facilitator, phone):
    page = phone()
    send_words(page, "torget")

    # Offline: the answer stays in the form and goes out once the phone is back.
    support.set_offline(page, True)
    page.get_by_label(re.compile(r"^Your answer")).fill("hamnen")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator("#connection")).to_contain_text("No connection")
    support.set_offline(page, False)
    sent = page.locator(".sent li")
    expect(sent).to_have_text(["torget", "hamnen"], timeout=REALTIME)

    # The realtime connection still follows the facilitator after the outage.
    facilitator.click("Next →")
    expect(heading(page)).to_have_text(CHOICE_PROMPT, timeout=REALTIME)
    facilitator.click("← Previous")
    expect(heading(page)).to_have_text(WORDCLOUD_PROMPT, timeout=REALTIME)
    expect(sent).to_have_text(["torget", "hamnen"])

    # A reload is the same participant (cookie), with the same answers.
    page.reload()
    expect(sent).to_have_text(["torget", "hamnen"])
    expect(page.locator(".help")).to_contain_text("You can send 1 more entry.")


def test_clicker_keys_on_presenter_move_the_phones(
    facilitator, phone, new_context, login_state, server
):
    page = phone()
    presenter = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    presenter.goto(server.presenter_url)
    expect(presenter.locator(".stage-question")).to_have_text(WORDCLOUD_PROMPT)
    # The projector speaks the dialogue's language (Swedish): "(1 ansluten)", "(2 anslutna)".
    connected = re.compile(r"^\([1-9][0-9]* anslut(en|na)\)$")
    expect(presenter.get_by_test_id("connected")).to_have_text(connected)
    presenter.keyboard.press("PageDown")
    expect(heading(page)).to_have_text(CHOICE_PROMPT, timeout=REALTIME)
    expect(presenter.locator(".stage-question")).to_have_text(CHOICE_PROMPT, timeout=REALTIME)
    presenter.keyboard.press("ArrowLeft")
    expect(heading(page)).to_have_text(WORDCLOUD_PROMPT, timeout=REALTIME)
