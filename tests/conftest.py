"""Shared fixtures. Every test outside tests/browser is a 'core' test: `make test` runs those
a second time on PostgreSQL + Redis."""

import pytest

from tests.factories import (
    ChoiceQuestionFactory,
    FacilitatorFactory,
    OpenSessionFactory,
    ParticipantFactory,
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" not in item.keywords:
            item.add_marker(pytest.mark.core)


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


def _clear_rate_limits():
    """Delete our rate-limit counters only: on Redis, `cache.clear()` would empty the whole
    database, and a developer's Redis may hold more than ours."""
    from django.conf import settings
    from django.core.cache import cache

    if not settings.REDIS_URL:
        cache.clear()
        return
    import redis

    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    client = redis.Redis.from_url(settings.REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}:*:samrad:rl:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache; each test starts with none."""
    _clear_rate_limits()
    yield
    _clear_rate_limits()
