"""Q&A in a real browser: two phones post and upvote, the facilitator moderates with
pre-moderation on (approve, pin, answer, reply), phones and the projector follow live, and
what a phone is typing survives the live updates. axe-core on the three screens.

Runs against the demo session's Q&A question (found by its prompt, not its position).
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

REALTIME = 5_000  # ms, as in test_live_flow
QA_PROMPT = "Vad vill du fråga kommunstyrelsens ordförande?"
FIRST = "När öppnar den nya simhallen?"
SECOND = "Varför går buss 14 så sällan på kvällarna?"


def qa_question_id(control: support.Control) -> int:
    control.open()
    item = control.page.locator(".question-list li", has_text=QA_PROMPT)
    return int(item.locator("input[name=question]").get_attribute("value"))


def post_card(page, text):
    """A post on the phone: its own list item (the text is the post's, not a merge option)."""
    return page.locator(".qa-post").filter(has=page.locator(".qa-text", has_text=text))


def mod_card(page, text):
    return page.locator(".mod-post").filter(has=page.locator(".qa-text", has_text=text))


def ask(page, text):
    page.get_by_label("Your question").fill(text)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".ack")).to_be_visible()


def upvote_button(page, text):
    return page.get_by_role("button", name=re.compile(rf"^Upvote: {re.escape(text[:20])}"))


def test_two_phones_post_and_vote_facilitator_moderates_everyone_follows(
    facilitator, phone, new_context, server, login_state
):
    control = facilitator
    question_id = qa_question_id(control)
    control.command("goto", question=question_id)

    # The facilitator moderates on the question's own page, pre-moderation on.
    moderation = control.page
    moderation.goto(server(f"/sessions/{server.session_id}/questions/{question_id}/moderate/"))
    premoderation = moderation.locator("#premoderation")
    if premoderation.get_attribute("aria-pressed") != "true":
        premoderation.click()
    expect(premoderation).to_have_attribute("aria-pressed", "true")

    projector = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    projector.goto(server.presenter_url)
    expect(projector.locator(".stage-question")).to_have_text(QA_PROMPT)

    alice, bob = phone(), phone()
    for each in (alice, bob):
        expect(each.locator("#question-heading")).to_have_text(QA_PROMPT, timeout=REALTIME)
    # Reloaded after pre-moderation was turned on: the form says posts are read first.
    expect(alice.locator(".help")).to_contain_text("reads each question")

    # Alice asks: she sees it waiting; Bob does not; the facilitator sees it arrive.
    ask(alice, FIRST)
    expect(post_card(alice, FIRST)).to_contain_text("Waiting for approval")
    expect(bob.locator(".qa-empty")).to_be_visible()
    expect(mod_card(moderation, FIRST)).to_contain_text("Waiting for approval", timeout=REALTIME)
    assert_accessible(moderation, "the moderation page")

    # Bob is half-way through typing when the facilitator approves Alice's question.
    bob.get_by_label("Your question").fill("Hur kan jag ")
    mod_card(moderation, FIRST).get_by_role("button", name="Approve", exact=True).click()
    expect(moderation.locator(".ack")).to_contain_text("Shown.")
    # Its button is gone with the action: focus stays on the post, now among the shown ones.
    expect(mod_card(moderation, FIRST)).to_be_focused()
    expect(post_card(bob, FIRST)).to_be_visible(timeout=REALTIME)
    expect(bob.get_by_label("Your question")).to_have_value("Hur kan jag ")
    expect(post_card(alice, FIRST)).not_to_contain_text("Waiting for approval", timeout=REALTIME)
    expect(projector.locator(".qa-stage-post", has_text=FIRST)).to_be_visible(timeout=REALTIME)

    bob.get_by_label("Your question").fill(SECOND)
    bob.get_by_role("button", name="Send", exact=True).click()
    expect(post_card(bob, SECOND)).to_contain_text("Waiting for approval")
    mod_card(moderation, SECOND).get_by_role("button", name="Approve", exact=True).click(
        timeout=REALTIME
    )
    expect(post_card(alice, SECOND)).to_be_visible(timeout=REALTIME)

    # Upvotes: Alice and Bob both vote for the second question; it goes to the top.
    for each in (alice, bob):
        button = upvote_button(each, SECOND)
        expect(button).to_have_attribute("aria-pressed", "false")
        button.click()
        expect(upvote_button(each, SECOND)).to_have_attribute("aria-pressed", "true")
    expect(upvote_button(alice, SECOND)).to_contain_text("2", timeout=REALTIME)
    top = projector.locator(".qa-stage-post").first
    expect(top).to_contain_text(SECOND, timeout=REALTIME)
    expect(top.locator(".qa-votes")).to_have_text(re.compile(r"▲\s*2"))
    # Withdrawn: the count goes back down.
    upvote_button(bob, SECOND).click()
    expect(upvote_button(bob, SECOND)).to_have_attribute("aria-pressed", "false")
    expect(upvote_button(bob, SECOND)).to_contain_text("1")
    expect(top.locator(".qa-votes")).to_have_text(re.compile(r"▲\s*1"), timeout=REALTIME)
    # Popular / newest.
    bob.get_by_role("button", name="Newest", exact=True).click()
    expect(bob.get_by_role("button", name="Newest", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(bob.locator(".qa-post").first).to_contain_text(SECOND)

    # The facilitator pins the first question, marks it answered and replies.
    card = mod_card(moderation, FIRST)
    card.get_by_role("button", name="Pinned to the screen").click()
    expect(
        mod_card(moderation, FIRST).get_by_role("button", name="Pinned to the screen")
    ).to_have_attribute("aria-pressed", "true")
    mod_card(moderation, FIRST).get_by_role("button", name="Answered").click()
    expect(mod_card(moderation, FIRST).get_by_role("button", name="Answered")).to_have_attribute(
        "aria-pressed", "true"
    )
    mod_card(moderation, FIRST).get_by_label(re.compile("^Reply")).fill("Hösten 2027.")
    mod_card(moderation, FIRST).get_by_role("button", name="Save reply").click()
    expect(moderation.locator(".ack")).to_contain_text("Reply saved.")

    pinned = projector.get_by_test_id("qa-pinned")
    expect(pinned).to_contain_text(FIRST, timeout=REALTIME)
    # The projector speaks the dialogue's language (Swedish), through the server's catalogue.
    with translation.override("sv"):
        expect(pinned).to_contain_text(translation.gettext("Answered"))
    expect(pinned).to_contain_text("Hösten 2027.")
    for each in (alice, bob):
        mine = post_card(each, FIRST)
        expect(mine).to_contain_text("On the screen now", timeout=REALTIME)
        expect(mine).to_contain_text("Answered")
        expect(mine).to_contain_text("Hösten 2027.")
    expect(alice.locator(".qa-post").first).to_contain_text(FIRST)  # pinned first

    assert_accessible(alice, "the phone's Q&A")
    alice.evaluate("document.documentElement.style.fontSize = '200%'")
    assert support.horizontal_overflow(alice) == 0, "the phone's Q&A scrolls sideways at 200 %"
    alice.evaluate("document.documentElement.style.fontSize = ''")
    assert_accessible(projector, "the presenter's Q&A")
    assert_accessible(moderation, "the moderation page with pinned, answered and replied posts")
    control.open()
    expect(control.page.locator("#qa-moderation")).to_be_visible()
    assert_accessible(control.page, "the control page with a Q&A on screen")

    # Leave the demo as it was for anything that runs after.
    control.page.locator("#premoderation").click()
    expect(control.page.locator("#premoderation")).to_have_attribute("aria-pressed", "false")


def test_the_next_question_reaches_a_phone_whose_qa_list_is_on_its_way(facilitator, phone, server):
    """The facilitator moves on while a phone's refresh of the Q&A list is on its way, and a
    second refresh of that list is asked for meanwhile (a post hidden): the phone still shows
    the next question. (With htmx.ajax's default source, <body>, the question's fetch waited
    behind the first refresh and the second pushed it out of htmx's queue.)"""
    control = facilitator
    question_id = qa_question_id(control)
    moderate = f"/sessions/{server.session_id}/questions/{question_id}/moderate/"
    control.post(moderate + "premoderation/", premoderated="0")
    control.command("goto", question=question_id)
    alice, bob = phone(), phone()
    expect(alice.locator("#question-heading")).to_have_text(QA_PROMPT, timeout=REALTIME)
    ask(bob, FIRST)
    expect(post_card(alice, FIRST)).to_be_visible(timeout=REALTIME)
    first_id = upvote_button(bob, FIRST).get_attribute("id").removeprefix("upvote-")

    posts_url = alice.locator("#qa-list .qa-posts").get_attribute("data-url")
    asked, release = support.hold_next_fetch(alice, posts_url)
    ask(bob, SECOND)
    asked()  # Alice's refresh of the list is on its way (held)
    control.go_to(support.WORDCLOUD)
    control.post(moderate + f"{first_id}/hide/")  # a "qa" event: asked again
    alice.wait_for_timeout(1500)  # that refresh waits at least a second after the first
    release()
    expect(alice.locator("#question-heading")).not_to_have_text(QA_PROMPT, timeout=REALTIME)
    expect(alice.locator("#qa-list")).to_have_count(0)
