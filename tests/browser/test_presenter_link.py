"""The presenter link in a real browser: a room's PC without a login opens the link, shows
the join screen (QR and code filling the screen) before the first question, follows the
facilitator with three phones joined, and leaves when the link is revoked. axe-core on the
join screen and the stage; no vertical overflow at 1920×1080 and 1280×720.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

REALTIME = 5_000  # ms, as in test_live_flow
WORDCLOUD_PROMPT = "Vilket ord beskriver Storby bäst i dag?"


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollHeight <= window.innerHeight")


def test_presenter_link_without_login_join_screen_and_revoke(facilitator, phone, new_context):
    control = facilitator
    control.command("join_screen")
    control.command("presenter_link")
    control.open()
    link = control.page.locator("#presenter-link-url").input_value()
    assert re.search(r"/show/[\w-]{32,}/$", link)

    room_pc = new_context(support.PROJECTOR).new_page()  # no login
    room_pc.goto(link)
    code = control.server.code
    expect(room_pc.locator(".join-screen-code")).to_contain_text(f"{code[:3]} {code[3:]}")
    expect(room_pc.locator(".join-screen .qr")).to_be_visible()
    expect(room_pc.locator(".stage-question")).to_be_hidden()
    box = room_pc.locator(".join-screen .qr").bounding_box()
    assert box["height"] > 1080 * 0.5, "the QR code should fill the screen"
    assert_accessible(room_pc, "the join screen through a presenter link")
    for size in ({"width": 1920, "height": 1080}, {"width": 1280, "height": 720}):
        room_pc.set_viewport_size(size)
        assert fits(room_pc), f"the join screen overflows at {size}"
    room_pc.set_viewport_size({"width": 1920, "height": 1080})

    phones = [phone() for _ in range(3)]
    expect(room_pc.get_by_test_id("joined")).to_have_count(1)
    control.go_to(support.WORDCLOUD)
    expect(room_pc.locator(".stage-question")).to_have_text(WORDCLOUD_PROMPT, timeout=REALTIME)
    expect(room_pc.locator(".join-screen")).to_be_hidden()
    for each in phones:
        expect(each.locator("#question-heading")).to_have_text(WORDCLOUD_PROMPT)
    assert_accessible(room_pc, "the stage through a presenter link")
    assert fits(room_pc)

    # View only: the clicker keys do nothing here.
    room_pc.keyboard.press("ArrowRight")
    expect(room_pc.locator(".stage-question")).to_have_text(WORDCLOUD_PROMPT)

    # Revoked: the room's PC leaves at once (the link now answers "not found").
    control.command("presenter_link_revoke")
    expect(room_pc.locator(".stage-question")).to_have_count(0, timeout=REALTIME)
    response = room_pc.request.get(link)
    assert response.status == 404


def test_dialogue_page_presents_the_running_session(facilitator, new_context, server):
    page = facilitator.page
    page.goto(server("/dialogues/"))
    page.locator("main a", has_text="Storby").first.click()
    present = page.get_by_role("link", name="Present: Stormöte om framtidens Storby")
    expect(present).to_have_attribute("href", f"/present/{server.code}/")
