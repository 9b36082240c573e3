"""Self-paced sessions, meetings and session settings."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samrad.dialogues import services as dialogue_services
from samrad.live import rules, services
from samrad.live.errors import Refused
from samrad.live.kinds import Answer
from samrad.live.models import Channel, Response, SessionMode
from tests.factories import (
    OpenSessionFactory,
    ParticipantFactory,
    QuestionFactory,
    member_of,
)

pytestmark = pytest.mark.django_db


def self_paced(**fields):
    session = OpenSessionFactory(mode=SessionMode.SELF_PACED, **fields)
    first = QuestionFactory(session=session, kind="open", position=1)
    second = QuestionFactory(session=session, kind="wordcloud", position=2)
    return session, first, second


def test_every_open_question_takes_answers_within_the_period():
    now = timezone.now()
    session, first, second = self_paced(
        opens_at=now - timedelta(hours=1), closes_at=now + timedelta(hours=1)
    )
    assert rules.response_refusal(first) is None
    assert rules.response_refusal(second) is None
    assert rules.response_refusal(first, now=now - timedelta(hours=2)) == "not_open_yet"
    assert rules.response_refusal(first, now=now + timedelta(hours=2)) == "period_over"
    second.accepting = False
    assert rules.response_refusal(second) == "question_closed"


def test_self_paced_answers_are_recorded_as_self_paced():
    session, first, second = self_paced()
    participant = ParticipantFactory(session=session)
    services.response_submit(question=second, participant=participant, answer=Answer(words="Skog"))
    services.response_submit(
        question=first, participant=participant, answer=Answer(text="Mer cykel", kind="input")
    )
    assert set(Response.objects.values_list("channel", flat=True)) == {Channel.SELF_PACED}


def test_closed_period_refuses_with_its_own_message():
    session, first, _second = self_paced(closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(Refused) as refused:
        services.response_submit(
            question=first,
            participant=ParticipantFactory(session=session),
            answer=Answer(text="sent", kind="input"),
        )
    assert refused.value.code == "period_over"
    assert refused.value.status == 409


def test_phone_steps_through_questions_and_starts_at_first_unanswered(client):
    session, first, second = self_paced()
    page = client.get(reverse("live:join_code", args=[session.code])).content.decode()
    assert first.prompt in page and "Question 1 of 2" in page
    respond = reverse("live:participant_respond", args=[session.code, first.pk])
    body = client.post(
        respond, {"text": "Hej", "kind": "input"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Thank you" in body and first.prompt in body and "Next question" in body
    page = client.get(reverse("live:join_code", args=[session.code])).content.decode()
    assert second.prompt in page and "Question 2 of 2" in page
    fragment = client.get(
        reverse("live:participant_question", args=[session.code]), {"q": first.pk}
    ).content.decode()
    assert first.prompt in fragment and "Hej" in fragment


def test_settings_and_meetings_pages(client):
    session = OpenSessionFactory()
    user = member_of(session.dialogue.organisation)
    client.force_login(user)
    detail = reverse("dialogues:detail", args=[session.dialogue.pk])
    client.post(
        detail,
        {
            "save_meeting": "1",
            "meeting-title": "Öppet möte i Byn",
            "meeting-place": "Bygdegården",
            "meeting-kind": "outreach",
            "meeting-starts_at": "2026-12-01T18:00",
        },
    )
    meeting = session.dialogue.meetings.get()
    assert meeting.kind == "outreach" and meeting.place == "Bygdegården"
    edit = reverse("live:session_edit", args=[session.pk])
    bad = client.post(
        edit,
        {
            "save_settings": "1",
            "title": "Enkät",
            "mode": "self_paced",
            "meeting": meeting.pk,
            "opens_at": "2026-12-02T10:00",
            "closes_at": "2026-12-01T10:00",
            "min_group_size": 5,
        },
    )
    assert "must be after" in bad.content.decode()
    client.post(
        edit,
        {
            "save_settings": "1",
            "title": "Enkät",
            "mode": "self_paced",
            "meeting": meeting.pk,
            "opens_at": "2026-12-01T10:00",
            "closes_at": "2026-12-24T10:00",
            "min_group_size": 3,
        },
    )
    session.refresh_from_db()
    assert session.mode == SessionMode.SELF_PACED and session.meeting == meeting
    assert session.min_group_size == 3 and session.closes_at > session.opens_at
    client.post(detail, {"delete_meeting": meeting.pk})
    session.refresh_from_db()
    assert session.meeting is None


def test_meeting_of_another_dialogue_refused():
    session = OpenSessionFactory()
    other = dialogue_services.meeting_create(dialogue=OpenSessionFactory().dialogue, title="X")
    with pytest.raises(ValueError):
        services.session_update(session=session, title="t", mode="live", meeting=other)
