"""Shared fixtures and the sorting of tests into the two passes of `make test`.

Every test outside tests/browser that reaches the database is a 'core' test, which `make test`
runs a second time on PostgreSQL + Redis, unless its answer cannot depend on the database or
the channel layer: the pure text analysis (tests/textanalysis), the translation catalogues
(tests/i18n) and tests marked `backend_independent` (LibreOffice opening exports, reports
rendered as pictures). A test that cannot reach the database (no `django_db` mark, no `db`
fixture) runs on SQLite only: pytest-django would refuse its queries, and none of those tests
opens Redis (docs/architecture/testloop.md says how that was checked). A test without the
database that must still see PostgreSQL or Redis (a subprocess given DATABASE_URL, the Redis
channel layer) says so with `@pytest.mark.core`. Browser tests share one xdist worker
(`BrowserTestsTogether` below): one uvicorn server and the demo data serve them all.
"""

from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from _pytest.nodeid import coerce_node_id
from xdist.scheduler import LoadScopeScheduling

from tests.caches import clear_cache
from tests.factories import (
    ChoiceQuestionFactory,
    FacilitatorFactory,
    OpenSessionFactory,
    ParticipantFactory,
)

TESTS_DIR = Path(__file__).resolve().parent
BACKEND_INDEPENDENT_DIRS = {"textanalysis", "i18n"}
DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_user_model", "admin_user"}


def reaches_the_database(item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def _named_apart(items) -> None:
    """Give each item a node id of its own. Schemathesis 4.32 names its items
    `test[POST /api/v1/…]` but leaves all 25 with the id of the test function under pytest 9
    (which builds ids from `_id`); pytest-xdist's scheduler keys its work by node id, so 24 of
    the 25 API operations were silently never run under `-n 2`."""
    for item in items:
        parent, _, last = item.nodeid.rpartition("::")
        if parent and last != item.name and item.name.startswith(f"{last}["):
            item._id = coerce_node_id(f"{parent}::{item.name}")


def pytest_collection_modifyitems(items):
    _named_apart(items)
    for item in items:
        top = Path(item.fspath).resolve().relative_to(TESTS_DIR).parts[0]
        if top == "browser":
            # by directory too, so that `-m browser` and `-m "not browser"` miss none
            item.add_marker(pytest.mark.browser)
            continue
        if item.get_closest_marker("core") is not None:
            continue  # said so explicitly
        if top in BACKEND_INDEPENDENT_DIRS or "backend_independent" in item.keywords:
            continue
        if reaches_the_database(item):
            item.add_marker(pytest.mark.core)


def pytest_collection_finish(session):
    """Stop before running if two items share a node id: xdist would run only one of them."""
    counts = Counter(item.nodeid for item in session.items)
    doubles = sorted(nodeid for nodeid, n in counts.items() if n > 1)
    if doubles:
        raise pytest.UsageError(f"Tests with the same node id (xdist runs one): {doubles[:5]}")


class BrowserTestsTogether(LoadScopeScheduling):
    """pytest-xdist's scheduling with every browser test in one unit of work (one worker, one
    uvicorn server with the demo, one chromium) and every other test a unit of its own.
    Measured from fresh clones on 2026-12-06: one unit with two workers 8 min 46 s for the
    SQLite pass; two halves on two of three workers 9 min 41 s (and a browser test late under
    the contention); one unit on three workers 9 min 33 s.

    Not `--dist loadgroup` with `xdist_group` marks: pytest-xdist 3.8 names the group by
    setting `item._nodeid`, which pytest 9 no longer reads (`nodeid` is `item._id`), so the
    marks were silently ignored and browser tests ran on any worker, mixed with the others."""

    def _split_scope(self, nodeid: str) -> str:
        return "browser" if nodeid.startswith("tests/browser/") else nodeid


@pytest.hookimpl(optionalhook=True)  # unknown when run with -p no:xdist
def pytest_xdist_make_scheduler(config, log):
    return BrowserTestsTogether(config, log)


@pytest.fixture
def facilitator(db):
    return FacilitatorFactory()


@pytest.fixture
def open_session(db):
    return OpenSessionFactory()


@pytest.fixture
def choice_question(open_session):
    question = ChoiceQuestionFactory(session=open_session)
    open_session.current_question = question
    open_session.save()
    return question


@pytest.fixture
def participant(open_session):
    return ParticipantFactory(session=open_session)


@pytest.fixture(autouse=True)
def english_by_default(settings):
    """Assertions read English; tests of other languages ask for them explicitly."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def rate_windows_begin_with_the_test(monkeypatch):
    """Rate limits count in fixed windows (samrad/core/ratelimit.py: a minute, an hour, a
    day). A test that crossed a window's edge saw its counts start again: a flake (the 31st
    wrong code not refused, on a loaded machine). The limiter's clock starts each test at the
    beginning of a UTC day, where every window it uses begins, and runs on from there."""
    import time

    from samrad.core import ratelimit

    offset = -(time.time() % 86400)
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: time.time() + offset))


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (rate-limit counters, cached analyses, pages) and
    leaves none behind; on Redis only this worker's keys (tests/caches.py)."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def no_connection_left_in_the_database_thread():
    """Writers and readers that batch (samrad/live/writer.py) run their database work in
    asgiref's one shared thread, outside any request; its connection outlives the test, and
    PostgreSQL then refuses to drop the test database ("being accessed by other users")."""
    yield
    from asgiref.sync import SyncToAsync
    from django.db import connections

    # A bound, not a measure: a database thread still busy a minute on is a failure to read.
    SyncToAsync.single_thread_executor.submit(connections.close_all).result(timeout=60)


@pytest.fixture
def hops(monkeypatch):
    """Channels' thread hops before a consumer's message (`aclose_old_connections`)."""
    import channels.consumer

    counted = []
    real = channels.consumer.aclose_old_connections

    async def counting():
        counted.append(1)
        await real()

    monkeypatch.setattr(channels.consumer, "aclose_old_connections", counting)
    return counted
