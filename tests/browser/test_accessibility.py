"""WCAG 2.1 A/AA checks with axe-core on every screen people meet, plus reflow at 200 % text.

axe-core is vendored through npm (node_modules/axe-core, `make test-deps`) and injected into
the page; nothing is fetched from the internet.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import CHOICE, OPEN, WORDCLOUD, assert_accessible

pytestmark = pytest.mark.browser

KINDS = {WORDCLOUD: "word cloud", CHOICE: "multiple choice", OPEN: "open input"}


@pytest.fixture(scope="module", autouse=True)
def _axe_available():
    if not support.AXE_JS.exists():
        pytest.fail(f"{support.AXE_JS} is missing: run `make test-deps` (npm ci)")


def assert_reflows_at_200_percent(page, where: str) -> None:
    """WCAG 1.4.4/1.4.10: text at 200 % on a phone-wide screen, without sideways scrolling."""
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    try:
        overflow = support.horizontal_overflow(page)
        if overflow:
            wide = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 5)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                              + (e.className && typeof e.className === 'string'
                                 ? '.' + e.className.trim().replace(/\\s+/g, '.') : ''))"""
            )
            raise AssertionError(
                f"{where} scrolls sideways by {overflow}px at 200 % text; too wide: {wide}"
            )
    finally:
        page.evaluate("document.documentElement.style.fontSize = ''")


def answer(page, index: int) -> None:
    if index == WORDCLOUD:
        page.get_by_label(re.compile(r"^Your answer")).fill("trygga gator")
    elif index == CHOICE:
        page.locator(".option", has_text="Trygghet").click()
    else:
        page.get_by_role("radio", name="Suggestion", exact=True).check()
        page.get_by_label("Your text").fill("Fler parkbänkar vid torget, och belysning i parken")
    page.get_by_role("button", name="Send", exact=True).click()
    # The form is gone: focus moves to the confirmation, so that it is heard.
    expect(page.locator(".ack")).to_be_focused()


def test_join_and_login_pages(new_context, server):
    page = new_context(support.PHONE).new_page()
    page.goto(server("/join/"))
    assert_accessible(page, "the join page")
    assert_reflows_at_200_percent(page, "the join page")

    page.fill("#code", "999999" if server.code != "999999" else "999998")
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page, "the join page with an error")
    assert_reflows_at_200_percent(page, "the join page with an error")

    page.goto(server("/accounts/login/"))
    assert_accessible(page, "the login page")
    page.fill("#id_username", support.USERNAME)
    page.fill("#id_password", "not the password")
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page, "the login page with an error")


def test_facilitator_pages(facilitator, server):
    page = facilitator.page
    page.goto(server("/dialogues/"))
    assert_accessible(page, "the dialogue list")

    page.locator(".card h2 a").first.click()
    expect(page).to_have_url(re.compile(r"/dialogues/\d+/$"))
    assert_accessible(page, "the dialogue detail page")

    page.goto(server(f"/sessions/{server.session_id}/"))
    assert_accessible(page, "the session edit page")

    facilitator.open()
    assert_accessible(page, "the control page")


@pytest.mark.parametrize("index", [WORDCLOUD, CHOICE, OPEN], ids=KINDS.values())
def test_phone_and_presenter(index, facilitator, phone, new_context, login_state, server):
    kind = KINDS[index]
    facilitator.go_to(index)
    page = phone()
    expect(page.locator(".answer-form")).to_be_visible()
    assert_accessible(page, f"the phone, {kind} question")
    assert_reflows_at_200_percent(page, f"the phone, {kind} question")

    answer(page, index)
    assert_accessible(page, f"the phone after answering the {kind} question")
    assert_reflows_at_200_percent(page, f"the phone after answering the {kind} question")

    presenter = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    presenter.goto(server.presenter_url)
    results = {WORDCLOUD: ".cloud li", CHOICE: ".bar-row", OPEN: ".inputs li"}[index]
    expect(presenter.locator(results).first).to_be_visible()
    assert_accessible(presenter, f"the presenter with {kind} results")

    facilitator.open()
    assert_accessible(facilitator.page, f"the control page with {kind} results")

    if index == CHOICE:
        facilitator.click("Close answering")
        expect(page.locator(".notice")).to_be_visible(timeout=5_000)
        assert_accessible(page, "the phone when the question is closed")
