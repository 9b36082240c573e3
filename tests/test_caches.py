"""tests/caches.py: emptying the cache between tests leaves other prefixes' keys alone."""

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.caches import clear_cache


@pytest.mark.core
def test_clear_cache_empties_ours_and_leaves_the_other_workers_keys():
    cache.set("opinions:analysis:1", "ours")
    if not settings.REDIS_URL:
        clear_cache()
        assert cache.get("opinions:analysis:1") is None
        pytest.skip("the other worker's keys live in Redis: the PostgreSQL + Redis pass")
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    other = "samrad-test-another-worker:1:opinions:analysis:1"
    client.set(other, b"theirs")
    try:
        clear_cache()
        assert cache.get("opinions:analysis:1") is None
        assert client.get(other) == b"theirs"
    finally:
        client.delete(other)
        client.close()
