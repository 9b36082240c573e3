"""The participant API for Q&A: post with {"text"}, list what this participant may see,
upvote and withdraw (200 with the count), and every refusal (409 closed, 404 not shown)."""

import json

import pytest

from samrad.live import services
from samrad.live.models import Moderation, Response, SessionStatus, Upvote
from tests.factories import OpenSessionFactory, ParticipantFactory, QuestionFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/participate"


def call(client, method, url, token, body=None):
    return getattr(client, method)(
        url,
        json.dumps(body) if body is not None else None,
        content_type="application/json",
        HTTP_X_PARTICIPANT_TOKEN=token,
    )


def join(client, session) -> str:
    response = client.post(
        f"{BASE}/join", json.dumps({"code": session.code}), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()["participant_token"]


@pytest.fixture
def question():
    question = QuestionFactory(kind="qa")
    question.session.current_question = question
    question.session.save()
    return question


def ask(client, question, token, text):
    response = call(
        client, "post", f"{BASE}/questions/{question.pk}/responses", token, {"text": text}
    )
    assert response.status_code == 201, response.content
    return response.json()["id"]


def listing(client, question, token, sort="popular"):
    response = call(client, "get", f"{BASE}/questions/{question.pk}/qa?sort={sort}", token)
    assert response.status_code == 200, response.content
    return response.json()["posts"]


def test_post_list_upvote_and_withdraw(client, question):
    alice, bob = join(client, question.session), join(client, question.session)
    first = ask(client, question, alice, "När öppnar simhallen?")
    second = ask(client, question, alice, "Varför dröjer cykelbanan?")

    url = f"{BASE}/responses/{second}/upvote"
    response = call(client, "post", url, bob)
    assert response.status_code == 200
    assert response.json() == {"id": second, "upvotes": 1, "upvoted": True}
    assert call(client, "post", url, bob).json()["upvotes"] == 1  # counts once

    posts = listing(client, question, bob)
    assert [(p["id"], p["upvotes"], p["upvoted"], p["own"]) for p in posts] == [
        (second, 1, True, False),
        (first, 0, False, False),
    ]
    assert [p["own"] for p in listing(client, question, alice)] == [True, True]
    assert [p["id"] for p in listing(client, question, bob, sort="newest")] == [second, first]
    assert call(client, "get", f"{BASE}/questions/{question.pk}/qa?sort=x", bob).status_code == 422

    response = call(client, "delete", url, bob)
    assert response.status_code == 200
    assert response.json() == {"id": second, "upvotes": 0, "upvoted": False}
    assert call(client, "delete", url, bob).json()["upvotes"] == 0


def test_pending_posts_are_listed_for_their_author_only_and_take_no_votes(client, question):
    services.question_set_premoderated(question=question, premoderated=True)
    alice, bob = join(client, question.session), join(client, question.session)
    waiting = ask(client, question, alice, "Kan vi få en lekplats?")
    (own,) = listing(client, question, alice)
    assert own["id"] == waiting and own["pending"]
    assert listing(client, question, bob) == []

    response = call(client, "post", f"{BASE}/responses/{waiting}/upvote", bob)
    assert response.status_code == 404
    assert response.json()["code"] == "post_unavailable"

    Response.objects.filter(pk=waiting).update(moderation=Moderation.HIDDEN)
    assert listing(client, question, alice) == []
    assert call(client, "post", f"{BASE}/responses/{waiting}/upvote", bob).status_code == 404
    assert not Upvote.objects.exists()


def test_upvote_when_closed_is_409(client, question):
    alice, bob = join(client, question.session), join(client, question.session)
    post_id = ask(client, question, alice, "Varför?")
    services.question_set_accepting(question=question, accepting=False)
    for method in ("post", "delete"):
        response = call(client, method, f"{BASE}/responses/{post_id}/upvote", bob)
        assert response.status_code == 409
        assert response.json()["code"] == "question_closed"
    response = call(client, "post", f"{BASE}/questions/{question.pk}/responses", bob, {"text": "x"})
    assert response.status_code == 409


def test_another_sessions_posts_are_404(client, question):
    alice = join(client, question.session)
    post_id = ask(client, question, alice, "Varför?")
    elsewhere = OpenSessionFactory()
    stranger = join(client, elsewhere)
    assert call(client, "post", f"{BASE}/responses/{post_id}/upvote", stranger).status_code == 404
    assert call(client, "get", f"{BASE}/questions/{question.pk}/qa", stranger).status_code == 404
    assert not Upvote.objects.exists()


def test_upvote_needs_a_qa_post_and_a_token(client, question):
    other = QuestionFactory(kind="open", session=question.session)
    answer = Response.objects.create(
        question=other, participant=ParticipantFactory(session=question.session), text="x"
    )
    token = join(client, question.session)
    assert call(client, "post", f"{BASE}/responses/{answer.pk}/upvote", token).status_code == 404
    assert call(client, "get", f"{BASE}/questions/{other.pk}/qa", token).status_code == 404
    assert call(client, "post", f"{BASE}/responses/{answer.pk}/upvote", "forged").status_code == 401


def test_closed_session_list_is_409(client, question):
    token = join(client, question.session)
    question.session.status = SessionStatus.CLOSED
    question.session.save()
    response = call(client, "get", f"{BASE}/questions/{question.pk}/qa", token)
    assert response.status_code == 409


def test_there_are_no_moderation_endpoints_for_participants(client, question):
    token = join(client, question.session)
    post_id = ask(client, question, token, "Varför?")
    for action in ("approve", "hide", "pin", "merge", "reply", "answered"):
        response = call(client, "post", f"{BASE}/responses/{post_id}/{action}", token, {})
        assert response.status_code == 404
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    participant_paths = [p for p in paths if p.startswith(BASE)]
    assert f"{BASE}/questions/{{question_id}}/qa" in participant_paths
    assert f"{BASE}/responses/{{response_id}}/upvote" in participant_paths
    assert not any("moderat" in p or "pin" in p or "merge" in p for p in participant_paths)
    assert Response.objects.get(pk=post_id).moderation == Moderation.APPROVED
