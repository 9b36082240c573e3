"""Following a dialogue end to end: a citizen signs up on the public page (no session code),
confirms from the e-mail (double opt-in), and gets an e-mail when the coordinator shows an
action on the public page and changes its status. The server uses the console e-mail
backend, so the mails are read from its log. axe-core at 390 and 1440 px."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible, dialogue_id, mails_to

pytestmark = pytest.mark.browser

FOLLOWER = "follower.browser@example.org"


def test_follow_from_the_public_page_confirm_and_hear_of_a_new_status(
    new_context, server, login_state
):
    citizen = new_context(support.PHONE).new_page()
    citizen.goto(server("/d/storby-2030/"))
    form = citizen.locator(".public-follow")
    expect(form.get_by_role("heading", name="Follow this dialogue")).to_be_visible()
    assert_accessible(citizen, "the public page with the follow form at 390 px")
    assert support.horizontal_overflow(citizen) == 0

    # Without the box ticked nothing is kept, and the address is given back.
    form.get_by_label("Your e-mail address").fill(FOLLOWER)
    form.get_by_role("button", name="Follow this dialogue").click()
    expect(citizen.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(citizen.get_by_label("Your e-mail address")).to_have_value(FOLLOWER)
    assert_accessible(citizen, "the follow form with an error at 390 px")
    citizen.set_viewport_size({"width": 1440, "height": 900})
    assert_accessible(citizen, "the follow form with an error at 1440 px")
    citizen.set_viewport_size({"width": 390, "height": 844})
    citizen.get_by_role("checkbox").check()
    citizen.get_by_role("button", name="Follow this dialogue").click()
    expect(citizen.get_by_role("status")).to_contain_text("we have sent it a link")
    assert_accessible(citizen, "the follow page after signing up at 390 px")
    citizen.set_viewport_size({"width": 1440, "height": 900})
    assert_accessible(citizen, "the follow page after signing up at 1440 px")
    citizen.set_viewport_size({"width": 390, "height": 844})

    mails = mails_to(server, FOLLOWER)
    assert len(mails) == 1
    link = re.search(r"(/feedback/confirm/[^/\s]+/)", mails[0]).group(1)
    assert "/feedback/unsubscribe/" in mails[0]

    # The link asks; the button confirms (a mail scanner's visit confirms nothing).
    citizen.goto(server(link))
    assert_accessible(citizen, "the confirmation page at 390 px")
    citizen.get_by_role("button", name="Confirm").click()
    expect(citizen.get_by_role("status")).to_contain_text("You follow “Storby 2030”")
    wide = new_context(support.DESKTOP).new_page()
    wide.goto(server(link))
    expect(wide.get_by_role("status")).to_contain_text("You follow")
    assert_accessible(wide, "the confirmation page at 1440 px")
    wide.goto(server("/d/storby-2030/"))
    assert_accessible(wide, "the public page with the follow form at 1440 px")

    # The coordinator shows an action on the public page, then marks it done.
    desk = new_context(support.DESKTOP, storage_state=login_state).new_page()
    source = dialogue_id(desk, server)
    desk.goto(server(f"/concerns/d/{source}/actions/"))
    action = desk.locator("table tbody td:first-child a").last
    what = action.inner_text()
    action.click()
    edit_url = desk.url
    status_before = desk.get_by_label("Status").input_value()
    desk.get_by_label("Show on the public page").check()
    desk.get_by_role("button", name="Save", exact=True).click()
    expect(desk.get_by_text("Action saved.")).to_be_visible()
    try:
        mails = mails_to(server, FOLLOWER)
        assert len(mails) == 2, "the follower hears of the action shown on the public page"
        assert "News from the dialogue “Storby 2030”" in mails[1]
        assert what in mails[1] and "/feedback/unsubscribe/" in mails[1]

        desk.goto(edit_url)
        desk.get_by_label("Status").select_option("dropped" if status_before == "done" else "done")
        desk.get_by_role("button", name="Save", exact=True).click()
        expect(desk.get_by_text("Action saved.")).to_be_visible()
        mails = mails_to(server, FOLLOWER)
        assert len(mails) == 3
        new_status = "Dropped" if status_before == "done" else "Done"
        assert f"{what}: {new_status}" in mails[2]
    finally:
        # Other tests expect the demo's actions hidden from the public page.
        desk.goto(edit_url)
        desk.get_by_label("Status").select_option(status_before)
        desk.get_by_label("Show on the public page").uncheck()
        desk.get_by_role("button", name="Save", exact=True).click()
        expect(desk.get_by_text("Action saved.")).to_be_visible()
    # Hidden again: no news of something the public does not see.
    assert len(mails_to(server, FOLLOWER)) == 3

    # Every mail carries the unsubscribe link; following it deletes the address (and puts
    # the demo's subscriber count back for the other tests).
    unsubscribe = re.search(r"(/feedback/unsubscribe/[^/\s]+/)", mails[2]).group(1)
    citizen.goto(server(unsubscribe))
    citizen.get_by_role("button", name="Unsubscribe").click()
    expect(citizen.get_by_role("status")).to_contain_text("Your e-mail address has been deleted")


def test_a_mailing_in_another_language(new_context, server, login_state):
    desk = new_context(support.DESKTOP, storage_state=login_state).new_page()
    source = dialogue_id(desk, server)
    desk.goto(server(f"/feedback/dialogues/{source}/"))
    assert_accessible(desk, "the feedback page with the sender fields at 1440 px")
    desk.get_by_text("Write a feedback e-mail").click()
    desk.get_by_label("Subject").fill("Vad hände sedan")
    desk.get_by_label("Message").fill("Så här gick det.")
    desk.get_by_role("button", name="Preview the e-mail").click()
    expect(desk.get_by_role("heading", name="In other languages")).to_be_visible()
    desk.get_by_text("Write or change a version in another language").click()
    form = desk.locator("details", has_text="Write or change a version in another language")
    form.get_by_label("Language").select_option("en")
    form.get_by_label("Subject").fill("What happened next")
    form.get_by_label("Message").fill("This is how it went.")
    form.get_by_role("button", name="Save the version").click()
    expect(desk.get_by_role("status")).to_contain_text("The version in English is saved.")
    english = desk.get_by_test_id("version-en")
    expect(english).to_contain_text("What happened next")
    english.locator("summary").click()
    expect(english.locator("pre")).to_contain_text("This is how it went.")
    expect(english.locator("pre")).to_contain_text("/feedback/unsubscribe/")
    assert_accessible(desk, "the mailing page with a version at 1440 px")
    desk.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(desk, "the mailing page with a version at 390 px")
    assert support.horizontal_overflow(desk) == 0
