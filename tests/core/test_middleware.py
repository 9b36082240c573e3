"""Static files under ASGI and WSGI through the async-capable WhiteNoise middleware."""

import pytest
from django.test import AsyncClient, Client

from samrad.core.middleware import AsyncWhiteNoiseMiddleware


async def test_static_file_and_page_through_the_async_path(db):
    client = AsyncClient()
    css = await client.get("/static/samrad/samrad.css")
    assert css.status_code == 200
    assert b"--brand" in css.getvalue()
    assert (await client.get("/static/samrad/nothing-here.css")).status_code == 404
    assert (await client.get("/join/")).status_code == 200


@pytest.mark.django_db
def test_static_file_through_the_sync_path():
    response = Client().get("/static/samrad/participant.js")
    assert response.status_code == 200
    assert b"WebSocket" in response.getvalue()


def test_middleware_is_async_in_an_async_chain():
    async def inner(request):
        return None

    def sync_inner(request):
        return None

    from asgiref.sync import iscoroutinefunction

    assert iscoroutinefunction(AsyncWhiteNoiseMiddleware(inner))
    assert not iscoroutinefunction(AsyncWhiteNoiseMiddleware(sync_inner))
