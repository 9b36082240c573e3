"""Shared pieces of the security suite: one organisation's complete set of objects (a
dialogue with a meeting, a session with every kind of thing a URL can name) and bearer
tokens for the facilitator API."""

from dataclasses import dataclass

import pytest

from samrad.accounts.models import Role
from samrad.accounts.services import apitoken_create
from samrad.dialogues.models import Dialogue, Meeting
from samrad.live import services
from samrad.live.kinds import Answer
from samrad.live.models import LiveSession, Participant, Question, Response
from tests.factories import (
    ChoiceQuestionFactory,
    DialogueFactory,
    OpenSessionFactory,
    ParticipantFactory,
    QuestionFactory,
    member_of,
)


@dataclass
class World:
    """Everything one organisation owns that a URL can point at."""

    owner: object
    dialogue: Dialogue
    meeting: Meeting
    session: LiveSession
    question: Question
    qa_question: Question
    post: Response
    participant: Participant
    respondent: Participant  # a paper form typed in by a facilitator


def build_world() -> World:
    dialogue = DialogueFactory()
    owner = member_of(dialogue.organisation, Role.OWNER)
    meeting = Meeting.objects.create(dialogue=dialogue, title="Öppet möte")
    session = OpenSessionFactory(dialogue=dialogue)
    question = ChoiceQuestionFactory(session=session)
    qa_question = QuestionFactory(session=session, kind="qa")
    session.current_question = qa_question
    session.save()
    participant = ParticipantFactory(session=session)
    post = services.response_submit(
        question=qa_question, participant=participant, answer=Answer(text="Varför?")
    )
    respondent = services.proxy_participant_create(session=session, channel="paper")
    return World(
        owner, dialogue, meeting, session, question, qa_question, post, participant, respondent
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def other_world(db) -> World:
    return build_world()


def bearer(user) -> dict[str, str]:
    _token, secret = apitoken_create(user=user, name="security test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
