"""The participant API is served without the page middleware (samrad/core/lean.py): the same
answers, language and security headers through the real ASGI application."""

import json

import httpx
import pytest

from config.asgi import application
from samrad.live.models import Response
from tests.factories import ChoiceQuestionFactory, put_on_screen

pytestmark = pytest.mark.django_db(transaction=True)


async def _client():
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=application), base_url="http://testserver"
    )


@pytest.fixture
def question(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    question = put_on_screen(ChoiceQuestionFactory(accepting=False))
    # Read here what the async tests need: no lazy queries inside the event loop.
    question.code = question.session.code
    question.choice_id = question.choices.first().pk
    return question


async def test_participant_api_answers_in_the_requested_language_with_security_headers(
    question,
):
    async with await _client() as client:
        joined = await client.post(
            "/api/v1/participate/join",
            content=json.dumps({"code": question.code}),
            headers={"content-type": "application/json", "accept-language": "da"},
        )
        assert joined.status_code == 200
        assert joined.headers["x-content-type-options"] == "nosniff"
        assert "set-cookie" not in joined.headers  # no session, no CSRF cookie
        token = joined.json()["participant_token"]
        refused = await client.post(
            f"/api/v1/participate/questions/{question.pk}/responses",
            content=json.dumps({"choices": [question.choice_id]}),
            headers={
                "content-type": "application/json",
                "x-participant-token": token,
                "accept-language": "da",
            },
        )
    assert refused.status_code == 409
    assert refused.json()["code"] == "question_closed"
    assert refused.headers["content-language"] == "da"
    assert "lukket" in refused.json()["detail"]


async def test_pages_still_get_the_page_middleware(question):
    async with await _client() as client:
        page = await client.get("/join", follow_redirects=True)
    assert page.status_code == 200
    assert "csrftoken" in page.headers.get("set-cookie", "")


async def test_an_answer_through_the_lean_path_is_stored(question):
    from asgiref.sync import sync_to_async

    question.accepting = True
    await sync_to_async(question.save)()
    choice = question.choice_id
    async with await _client() as client:
        token = (
            await client.post(
                "/api/v1/participate/join",
                content=json.dumps({"code": question.code}),
                headers={"content-type": "application/json"},
            )
        ).json()["participant_token"]
        answered = await client.post(
            f"/api/v1/participate/questions/{question.pk}/responses",
            content=json.dumps({"choices": [choice]}),
            headers={"content-type": "application/json", "x-participant-token": token},
        )
    assert answered.status_code == 201
    assert await Response.objects.filter(pk=answered.json()["id"]).aexists()


async def test_at_most_n_participant_requests_are_inside_django_at_once():
    import asyncio

    from samrad.core.lean import routed

    inside = 0
    most = 0

    async def slow_app(scope, receive, send):
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        await asyncio.sleep(0.01)
        inside -= 1

    async def pages(scope, receive, send):
        pages.calls += 1

    pages.calls = 0
    app = routed(pages, slow_app, ("/api/v1/participate/",), concurrency=3)
    api = {"type": "http", "path": "/api/v1/participate/join"}
    page = {"type": "http", "path": "/join"}

    async def receive():  # an empty body (read before a place is taken)
        return {"type": "http.request", "body": b""}

    await asyncio.gather(*[app(api, receive, None) for _ in range(20)], app(page, receive, None))
    assert most == 3
    assert pages.calls == 1
