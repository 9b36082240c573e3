"""A story survey in a real browser: a phone (390 px) tells a story and places it in a triangle
by keyboard and by clicking, on a slider and with tags; the facilitator finds it in the plot's
summary and in the corner region's list; the sneak peek counts it; axe-core finds nothing on
the phone's page.

The demo has the survey "Hemma i Storby" (samrad/signification/demo.py) with 40 stories, open,
its sneak peek on.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

STORY = "Browser story: the library's reading corner felt like my living room."


@pytest.fixture(scope="module", autouse=True)
def _axe_available():
    if not support.AXE_JS.exists():
        pytest.fail(f"{support.AXE_JS} is missing: run `make test-deps` (npm ci)")


def readout(fieldset):
    return fieldset.locator(".triad-readout")


def shares(fieldset) -> list[float]:
    return [
        float(v)
        for v in fieldset.locator("input[type=number]").evaluate_all("l => l.map(i => i.value)")
    ]


def test_a_phone_tells_a_story_and_the_facilitator_sees_it(new_context, server, login_state):
    desk = new_context(support.DESKTOP, storage_state=login_state).new_page()
    desk.goto(server("/dialogues/"))
    desk.get_by_role("link", name="Storby 2030").click()
    desk.get_by_role("link", name="Hemma i Storby", exact=True).click()
    survey_url = desk.get_by_test_id("survey-link").get_attribute("href")
    peek_url = desk.get_by_test_id("peek-link").get_attribute("href")
    results_url = desk.get_by_role("link", name="Results and stories").get_attribute("href")

    phone = new_context(support.PHONE).new_page()
    phone.goto(survey_url)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Hemma i Storby")
    for size in ("200%", ""):  # no sideways scrolling, with the text at 200 % and at 100 %
        phone.evaluate(f"document.documentElement.style.fontSize = '{size}'")
        assert support.horizontal_overflow(phone) == 0, f"scrolls sideways at {size or 100}"
    assert_accessible(phone, "the phone's survey page")
    phone.get_by_label("Berätta om en gång när du kände dig hemma i Storby. Vad hände?").fill(STORY)

    # The first triangle by keyboard: the first arrow puts the point in the middle, then
    # Shift+ArrowUp moves it towards the top corner ("Människorna").
    first = phone.locator("fieldset[data-triad]").nth(0)
    triangle = first.get_by_role("application")
    triangle.focus()
    expect(triangle).to_be_focused()
    phone.keyboard.press("ArrowUp")
    expect(readout(first)).to_have_text(
        re.compile(r"^Människorna: 3[34] %, Platsen: 3[34] %, Att jag fick bidra: 3[34] %$")
    )
    for _ in range(3):
        phone.keyboard.press("Shift+ArrowUp")
    a, b, c = shares(first)
    assert a + b + c == 100 and a > 60 and abs(b - c) <= 1
    expect(readout(first)).to_contain_text(f"Människorna: {a:.0f} %")

    # The second by clicking near its bottom-right corner ("Jag själv").
    second = phone.locator("fieldset[data-triad]").nth(1)
    svg = second.locator("svg")
    box = svg.bounding_box()
    svg.click(position={"x": box["width"] * 0.85, "y": box["height"] * 0.92})
    a2, b2, c2 = shares(second)
    assert a2 + b2 + c2 == 100 and c2 > 60
    expect(readout(second)).to_contain_text(f"Jag själv: {c2:.0f} %")

    # A slider by keyboard, a tag by tapping.
    slider = phone.get_by_role("slider", name=re.compile("^From Sällan"))
    slider.focus()
    phone.keyboard.press("End")
    expect(phone.get_by_label(re.compile(r"^Position from 0 \(Sällan\)"))).to_have_value("100")
    phone.get_by_label("Biblioteket").check()
    phone.get_by_role("button", name="Send my story").click()
    expect(phone.locator(".ack")).to_have_text("Thank you! Your story was received.")
    expect(phone.locator(".ack")).to_be_focused()
    expect(phone.get_by_role("button", name="Save my story")).to_be_visible()

    # The facilitator: 41 stories, and ours in the top corner's list of the first triangle.
    desk.goto(server(results_url))
    expect(desk.get_by_test_id("story-count")).to_have_text("41 stories so far.")
    plot = desk.locator(".triad-plot").first
    summary = plot.locator(".plot-summary")
    expect(summary).to_contain_text("stories placed a point.")
    corner = summary.get_by_role("link", name=re.compile("^Människorna: "))
    count_before = int(re.search(r": (\d+) \(", corner.inner_text()).group(1))
    corner.click()
    expect(desk.locator("#stories-heading")).to_contain_text(f"{count_before} stories in:")
    expect(desk.locator("#stories")).to_contain_text(STORY)
    # Filtering by the tag keeps it and drops others.
    desk.goto(server(results_url))
    desk.get_by_label("Biblioteket").check()
    expect(desk.get_by_test_id("story-count")).to_contain_text("Stories matching the filter:")
    expect(desk.locator("#stories")).to_contain_text(STORY)

    # The sneak peek counts it and shows no story text.
    peek = new_context(support.PHONE).new_page()
    peek.goto(peek_url)
    expect(peek.get_by_test_id("story-count")).to_have_text("41 stories so far.")
    expect(peek.locator("body")).not_to_contain_text(STORY)
    assert_accessible(peek, "the sneak peek")

    # The storyteller changes their mind: the story goes, and the count with it.
    assert_accessible(phone, "the phone's survey page with its story sent")
    phone.get_by_label("Yes, delete my story").check()
    phone.get_by_role("button", name="Delete my story").click()
    expect(phone.locator(".messages")).to_contain_text("Your story was deleted.")
    expect(phone.get_by_role("button", name="Send my story")).to_be_visible()
    desk.goto(server(results_url))
    expect(desk.get_by_test_id("story-count")).to_have_text("40 stories so far.")
