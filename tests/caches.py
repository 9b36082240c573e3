"""Emptying the cache between tests without touching anyone else's keys.

On Redis (the PostgreSQL + Redis pass) `cache.clear()` is FLUSHDB: it empties the whole
database, the other xdist worker's keys included (its cached analyses and rate-limit counters
vanished in the middle of its tests), and a developer's own data. `clear_cache()` deletes only
the keys under this process's prefix (config/test_settings.py gives each worker its own).
"""

from django.conf import settings
from django.core.cache import cache


def clear_cache() -> None:
    if not settings.REDIS_URL:
        cache.clear()  # this process's own memory
        return
    import redis

    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()
