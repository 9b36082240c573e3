"""What the state of a session allows (STYLE.md habit 3). Pure functions, tested on their own.

Each rule returns None when the action is allowed, or the code of the reason it is not; the
codes are turned into words in the user's language by `samrad.live.errors`.
"""

from samrad.live.models import LiveSession, Question, SessionStatus


def join_refusal(session: LiveSession | None) -> str | None:
    if session is None:
        return "unknown_code"
    if session.status != SessionStatus.OPEN:
        return "session_closed"
    return None


def response_refusal(question: Question) -> str | None:
    """A live (facilitator-paced) question takes answers while it is on screen and open."""
    session = question.session
    if session.status != SessionStatus.OPEN:
        return "session_closed"
    if session.current_question_id != question.pk:
        return "not_current"
    if not question.accepting:
        return "question_closed"
    return None
