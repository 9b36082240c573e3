"""Emptying the cache between tests without touching anyone else's keys.

On Redis (the PostgreSQL + Redis pass) `cache.clear()` is FLUSHDB: it empties the whole
database, the other xdist worker's keys included (its cached analyses and rate-limit counters
vanished in the middle of its tests), and a developer's own data. `clear_cache()` deletes only
the keys under this process's prefix (config/test_settings.py gives each worker its own).
"""

from functools import cache as once

from django.conf import settings
from django.core.cache import cache


@once
def _redis(url: str):
    """One client per process (the fixture runs twice around every test)."""
    import redis

    return redis.Redis.from_url(url)


def clear_cache() -> None:
    if not settings.REDIS_URL:
        cache.clear()  # this process's own memory
        return
    client = _redis(settings.REDIS_URL)
    keys = list(client.scan_iter(match=f"{settings.CACHES['default']['KEY_PREFIX']}:*", count=1000))
    if keys:
        client.delete(*keys)
