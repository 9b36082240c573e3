"""What the fuzzing found (issue 18, item 5), each answered as the OpenAPI document says:
an API address that names no operation is a JSON 404 (it was Django's HTML page), an id no
database key can hold is 422 (it was a server error), and `true` or "5" is not a number."""

import json

import pytest

from samrad.accounts.models import Role
from samrad.accounts.services import apitoken_create
from samrad.live.models import Question
from samrad.live.tokens import participant_token
from tests.factories import (
    ChoiceQuestionFactory,
    MembershipFactory,
    OpenSessionFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    session = OpenSessionFactory()
    question = ChoiceQuestionFactory(session=session)
    session.current_question = question
    session.save()
    return session


@pytest.fixture
def bearer(session):
    user = UserFactory()
    MembershipFactory(user=user, organisation=session.dialogue.organisation, role=Role.OWNER)
    return {"HTTP_AUTHORIZATION": f"Bearer {apitoken_create(user=user)[1]}"}


@pytest.mark.parametrize(
    "url", ["/api/v1/nothing", "/api/v1/sessions/1%2F2", "/api/v1/sessions/1/export.a%2Fb"]
)
def test_an_api_address_without_an_operation_is_a_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": "Not Found"}


def test_a_page_address_without_a_page_is_still_a_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_id_larger_than_a_database_key_is_not_valid(client, session, bearer):
    huge = 2**63
    token = participant_token(ParticipantFactory(session=session))
    answer = client.post(
        f"/api/v1/participate/questions/{huge}/responses",
        json.dumps({"choices": [1]}),
        content_type="application/json",
        HTTP_X_PARTICIPANT_TOKEN=token,
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["loc"] == ["path", "question_id"]
    assert client.get(f"/api/v1/sessions/{huge}", **bearer).status_code == 422
    # The largest key is still an id (of nothing here): 404 as before.
    assert client.get(f"/api/v1/sessions/{huge - 1}", **bearer).status_code == 404


@pytest.mark.parametrize("value", [True, "5"])
def test_a_number_in_a_body_is_a_json_number(client, session, bearer, value):
    response = client.post(
        f"/api/v1/sessions/{session.pk}/questions",
        json.dumps({"kind": "scale", "prompt": "Hur trygg?", "scale_max": value}),
        content_type="application/json",
        **bearer,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "payload", "scale_max"]
    assert not Question.objects.filter(prompt="Hur trygg?").exists()


def test_a_whole_number_may_be_written_with_a_point(client, session, bearer):
    response = client.post(
        f"/api/v1/sessions/{session.pk}/questions",
        json.dumps({"kind": "scale", "prompt": "Hur trygg?", "scale_max": 7.0}),
        content_type="application/json",
        **bearer,
    )
    assert response.status_code == 201, response.content
    assert response.json()["scale_max"] == 7
