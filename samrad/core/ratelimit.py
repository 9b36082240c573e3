"""Fixed-window rate limits in Django's cache (Redis when REDIS_URL is set, so that several
processes share the counts; process memory otherwise)."""

import ipaddress
import math
import time

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest


def _bucket(key: str, window: int) -> str:
    return f"samrad:rl:{key}:{int(time.time() // window)}"


def count(key: str, *, window: int) -> int:
    """How many events `key` had in the current window."""
    return int(cache.get(_bucket(key, window), 0))


def hit(key: str, *, window: int) -> int:
    """Count one event for `key` in the current window; returns the new count."""
    bucket = _bucket(key, window)
    if cache.add(bucket, 1, timeout=window * 2):
        return 1
    try:
        return int(cache.incr(bucket))
    except ValueError:  # expired between add and incr
        cache.add(bucket, 1, timeout=window * 2)
        return 1


def hit_many(keys: list[str], *, window: int) -> list[int]:
    """`hit` for each key in turn (a key twice counts twice), in one round trip to Redis:
    `SET … NX EX` and `INCR` for every key in one pipeline, where `hit` makes one or two round
    trips a key (the answer writer counts every answer of its batch: 0.22 ms of CPU and 0.33 ms
    of waiting an answer through `hit`, docs/performance.md). The counters are `hit`'s own."""
    buckets = [_bucket(key, window) for key in keys]
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        return [hit(key, window=window) for key in keys]
    names = [backend.make_and_validate_key(bucket) for bucket in buckets]
    pipe = backend._cache.get_client(write=True).pipeline(transaction=False)
    for name in names:
        pipe.set(name, 0, ex=window * 2, nx=True)
        pipe.incr(name)
    return [int(count) for count in pipe.execute()[1::2]]


def _trusted(address: str, proxies: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def address_group(address: str) -> str:
    """What a per-address limit counts: an IPv4 address as it is, an IPv6 address by its /64.

    One IPv6 host (or one Wi-Fi network) is given a whole /64 and can send from any of its
    2⁶⁴ addresses, so counting single IPv6 addresses would limit nothing; a /64 is what one
    IPv4 address behind a NAT is. An IPv4-mapped IPv6 address counts as its IPv4 address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, unless the request came from one of
    SAMRAD_TRUSTED_PROXIES (default none); then the nearest address in X-Forwarded-For that is
    not a trusted proxy itself (what a client writes there itself is further left, ignored)."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.SAMRAD_TRUSTED_PROXIES
    if not proxies or not _trusted(remote, proxies):
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
    for address in reversed([a.strip() for a in forwarded]):
        if not address:
            continue
        try:
            ipaddress.ip_address(address)
        except ValueError:
            return remote  # a proxy that sends garbage: fall back to the proxy itself
        if not _trusted(address, proxies):
            return address
    return remote


SITE_FACTOR = 10  # a /48 site's budget, in /64 budgets


def site_group(address: str) -> str | None:
    """The /48 an IPv6 address belongs to: what one site (an organisation, a home with a
    /56 or /48) is given, so a client holding many /64s is one site. None for IPv4 (its
    address is already one budget). A site's budget is SITE_FACTOR times an address's:
    halls on one Wi-Fi share a single /64, so it never holds a real room back."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if not isinstance(ip, ipaddress.IPv6Address) or ip.ipv4_mapped:
        return None
    return str(ipaddress.IPv6Network(f"{ip}/48", strict=False))


def address_budget_spent(address: str, *, prefix: str, limit: int, window: int) -> bool:
    """Whether `address` (its /64) or its IPv6 site (its /48, SITE_FACTOR × `limit`) has
    used its budget of failures under `prefix` for this window."""
    if count(f"{prefix}:{address_group(address)}", window=window) >= limit:
        return True
    site = site_group(address)
    return site is not None and count(f"{prefix}:{site}", window=window) >= limit * SITE_FACTOR


def address_failed(address: str, *, prefix: str, window: int) -> None:
    """Count one failure for `address` (its /64) and its IPv6 site (its /48)."""
    hit(f"{prefix}:{address_group(address)}", window=window)
    site = site_group(address)
    if site is not None:
        hit(f"{prefix}:{site}", window=window)


def login_address(request: HttpRequest) -> str:
    """The address django-axes counts failed log-ins by (AXES_CLIENT_IP_CALLABLE): the client's
    address as `address_group` counts it, an IPv6 client by its /64, written as the /64's first
    address (axes stores it in an IP address field)."""
    group = address_group(client_address(request))
    if "/" in group:
        return str(ipaddress.ip_network(group).network_address)
    return group


# --- Exponential backoff per key (a guessing client) ------------------------------------------

_BACKOFF_MEMORY = 86400  # a day without failures forgets them


def _backoff_key(key: str) -> str:
    return f"samrad:rl:bo:{key}"


def backoff_wait(key: str) -> int:
    """Whole seconds before `key` may try again (0: now)."""
    state = cache.get(_backoff_key(key))
    if not state:
        return 0
    return max(0, math.ceil(float(state[1]) - time.time()))


def backoff_fail(key: str, *, free: int, base: float, cap: float) -> int:
    """Count one failure of `key`; returns the seconds it must now wait.

    After `free` failures it waits `base` seconds, doubling with each further failure up to
    `cap`. Not atomic: clients racing themselves may win a few extra tries, never a window.
    """
    failures = (cache.get(_backoff_key(key)) or (0, 0.0))[0] + 1
    wait = 0 if failures < free else min(cap, base * 2 ** (failures - free))
    cache.set(_backoff_key(key), (failures, time.time() + wait), timeout=_BACKOFF_MEMORY)
    return math.ceil(wait)


def backoff_clear(key: str) -> None:
    cache.delete(_backoff_key(key))
