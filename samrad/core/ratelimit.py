"""Fixed-window rate limits in Django's cache (Redis when REDIS_URL is set, so that several
processes share the counts; process memory otherwise)."""

import time

from django.core.cache import cache


def _bucket(key: str, window: int) -> str:
    return f"samrad:rl:{key}:{int(time.time() // window)}"


def count(key: str, *, window: int) -> int:
    """How many events `key` had in the current window."""
    return cache.get(_bucket(key, window), 0)


def hit(key: str, *, window: int) -> int:
    """Count one event for `key` in the current window; returns the new count."""
    bucket = _bucket(key, window)
    if cache.add(bucket, 1, timeout=window * 2):
        return 1
    try:
        return cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.add(bucket, 1, timeout=window * 2)
        return 1


def client_address(request) -> str:
    """The client's address; uvicorn puts a trusted proxy's X-Forwarded-For here."""
    return request.META.get("REMOTE_ADDR", "")
