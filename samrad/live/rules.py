"""What the state of a session allows (STYLE.md habit 3). Pure functions, tested on their own.

Each rule returns None when the action is allowed, or the code of the reason it is not; the
codes are turned into words in the user's language by `samrad.live.errors`.
"""

from datetime import datetime

from django.utils import timezone

from samrad.live.models import (
    Channel,
    LiveSession,
    Moderation,
    Question,
    QuestionKind,
    Response,
    SessionMode,
    SessionStatus,
)


def join_refusal(session: LiveSession | None) -> str | None:
    if session is None:
        return "unknown_code"
    if session.status == SessionStatus.CLOSED:
        return "session_closed"
    return None  # a draft session's phones wait in its lobby until it opens


FACILITATOR_CHANNELS = {Channel.PAPER, Channel.INTERVIEW}


def response_refusal(
    question: Question, *, now: datetime | None = None, channel: str = Channel.LIVE
) -> str | None:
    """A live (facilitator-paced) question takes answers while it is on screen and open; in a
    self-paced session every open question does, within the session's period. Answers a
    facilitator types in from paper forms and interviews are taken whatever the session's
    state: they are often entered after the meeting."""
    if channel in FACILITATOR_CHANNELS:
        return None
    session = question.session
    if session.status == SessionStatus.DRAFT:
        return "not_started"
    if session.status != SessionStatus.OPEN:
        return "session_closed"
    if session.mode == SessionMode.SELF_PACED:
        now = now or timezone.now()
        if session.opens_at and now < session.opens_at:
            return "not_open_yet"
        if session.closes_at and now >= session.closes_at:
            return "period_over"
    elif session.current_question_id != question.pk:
        return "not_current"
    if question.kind == QuestionKind.INFO:
        return "no_answer"
    if not question.accepting:
        return "question_closed"
    if question.countdown_ends_at is not None and (now or timezone.now()) >= (
        question.countdown_ends_at
    ):
        return "time_up"
    return None


def upvote_refusal(post: Response) -> str | None:
    """A Q&A post takes (and gives back) upvotes while it is shown and its question takes
    answers. A post waiting for approval, hidden or merged into another is not shown."""
    if (
        post.question.kind != QuestionKind.QA
        or post.moderation != Moderation.APPROVED
        or post.merged_into_id is not None
    ):
        return "post_unavailable"
    return response_refusal(post.question)
