"""The participant API contract: join, current question, respond — and every refusal."""

import json
import uuid

import pytest

from samrad.live.models import Response, SessionStatus
from tests.factories import (
    ChoiceQuestionFactory,
    OpenSessionFactory,
    QuestionFactory,
    put_on_screen,
)

pytestmark = pytest.mark.django_db


def post(client, url, body, token=None, raw=None):
    headers = {"HTTP_X_PARTICIPANT_TOKEN": token} if token else {}
    return client.post(
        url,
        raw if raw is not None else json.dumps(body),
        content_type="application/json",
        **headers,
    )


def join(client, session):
    response = post(client, "/api/v1/participate/join", {"code": session.code})
    assert response.status_code == 200, response.content
    return response.json()


def test_join_returns_token_session_and_current_question(client):
    question = put_on_screen(ChoiceQuestionFactory())
    body = join(client, question.session)
    assert body["participant_token"]
    assert body["session"]["code"] == question.session.code
    assert body["current_question"]["id"] == question.pk
    assert [c["label"] for c in body["current_question"]["choices"]] == [
        "Trygghet",
        "Kollektivitet",
        "Smidighet",
    ]


def test_join_with_no_current_question_gives_null(client):
    body = join(client, OpenSessionFactory())
    assert body["current_question"] is None


@pytest.mark.parametrize("code", ["000000", "abc", ""])
def test_join_unknown_code_is_404_with_detail(client, code):
    response = post(client, "/api/v1/participate/join", {"code": code})
    assert response.status_code == 404
    assert "code" in response.json()["detail"]


def test_join_draft_session_is_the_lobby(client):
    question = put_on_screen(ChoiceQuestionFactory())
    session = question.session
    session.status = SessionStatus.DRAFT
    session.save()
    body = join(client, session)
    assert body["session"]["status"] == "draft"
    assert body["current_question"] is None
    current = client.get(
        "/api/v1/participate/current", HTTP_X_PARTICIPANT_TOKEN=body["participant_token"]
    )
    assert current.status_code == 200
    assert current.json()["session"]["status"] == "draft"
    assert current.json()["question"] is None


def test_join_closed_session_is_404(client):
    session = OpenSessionFactory(status=SessionStatus.CLOSED)
    response = post(client, "/api/v1/participate/join", {"code": session.code})
    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize("raw", ["{", "[]", '{"kode": 1}', "null"])
def test_join_malformed_body_is_422_not_500(client, raw):
    response = post(client, "/api/v1/participate/join", None, raw=raw)
    assert response.status_code in (400, 422)
    assert "detail" in response.json()


def test_current_needs_a_valid_token(client):
    question = put_on_screen(QuestionFactory())
    token = join(client, question.session)["participant_token"]
    response = client.get("/api/v1/participate/current", HTTP_X_PARTICIPANT_TOKEN=token)
    assert response.status_code == 200
    assert response.json()["question"]["id"] == question.pk
    for bad in ["forged", token[:-2] + "xx", ""]:
        response = client.get("/api/v1/participate/current", HTTP_X_PARTICIPANT_TOKEN=bad)
        assert response.status_code == 401


def test_respond_to_each_type(client):
    session = OpenSessionFactory()
    choice = ChoiceQuestionFactory(session=session)
    cloud = QuestionFactory(session=session, kind="wordcloud")
    open_q = QuestionFactory(session=session, kind="open")
    token = join(client, session)["participant_token"]
    url = "/api/v1/participate/questions/{}/responses"
    for question, body in [
        (choice, {"choices": [choice.choices.first().pk]}),
        (cloud, {"words": ["Spennende_prosjekt"]}),
        (open_q, {"text": "Når starter byggingen?", "kind": "question"}),
    ]:
        put_on_screen(question)
        response = post(client, url.format(question.pk), body, token)
        assert response.status_code == 201, response.content
        stored = Response.objects.get(pk=response.json()["id"])
        assert stored.question == question
    assert Response.objects.get(question=open_q).input_kind == "question"


def test_respond_refusals(client):
    question = put_on_screen(ChoiceQuestionFactory())
    token = join(client, question.session)["participant_token"]
    url = f"/api/v1/participate/questions/{question.pk}/responses"
    assert post(client, url, {"choices": [question.choices.first().pk]}).status_code == 401
    assert post(client, url, {"choices": [999999]}, token).status_code == 422
    assert post(client, url, {"choices": "x"}, token).status_code == 422
    assert post(client, url, None, token, raw="not json").status_code in (400, 422)
    other = ChoiceQuestionFactory()
    assert (
        post(
            client, f"/api/v1/participate/questions/{other.pk}/responses", {"choices": [1]}, token
        ).status_code
        == 404
    )
    question.accepting = False
    question.save()
    response = post(client, url, {"choices": [question.choices.first().pk]}, token)
    assert response.status_code == 409
    assert "closed" in response.json()["detail"]
    assert not Response.objects.exists()


def test_respond_message_in_participant_language(client):
    question = put_on_screen(ChoiceQuestionFactory(accepting=False))
    token = post(
        client, "/api/v1/participate/join", {"code": question.session.code, "language": "sv"}
    ).json()["participant_token"]
    response = post(
        client,
        f"/api/v1/participate/questions/{question.pk}/responses",
        {"choices": [question.choices.first().pk]},
        token,
    )
    assert response.status_code == 409
    assert response.json()["code"] == "question_closed"
    assert "stängd" in response.json()["detail"]


def test_respond_twice_with_same_client_id_stores_once(client):
    question = put_on_screen(QuestionFactory(kind="open"))
    token = join(client, question.session)["participant_token"]
    body = {"text": "Hei", "kind": "input", "client_id": str(uuid.uuid4())}
    url = f"/api/v1/participate/questions/{question.pk}/responses"
    first = post(client, url, body, token)
    second = post(client, url, body, token)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert Response.objects.count() == 1


def test_openapi_document_lists_participant_endpoints(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert {
        "/api/v1/participate/join",
        "/api/v1/participate/current",
        "/api/v1/participate/questions/{question_id}/responses",
    } <= set(document["paths"])


def test_changing_a_single_answer_keeps_one_row_and_its_id(client):
    question = put_on_screen(ChoiceQuestionFactory())
    token = join(client, question.session)["participant_token"]
    url = f"/api/v1/participate/questions/{question.pk}/responses"
    first_choice, second_choice = question.choices.all()[:2]
    first = post(client, url, {"choices": [first_choice.pk], "client_id": str(uuid.uuid4())}, token)
    second = post(
        client, url, {"choices": [second_choice.pk], "client_id": str(uuid.uuid4())}, token
    )
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert list(Response.objects.values_list("choices", flat=True)) == [[second_choice.pk]]


def test_resend_after_the_question_closed_is_still_acknowledged(client):
    question = put_on_screen(ChoiceQuestionFactory())
    token = join(client, question.session)["participant_token"]
    url = f"/api/v1/participate/questions/{question.pk}/responses"
    body = {"choices": [question.choices.first().pk], "client_id": str(uuid.uuid4())}
    first = post(client, url, body, token)
    question.accepting = False
    question.save()
    resent = post(client, url, body, token)
    assert resent.status_code == 201
    assert resent.json()["id"] == first.json()["id"]
    fresh = post(client, url, {**body, "client_id": str(uuid.uuid4())}, token)
    assert fresh.status_code == 409
    assert Response.objects.count() == 1
