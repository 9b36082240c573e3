"""Pages a phone opens by join code answer differently for a code that exists: each was an
oracle for walking the 900,000 codes without the join page's limit (issue 19, item 4). Wrong
codes on them now count against the same per-address budget as the join page, and past it even
a right code waits (429, with the join page's message)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import OpenSessionFactory
from tests.security.conftest import build_world, worlds_per_module

pytestmark = pytest.mark.django_db

ORACLES = ["feedback:subscribe", "live:my_data", "workshops:phone"]

# Built once for the module; each test's writes are rolled back after it (worlds_per_module).
module_worlds_built, module_worlds = worlds_per_module(lambda: build_world(apps=True))


@pytest.mark.parametrize("name", ORACLES)
def test_wrong_codes_on_code_pages_are_throttled_like_the_join_page(name, settings, module_worlds):
    settings.SAMRAD_JOIN_FAILURES_PER_MINUTE = 3
    (w,) = module_worlds
    code = w.apps["workshop"].session.code if name.startswith("workshops") else w.session.code
    client = Client()
    assert client.get(reverse(name, args=[code])).status_code in (200, 302)
    for wrong in ("111111", "222222", "333333"):
        assert client.get(reverse(name, args=[wrong])).status_code == 404
    refused = client.get(reverse(name, args=[code]))
    assert refused.status_code == 429
    assert "Too many wrong codes" in refused.content.decode()
    # the join page and the API share the budget
    assert client.post(reverse("live:join"), {"code": code}).status_code == 429
    api = client.post(
        "/api/v1/participate/join", json.dumps({"code": code}), content_type="application/json"
    )
    assert api.status_code == 429
    # another address is not affected
    other = client.get(reverse(name, args=[code]), REMOTE_ADDR="10.0.0.9")
    assert other.status_code in (200, 302)


def test_wrong_codes_on_the_join_page_also_close_the_code_pages(settings):
    settings.SAMRAD_JOIN_FAILURES_PER_MINUTE = 2
    session = OpenSessionFactory()
    client = Client()
    for wrong in ("111111", "222222"):
        client.post(reverse("live:join"), {"code": wrong})
    assert client.get(reverse("live:my_data", args=[session.code])).status_code == 429
