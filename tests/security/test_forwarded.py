"""`X-Forwarded-For` names the client only when a configured proxy sent it (issue 18.2):
otherwise anyone could pick a new address for every wrong join code."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from samrad.core.ratelimit import client_address

pytestmark = pytest.mark.django_db


def _address(remote: str, forwarded: str | None = None) -> str:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **extra))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.SAMRAD_TRUSTED_PROXIES = []
    assert _address("203.0.113.5", "10.9.9.9") == "203.0.113.5"
    assert _address("127.0.0.1", "10.9.9.9") == "127.0.0.1"


def test_from_a_trusted_proxy_the_nearest_untrusted_address_is_the_client(settings):
    settings.SAMRAD_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert _address("127.0.0.1", "198.51.100.7") == "198.51.100.7"
    # A client that sends its own header cannot hide behind it: the proxy appends the real one.
    assert _address("127.0.0.1", "1.2.3.4, 198.51.100.7") == "198.51.100.7"
    assert _address("127.0.0.1", "198.51.100.7, 10.1.1.1") == "198.51.100.7"  # two proxies
    assert _address("127.0.0.1") == "127.0.0.1"
    assert _address("127.0.0.1", "not an address") == "127.0.0.1"
    # The same header from anyone else is ignored.
    assert _address("203.0.113.5", "198.51.100.7") == "203.0.113.5"


def test_a_rotating_header_does_not_bypass_the_join_limit(settings):
    settings.SAMRAD_TRUSTED_PROXIES = []
    settings.SAMRAD_JOIN_FAILURES_PER_MINUTE = 10
    client = Client()
    statuses = []
    for n in range(30):
        client.cookies.clear()
        statuses.append(
            client.post(
                reverse("live:join"), {"code": f"{900000 + n}"}, HTTP_X_FORWARDED_FOR=f"10.0.{n}.1"
            ).status_code
        )
    assert statuses[:10] == [404] * 10 and set(statuses[10:]) == {429}


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(settings):
    settings.SAMRAD_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.SAMRAD_JOIN_FAILURES_PER_MINUTE = 3
    client = Client()
    for n in range(3):
        client.cookies.clear()
        response = client.post(
            reverse("live:join"), {"code": f"{900000 + n}"}, HTTP_X_FORWARDED_FOR="198.51.100.7"
        )
        assert response.status_code == 404
    client.cookies.clear()
    blocked = client.post(
        reverse("live:join"), {"code": "900009"}, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert blocked.status_code == 429
    client.cookies.clear()
    other = client.post(
        reverse("live:join"), {"code": "900009"}, HTTP_X_FORWARDED_FOR="198.51.100.8"
    )
    assert other.status_code == 404


def test_uvicorn_does_not_rewrite_the_client_address_itself(monkeypatch):
    """uvicorn would trust X-Forwarded-For from 127.0.0.1 by default; Django decides."""
    import uvicorn

    from samrad.core.management.commands import serve

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options))
    monkeypatch.setattr(serve, "raise_open_file_limit", lambda: None)
    serve.run_uvicorn(
        "config.asgi:application",
        host="127.0.0.1",
        port=0,
        workers=1,
        log_level="error",
        ws="auto",
        http="auto",
        loop="auto",
        backlog=64,
    )
    assert seen["proxy_headers"] is False
