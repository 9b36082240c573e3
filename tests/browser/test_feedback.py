"""Feedback end to end: the facilitator publishes the public page, a phone leaves its e-mail
address with consent, the facilitator sends the feedback e-mail, and the public page reads
well on a 390 px phone (axe-core, no sideways scrolling)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible, mails_to

pytestmark = pytest.mark.browser

EMAIL = "phone.person@example.org"


def open_feedback(page, server):
    page.goto(server("/dialogues/"))
    page.get_by_role("link", name="Storby 2030").first.click()
    page.get_by_role("link", name=re.compile("^Public page, feedback e-mails")).click()
    expect(page.get_by_role("heading", name="Feedback", exact=True)).to_be_visible()


def test_publish_subscribe_send_and_read(facilitator, phone, new_context, server):
    desk = facilitator.page
    open_feedback(desk, server)
    # The demo page is published: hide it, the public gets 404, the preview still shows it.
    desk.get_by_role("button", name="Hide the page").click()
    expect(desk.get_by_test_id("page-status")).to_contain_text("Not published")
    public = new_context(support.PHONE).new_page()
    assert public.goto(server("/d/storby-2030/")).status == 404
    desk.get_by_role("link", name="Preview", exact=True).click()
    expect(desk.get_by_text("this page is not published")).to_be_visible()
    desk.get_by_role("link", name="Back to feedback").click()
    desk.get_by_role("button", name="Publish the page").click()
    expect(desk.get_by_test_id("page-status")).to_contain_text("Published")

    # A phone answers, then asks for feedback by e-mail with consent.
    mobile = phone()
    mobile.get_by_label(re.compile(r"^Your answer")).fill("trygga gator")
    mobile.get_by_role("button", name="Send", exact=True).click()
    expect(mobile.locator(".ack")).to_be_visible()
    mobile.get_by_role("link", name=re.compile("^Get feedback by e-mail")).click()
    assert_accessible(mobile, "the subscribe form")
    mobile.get_by_label("Your e-mail address").fill(EMAIL)
    mobile.get_by_role("button", name="Send me feedback").click()
    expect(mobile.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(mobile.get_by_label("Your e-mail address")).to_have_value(EMAIL)
    mobile.get_by_role("checkbox").check()
    mobile.get_by_role("button", name="Send me feedback").click()
    # Double opt-in, as on the public page: nothing is sent before the owner confirms.
    expect(mobile.get_by_role("status")).to_contain_text("we have sent it a link")
    desk.reload()
    expect(desk.get_by_test_id("subscriber-count")).to_contain_text("2 people")
    mails = mails_to(server, EMAIL)
    assert len(mails) == 1
    link = re.search(r"(/feedback/confirm/[^/\s]+/)", mails[0]).group(1)
    mobile.goto(server(link))
    mobile.get_by_role("button", name="Confirm").click()
    expect(mobile.get_by_role("status")).to_contain_text("You follow “Storby 2030”")

    # The facilitator writes, previews and sends: the demo's two subscribers and the phone.
    desk.reload()
    expect(desk.get_by_test_id("subscriber-count")).to_contain_text("3 people")
    desk.get_by_text("Write a feedback e-mail").click()
    desk.get_by_label("Subject").fill("Resultaten från Storby 2030")
    desk.get_by_label("Message").fill("Tack för att du var med! Här är vad vi hörde.")
    desk.get_by_role("button", name="Preview the e-mail").click()
    expect(desk.get_by_test_id("mail-preview")).to_contain_text("/feedback/unsubscribe/")
    desk.get_by_role("button", name="Send to 3 subscribers").click()
    expect(desk.get_by_role("status")).to_contain_text("3 e-mails sent.")
    expect(desk.get_by_test_id("mailing-status")).to_contain_text("Sent to 3 subscribers.")
    assert desk.get_by_role("button", name=re.compile("^Send to")).count() == 0
    # The console e-mail backend writes to the server's log.
    assert EMAIL in server.log.read_text()

    # The public page on a phone: readable, accessible, no sideways scrolling.
    response = public.goto(server("/d/storby-2030/"))
    assert response.status == 200
    expect(public.get_by_role("heading", name="Storby 2030", level=1)).to_be_visible()
    expect(
        public.get_by_role("heading", name="What happens next", exact=True, level=2)
    ).to_be_visible()
    # one phone's words are not in any public word cloud (fewer than the smallest group)
    expect(public.get_by_test_id("result-withheld").first).to_be_visible()
    expect(public.locator(".cloud li", has_text="trygga gator")).to_have_count(0)
    assert_accessible(public, "the public page at 390 px")
    assert support.horizontal_overflow(public) == 0
