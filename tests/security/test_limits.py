"""Oversized bodies and fields are refused with a clear message (413 for a body over
DATA_UPLOAD_MAX_MEMORY_SIZE or with too many fields, the field's own message for a long
text) and nothing accepted before is lost."""

import json

import pytest
from django.urls import reverse

from samrad.live import services
from samrad.live.kinds import Answer
from samrad.live.models import LiveSession, Response
from samrad.live.tokens import cookie_name, participant_token
from tests.factories import ParticipantFactory, QuestionFactory, member_of, put_on_screen

pytestmark = pytest.mark.django_db


@pytest.fixture
def phone(client):
    question = put_on_screen(QuestionFactory(kind="open"))
    participant = ParticipantFactory(session=question.session)
    services.response_submit(
        question=question, participant=participant, answer=Answer(text="Först", kind="input")
    )
    client.cookies[cookie_name(question.session_id)] = participant_token(participant)
    return question, participant


def test_an_oversized_api_body_gets_413_in_json(phone, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    question, participant = phone
    response = client.post(
        f"/api/v1/participate/questions/{question.pk}/responses",
        json.dumps({"text": "x" * 20_000, "kind": "input"}),
        content_type="application/json",
        HTTP_X_PARTICIPANT_TOKEN=participant_token(participant),
    )
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert Response.objects.count() == 1


def test_an_oversized_form_gets_413_with_a_page(phone, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    question, _participant = phone
    url = reverse("live:participant_respond", args=[question.session.code, question.pk])
    response = client.post(url, {"text": "x" * 20_000, "input_kind": "input"})
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert Response.objects.count() == 1


def test_a_form_with_too_many_fields_gets_413(phone, client):
    question, _participant = phone
    url = reverse("live:participant_respond", args=[question.session.code, question.pk])
    fields = "&".join(f"f{n}=1" for n in range(1500))
    response = client.post(url, fields, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "too many fields" in response.content.decode()


def test_a_long_answer_within_the_body_limit_is_refused_by_its_field(phone, client, settings):
    question, participant = phone
    url = reverse("live:participant_respond", args=[question.session.code, question.pk])
    page = client.post(url, {"text": "y" * 5000, "kind": "input"})
    assert page.status_code == 200
    assert "under 500 characters" in page.content.decode()
    api = client.post(
        f"/api/v1/participate/questions/{question.pk}/responses",
        json.dumps({"text": "y" * 5000, "kind": "input"}),
        content_type="application/json",
        HTTP_X_PARTICIPANT_TOKEN=participant_token(participant),
    )
    assert api.status_code == 422
    assert "under 500 characters" in api.json()["detail"]
    assert list(Response.objects.values_list("text", flat=True)) == ["Först"]


def test_a_long_session_title_is_a_form_error_not_a_crash(client, open_session):
    client.force_login(member_of(open_session.dialogue.organisation))
    url = reverse("live:session_create", args=[open_session.dialogue_id])
    page = client.post(url, {"title": "T" * 5000})
    assert page.status_code == 200
    assert "at most 200 characters" in page.content.decode()
    assert LiveSession.objects.count() == 1


def test_a_long_api_title_is_422(client, open_session):
    from tests.security.conftest import bearer

    user = member_of(open_session.dialogue.organisation)
    response = client.post(
        f"/api/v1/dialogues/{open_session.dialogue_id}/sessions",
        json.dumps({"title": "T" * 5000}),
        content_type="application/json",
        **bearer(user),
    )
    assert response.status_code == 422
    assert LiveSession.objects.count() == 1
