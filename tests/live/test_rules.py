"""The session-state rules on their own: what a participant may do, when."""

import pytest

from samrad.live import rules
from samrad.live.models import SessionStatus
from tests.factories import QuestionFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_join_refused_for_unknown_and_closed_sessions_a_draft_one_is_a_lobby():
    assert rules.join_refusal(None) == "unknown_code"
    assert rules.join_refusal(SessionFactory(status=SessionStatus.DRAFT)) is None
    assert rules.join_refusal(SessionFactory(status=SessionStatus.CLOSED)) == "session_closed"
    assert rules.join_refusal(SessionFactory(status=SessionStatus.OPEN)) is None


def test_response_allowed_only_for_the_open_current_question():
    question = QuestionFactory()
    session = question.session
    assert rules.response_refusal(question) == "not_current"
    session.current_question = question
    session.save()
    assert rules.response_refusal(question) is None
    question.accepting = False
    assert rules.response_refusal(question) == "question_closed"
    question.accepting = True
    session.status = SessionStatus.CLOSED
    assert rules.response_refusal(question) == "session_closed"
    session.status = SessionStatus.DRAFT
    assert rules.response_refusal(question) == "not_started"
