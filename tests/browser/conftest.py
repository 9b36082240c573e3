"""Fixtures for the browser tests: a uvicorn subprocess on a fresh SQLite database with the
demo data, and Debian's chromium driven through Playwright's sync API.

The tests talk to the subprocess only (never the `db` fixture). One server serves the whole
run; each test that drives the session starts from `Control.fresh_start()` (session open,
every question open and emptied), so the tests do not depend on each other's order.

Playwright and chromium are started once for a run of browser tests (on their xdist worker:
all of them, tests/conftest.py's `BrowserTestsTogether`) and stopped as soon as the next test
is not a browser test:
while Playwright's sync API is alive it marks its event loop as the running loop of this
thread, which would break pytest-asyncio tests and Django's async-safety checks in the
(non-browser) modules that run afterwards. Each test still gets its own browser contexts.
"""

import os

import pytest

from tests.browser import support


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    missing = support.chromium_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    server = support.start_server(tmp_path_factory.mktemp("samrad-var"))
    yield server
    server.stop()


_RUNNING: dict = {}  # "playwright", "browser": shared by consecutive browser modules


def _stop_chromium() -> None:
    browser, playwright = _RUNNING.pop("browser", None), _RUNNING.pop("playwright", None)
    try:
        if browser is not None:
            browser.close()
    finally:
        if playwright is not None:
            playwright.stop()


@pytest.fixture(scope="module")
def browser(server):
    """Chromium (about a second to start): one for consecutive browser modules."""
    from playwright.sync_api import sync_playwright

    if "browser" in _RUNNING and not _RUNNING["browser"].is_connected():
        _stop_chromium()  # it crashed in an earlier module: start afresh
    if "browser" not in _RUNNING:
        _RUNNING["playwright"] = sync_playwright().start()
        try:
            _RUNNING["browser"] = support.launch_chromium(_RUNNING["playwright"])
        except BaseException:
            _stop_chromium()
            raise
    return _RUNNING["browser"]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last browser test before a test of another kind (or the end), Playwright
    goes, so that its event loop is not this thread's running loop any more."""
    yield
    if _RUNNING and (nextitem is None or "browser" not in nextitem.keywords):
        _stop_chromium()


@pytest.fixture
def new_context(browser):
    """Open browser contexts (a phone, a laptop, a projector); all are closed after the test."""
    contexts = []

    def make(kind=None, **options):
        context = browser.new_context(**{**(kind or support.DESKTOP), **options})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def login_state(server):
    """The demo facilitator's cookies, logged in once (password hashing is slow)."""
    return support.login_state(server)


@pytest.fixture
def facilitator(new_context, server, login_state):
    """A logged-in facilitator's page on the control page, the session freshly reset."""
    page = new_context(support.DESKTOP, storage_state=login_state).new_page()
    control = support.Control(page, server)
    control.fresh_start()
    control.open()
    return control


@pytest.fixture
def phone(new_context, server):
    """A factory of phones that have joined by typing the code."""

    def make():
        page = new_context(support.PHONE).new_page()
        support.join(page, server)
        return page

    return make
