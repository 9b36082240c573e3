"""The participant API for scale, ranking, number and points: each body shape and its 422s."""

import json

import pytest

from samrad.live.models import Response
from tests.factories import ChoiceQuestionFactory, OpenSessionFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return OpenSessionFactory()


@pytest.fixture
def token(client, session):
    response = client.post(
        "/api/v1/participate/join", {"code": session.code}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()["participant_token"]


@pytest.fixture
def respond(client, token):
    def post(question, body, raw=None):
        question.session.current_question = question
        question.session.save()
        return client.post(
            f"/api/v1/participate/questions/{question.pk}/responses",
            raw if raw is not None else json.dumps(body),
            content_type="application/json",
            HTTP_X_PARTICIPANT_TOKEN=token,
        )

    return post


def stored(response):
    assert response.status_code == 201, response.content
    return Response.objects.get(pk=response.json()["id"])


def refused(response, code=None):
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"]
    if code:
        assert body["code"] == code
    return body


# --- Scale -----------------------------------------------------------------------------------


def test_scale_value(session, respond):
    question = QuestionFactory(session=session, kind="scale", scale_min=1, scale_max=10)
    assert stored(respond(question, {"value": 7})).value == 7
    assert stored(respond(question, {"value": 3.0})).value == 3  # replaces, same response
    assert Response.objects.filter(question=question).count() == 1


@pytest.mark.parametrize("body", [{"value": 11}, {"value": 2.5}, {"value": "x"}, {}])
def test_scale_refusals(session, respond, body):
    question = QuestionFactory(session=session, kind="scale")
    assert "from 1 to 5" in refused(respond(question, body), "scale_value")["detail"]


@pytest.mark.parametrize("body", [{"value": True}, {"value": [3]}, {"value": {"n": 3}}])
def test_scale_value_of_the_wrong_json_type(session, respond, body):
    question = QuestionFactory(session=session, kind="scale")
    refused(respond(question, body))
    assert not Response.objects.exists()


# --- Ranking ---------------------------------------------------------------------------------


def test_ranking_order(session, respond):
    question = ChoiceQuestionFactory(session=session, kind="ranking")
    order = list(reversed(question.choices.values_list("pk", flat=True)))
    assert stored(respond(question, {"ranking": order})).choices == order


@pytest.mark.parametrize(
    ("shape", "code"),
    [
        (lambda ids: {"ranking": ids[:2]}, "rank_all"),
        (lambda ids: {"ranking": [ids[0], ids[0], ids[1]]}, "rank_all"),
        (lambda ids: {"ranking": [*ids, 999999]}, "invalid_choice"),
        (lambda ids: {"ranking": []}, "rank_all"),
        (lambda ids: {}, "rank_all"),
        (lambda ids: {"choices": ids}, "rank_all"),  # a ranking is sent as "ranking"
        (lambda ids: {"ranking": [str(i) for i in ids]}, None),  # ids are numbers
        (lambda ids: {"ranking": [True, *ids[1:]]}, None),
    ],
)
def test_ranking_refusals(session, respond, shape, code):
    question = ChoiceQuestionFactory(session=session, kind="ranking")
    ids = list(question.choices.values_list("pk", flat=True))
    refused(respond(question, shape(ids)), code)
    assert not Response.objects.exists()


# --- Number ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(42, 42), (3.25, 3.25), ("3,5", 3.5)])
def test_number_value(session, respond, value, expected):
    question = QuestionFactory(session=session, kind="numeric")
    assert stored(respond(question, {"value": value})).value == expected


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"value": 121}, "out_of_range"),
        ({"value": -0.5}, "out_of_range"),
        ({"value": "tolv"}, "not_a_number"),
        ({}, "not_a_number"),
        ({"value": True}, None),
    ],
)
def test_number_refusals(session, respond, body, code):
    question = QuestionFactory(session=session, kind="numeric", number_min=0, number_max=120)
    body = refused(respond(question, body), code)
    if code == "out_of_range":
        assert "from 0 to 120" in body["detail"]


def test_number_not_finite_is_refused(session, respond):
    question = QuestionFactory(session=session, kind="numeric")
    for raw in ['{"value": NaN}', '{"value": Infinity}', '{"value": 1e999}']:
        response = respond(question, None, raw=raw)
        assert response.status_code in (400, 422), raw
    assert not Response.objects.exists()


# --- Points to spend -------------------------------------------------------------------------


def test_points_spread(session, respond):
    question = ChoiceQuestionFactory(session=session, kind="points", points_budget=10)
    a, b, c = question.choices.values_list("pk", flat=True)
    response = stored(respond(question, {"points": {str(a): 6, str(b): 4}}))
    assert response.points == {str(a): 6, str(b): 4, str(c): 0}


@pytest.mark.parametrize(
    ("points", "code"),
    [
        (lambda a, b: {str(a): 6, str(b): 3}, "points_total"),
        (lambda a, b: {str(a): 11, str(b): -1}, "points_whole"),
        (lambda a, b: {str(a): 5.5, str(b): 4.5}, "points_whole"),
        (lambda a, b: {"999999": 10}, "invalid_choice"),
        (lambda a, b: {}, "points_total"),
        (lambda a, b: {str(a): [10]}, None),
    ],
)
def test_points_refusals(session, respond, points, code):
    question = ChoiceQuestionFactory(session=session, kind="points", points_budget=10)
    a, b, _c = question.choices.values_list("pk", flat=True)
    body = refused(respond(question, {"points": points(a, b)}), code)
    if code == "points_total":
        assert "exactly 10 points" in body["detail"]
    assert not Response.objects.exists()


def test_the_current_question_tells_api_clients_what_to_show(client, session, token):
    question = QuestionFactory(
        session=session, kind="scale", scale_max=7, label_low="Nej", label_high="Ja"
    )
    session.current_question = question
    session.save()
    body = client.get("/api/v1/participate/current", HTTP_X_PARTICIPANT_TOKEN=token).json()
    shown = body["question"]
    assert (shown["scale_min"], shown["scale_max"]) == (1, 7)
    assert (shown["label_low"], shown["label_high"]) == ("Nej", "Ja")
    assert shown["points_budget"] == 100
    assert shown["number_min"] is None
