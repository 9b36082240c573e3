"""A dialogue with one held session and answers of several kinds, for the feedback tests."""

import pytest

from samrad.dialogues.models import Meeting, MeetingKind
from samrad.live import services as live
from samrad.live.models import QuestionKind
from tests.factories import DialogueFactory, ParticipantFactory, member_of, put_on_screen
from tests.live.kind_helpers import answer

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def dialogue(db):
    return DialogueFactory(title="Storby 2030", description="Hur vill vi leva i Storby?")


@pytest.fixture
def owner(dialogue):
    return member_of(dialogue.organisation)


@pytest.fixture
def held(dialogue):
    """An open session with a word cloud, a choice, a scale and an open question, answered."""
    from django.utils import timezone

    meeting = Meeting.objects.create(
        dialogue=dialogue,
        title="Stormöte",
        place="Folkets hus",
        starts_at=timezone.now() - timezone.timedelta(days=2),
        kind=MeetingKind.OUTREACH,
    )
    session = live.session_create(dialogue=dialogue, title="Stormöte i Folkets hus")
    session.meeting = meeting
    session.save()
    cloud = live.question_add(
        session=session, kind=QuestionKind.WORDCLOUD, prompt="Ett ord om Storby?"
    )
    choice = live.question_add(
        session=session,
        kind=QuestionKind.CHOICE,
        prompt="Vad är viktigast?",
        choices=["Trygghet", "Kollektivitet", "Smidighet"],
    )
    scale = live.question_add(
        session=session, kind=QuestionKind.SCALE, prompt="Hur nöjd är du?", scale_max=5
    )
    open_q = live.question_add(session=session, kind=QuestionKind.OPEN, prompt="Ditt förslag?")
    live.session_open(session=session)
    people = [ParticipantFactory(session=session) for _ in range(4)]
    put_on_screen(cloud)
    for person, words in zip(people, ["grön", "grön", "trygg", "levande"], strict=True):
        answer(cloud, person, words=words)
    put_on_screen(choice)
    options = list(choice.choices.all())
    for person, option in zip(people, [0, 0, 1, 2], strict=True):
        answer(choice, person, choices=[str(options[option].pk)])
    put_on_screen(scale)
    for person, value in zip(people, [4, 5, 3, 4], strict=True):
        answer(scale, person, value=str(value))
    put_on_screen(open_q)
    answer(open_q, people[0], text=XSS, kind="suggestion")
    return session
