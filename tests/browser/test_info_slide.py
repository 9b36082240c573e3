"""An info slide with an image in a real browser: the facilitator uploads it on the session
page, a projector and three phones follow without a reload (phones say no answer is
needed and show no answer form), the image loads with its alt text, the projector still
fits 1920×1080 and 1280×720, axe-core finds nothing; moving on reaches every screen.
"""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

REALTIME = 5_000  # ms, as in test_live_flow
PROMPT = "Så här går kvällen till"
ALT = "Karta över Storby med de tre nya parkerna markerade"


def big_picture() -> bytes:
    """A tall image larger than any screen: it must be scaled down to fit."""
    data = io.BytesIO()
    Image.new("RGB", (1600, 2400), (20, 110, 60)).save(data, format="PNG")
    return data.getvalue()


def no_vertical_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollHeight <= window.innerHeight")


def image_loaded(page) -> bool:
    return page.locator(".question-image img").evaluate(
        "img => img.complete && img.naturalWidth > 0"
    )


def test_an_info_slide_with_an_image_reaches_projector_and_phones(
    facilitator, phone, new_context, server, login_state
):
    control = facilitator
    page = control.page
    session_page = server(f"/sessions/{server.session_id}/")
    page.goto(session_page)
    page.select_option("#id_kind", "info")
    page.fill("#id_prompt", PROMPT)
    page.set_input_files(
        "#id_image", {"name": "karta.png", "mimeType": "image/png", "buffer": big_picture()}
    )
    page.fill("#id_image_alt", ALT)
    with page.expect_navigation():
        page.locator("[data-question-form] button[type=submit]").click()
    control._question_ids = None
    info_index = len(control.question_ids) - 1
    info_id = control.question_ids[info_index]
    try:
        projector = new_context(support.PROJECTOR, storage_state=login_state).new_page()
        projector.goto(server.presenter_url)
        phones = [phone() for _ in range(3)]
        expect(projector.locator(".stage-question")).to_be_visible()
        first_prompt = projector.locator(".stage-question").inner_text()

        control.go_to(info_index)
        for each in phones:
            expect(each.locator("#question-heading")).to_have_text(PROMPT, timeout=REALTIME)
            expect(each.locator(".notice")).to_contain_text("No answer needed")
            expect(each.locator(".answer-form")).to_have_count(0)
            expect(each.get_by_role("img", name=ALT)).to_be_visible()
        expect(projector.locator(".stage-question")).to_have_text(PROMPT, timeout=REALTIME)
        expect(projector.get_by_role("img", name=ALT)).to_be_visible()
        expect(projector.locator("[data-testid=responses]")).to_have_count(0)
        assert image_loaded(projector) and image_loaded(phones[0])
        assert_accessible(phones[0], "a phone showing an info slide with an image")
        assert_accessible(projector, "the projector showing an info slide with an image")
        for size in ({"width": 1920, "height": 1080}, {"width": 1280, "height": 720}):
            support.resize_projector(projector, size)
            assert no_vertical_overflow(projector), f"the projector overflows at {size}"

        # Moving away reaches every screen.
        control.go_to(0)
        for each in phones:
            expect(each.locator("#question-heading")).not_to_have_text(PROMPT, timeout=REALTIME)
            expect(each.locator(".question-image")).to_have_count(0)
        expect(projector.locator(".stage-question")).to_have_text(first_prompt, timeout=REALTIME)
    finally:
        control.post(f"/sessions/{server.session_id}/questions/{info_id}/delete/")
        control._question_ids = None
