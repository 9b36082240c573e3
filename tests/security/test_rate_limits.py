"""Guessing join codes and flooding answers are throttled, with a clear message, and nothing
accepted before is lost."""

import json

import pytest
from django.urls import reverse

from samrad.core import ratelimit
from samrad.live import pipeline, services
from samrad.live.errors import Refused
from samrad.live.kinds import Answer
from samrad.live.models import Response
from samrad.live.pipeline import Pending
from tests.factories import ParticipantFactory, QuestionFactory, put_on_screen

pytestmark = pytest.mark.django_db


def test_wrong_codes_from_one_address_are_throttled_then_even_right_ones_wait(client, settings):
    settings.SAMRAD_JOIN_FAILURES_PER_MINUTE = 3
    session = put_on_screen(QuestionFactory()).session
    for code in ["111111", "222222", "333333"]:
        assert client.post(reverse("live:join"), {"code": code}).status_code == 404
    page = client.post(reverse("live:join"), {"code": session.code})
    assert page.status_code == 429
    assert "Too many wrong codes" in page.content.decode()
    api = client.post(
        "/api/v1/participate/join",
        json.dumps({"code": session.code}),
        content_type="application/json",
    )
    assert api.status_code == 429
    assert "wait a minute" in api.json()["detail"]
    # Another address is not affected.
    other = client.post(reverse("live:join"), {"code": session.code}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_right_codes_from_one_address_are_never_throttled(client, settings):
    settings.SAMRAD_JOIN_FAILURES_PER_MINUTE = 3
    session = put_on_screen(QuestionFactory()).session
    for _ in range(20):  # a whole room behind one Wi-Fi address: 20 devices
        client.cookies.clear()
        response = client.post(
            "/api/v1/participate/join",
            json.dumps({"code": session.code}),
            content_type="application/json",
        )
        assert response.status_code == 200


def test_a_flood_of_answers_is_refused_and_earlier_ones_are_kept(settings):
    settings.SAMRAD_ANSWERS_PER_MINUTE = 5
    question = put_on_screen(QuestionFactory(kind="open"))
    participant = ParticipantFactory(session=question.session)
    for n in range(5):
        services.response_submit(
            question=question, participant=participant, answer=Answer(text=f"{n}", kind="input")
        )
    with pytest.raises(Refused) as refused:
        services.response_submit(
            question=question, participant=participant, answer=Answer(text="6", kind="input")
        )
    assert refused.value.code == "too_fast" and refused.value.status == 429
    assert Response.objects.count() == 5
    # Another phone is not affected, nor a facilitator typing in paper forms.
    services.response_submit(
        question=question,
        participant=ParticipantFactory(session=question.session),
        answer=Answer(text="ok", kind="input"),
    )
    paper = services.proxy_participant_create(session=question.session, channel="paper")
    for n in range(8):
        services.response_submit(
            question=question,
            participant=paper,
            answer=Answer(text=f"p{n}", kind="input"),
            channel="paper",
        )
    assert Response.objects.count() == 5 + 1 + 8


def test_counting_many_keys_at_once_counts_as_one_by_one():
    """`ratelimit.hit_many` (one round trip to Redis on the PostgreSQL + Redis pass) keeps
    `hit`'s counters: a key twice in one call counts twice, and each continues the other."""
    assert ratelimit.hit_many(["a", "b", "a"], window=60) == [1, 1, 2]
    assert ratelimit.hit("a", window=60) == 3
    assert ratelimit.hit_many(["a", "c"], window=60) == [4, 1]
    assert ratelimit.count("a", window=60) == 4 and ratelimit.count("b", window=60) == 1
    assert ratelimit.hit_many(["a"], window=10) == [1]  # another window, another counter
    assert ratelimit.hit_many([], window=60) == []


def test_the_answer_writer_refuses_a_flood_within_its_batches_and_keeps_the_rest(settings):
    settings.SAMRAD_ANSWERS_PER_MINUTE = 3
    question = put_on_screen(QuestionFactory(kind="open"))
    flooding, calm = (ParticipantFactory(session=question.session) for _ in range(2))
    paper = services.proxy_participant_create(session=question.session, channel="paper")

    def pending(participant, n, channel="live"):
        return Pending(
            question_id=question.pk,
            participant=participant,
            answer=Answer(text=f"{n}", kind="input"),
            channel=channel,
        )

    first = pipeline.responses_submit_batch(
        [pending(flooding, n) for n in range(2)] + [pending(calm, 0)]
    )
    assert all(isinstance(result, Response) for result in first)
    second = pipeline.responses_submit_batch(
        [pending(flooding, 2), pending(flooding, 3), pending(calm, 1)]
        + [pending(paper, n, channel="paper") for n in range(5)]
    )
    assert isinstance(second[0], Response)  # the third of the minute
    assert isinstance(second[1], Refused) and second[1].code == "too_fast"
    assert all(isinstance(result, Response) for result in second[2:])
    assert Response.objects.filter(participant=flooding).count() == 3
    assert Response.objects.count() == 3 + 2 + 5
