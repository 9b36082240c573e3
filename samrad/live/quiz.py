"""The quiz's session-wide parts: the leaderboard (reads) and nicknames and putting the
leaderboard on the projector (writes). A quiz question itself is a kind
(`kinds/quiz.py`, where the points are worked out).

The leaderboard is optional and off by default (`LiveSession.leaderboard`, session
settings). It adds up each participant's points over the session's quiz questions; equal
totals share a rank (1, 2, 2, 4). Nicknames are chosen on the phone only while it is on, go
through the organisation's word filter and are personal data (`live/privacy.py`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, Sum

from samrad.core.realtime import broadcast_on_commit
from samrad.live import events, selectors, wordfilter
from samrad.live.errors import Refused
from samrad.live.kinds.base import clean_text
from samrad.live.kinds.quiz import answer_points, correct_ids
from samrad.live.models import LiveSession, Moderation, Participant, QuestionKind, Response

NICKNAME_MAX = 30
SHOWN_ON_SCREEN = 10
CACHE_SECONDS = 5


@dataclass(frozen=True)
class Standing:
    participant_id: int
    nickname: str
    points: int
    rank: int
    of: int  # how many participants are ranked


def standings(session: LiveSession) -> list[Standing]:
    """Everyone who answered a quiz question of the session, best first (ties by nickname).

    When a quiz question closes every phone asks for its place at once: the board is
    computed once and kept in the cache (Redis with REDIS_URL) for a few seconds under a
    key that changes with the answers (how many, the last stored, the sum of their seconds:
    a replaced answer keeps its row and `updated_at`, but not its time), any quiz question's
    change and any nickname (`_nicknames_changed`)."""
    answers = Response.objects.filter(
        question__session=session, question__kind=QuestionKind.QUIZ
    ).aggregate(
        n=Count("pk"),
        last=Max("updated_at"),
        seconds=Sum("value"),
        questions=Max("question__updated_at"),
    )
    version = cache.get(_nickname_version_key(session.pk), 0)
    stamp = ":".join(str(answers[name]) for name in ("n", "last", "seconds", "questions"))
    stamp = hashlib.sha256(f"{stamp}:{version}".encode()).hexdigest()[:32]
    key = f"quiz-standings:{session.pk}:{stamp}"
    board = cache.get(key)
    if board is None:
        board = _standings(session)
        cache.set(key, board, CACHE_SECONDS)
    return board


def _nickname_version_key(session_id: int) -> str:
    return f"quiz-nicknames:{session_id}"


def _nicknames_changed(session_id: int) -> None:
    key = _nickname_version_key(session_id)
    cache.add(key, 0, 86400)  # a day: longer than any session's quiz
    cache.incr(key)


def _standings(session: LiveSession) -> list[Standing]:
    questions = {
        q.pk: q
        for q in session.questions.filter(kind=QuestionKind.QUIZ).prefetch_related("choices")
    }
    marked = {pk: correct_ids(q) for pk, q in questions.items()}
    totals: dict[int, int] = {}
    rows = Response.objects.filter(
        question_id__in=questions, moderation=Moderation.APPROVED
    ).values_list("participant_id", "question_id", "choices", "value", "channel")
    for participant_id, question_id, picked, seconds, channel in rows:
        question = questions[question_id]
        totals[participant_id] = totals.get(participant_id, 0) + answer_points(
            question, choices=picked, seconds=seconds, channel=channel, marked=marked[question_id]
        )
    names = dict(Participant.objects.filter(pk__in=totals).values_list("pk", "nickname"))
    ordered = sorted(
        totals.items(), key=lambda item: (-item[1], names.get(item[0], "").casefold(), item[0])
    )
    result: list[Standing] = []
    for index, (participant_id, points) in enumerate(ordered):
        rank = result[-1].rank if result and result[-1].points == points else index + 1
        result.append(
            Standing(participant_id, names.get(participant_id, ""), points, rank, len(ordered))
        )
    return result


def leaderboard(session: LiveSession) -> list[Standing]:
    """The top of the board for the projector."""
    return standings(session)[:SHOWN_ON_SCREEN]


def standing(session: LiveSession, participant: Participant) -> Standing | None:
    """One participant's place (None before they answered a quiz question)."""
    return next((s for s in standings(session) if s.participant_id == participant.pk), None)


@transaction.atomic
def nickname_set(*, participant: Participant, nickname: str) -> Participant:
    """A participant's nickname for the leaderboard: only while the session has one; 1–30
    characters; refused when the organisation's word filter lists a word of it."""
    session = LiveSession.objects.get(pk=participant.session_id)
    if not session.leaderboard:
        raise Refused("no_leaderboard")
    text = " ".join(clean_text(nickname, limit=NICKNAME_MAX).split())
    if wordfilter.needs_review(
        text, premoderated=False, listed=selectors.blocked_words(session_id=session.pk)
    ):
        raise Refused("nickname_blocked")
    participant.nickname = text
    participant.save(update_fields=["nickname"])
    transaction.on_commit(lambda: _nicknames_changed(session.pk))
    if session.leaderboard_on_screen:
        broadcast_on_commit(events.presenter_group(session.pk), {"type": "leaderboard"})
    return participant


@transaction.atomic
def leaderboard_show(*, session: LiveSession, shown: bool, actor: Any = None) -> LiveSession:
    """Put the leaderboard on the projector (instead of the question) or take it off.
    Moving to a question takes it off too (`services.session_go_to`)."""
    from samrad.live.services import _audit  # one audit helper for the live app

    shown = shown and session.leaderboard
    if session.leaderboard_on_screen != shown:
        session.leaderboard_on_screen = shown
        session.save(update_fields=["leaderboard_on_screen", "updated_at"])
        _audit(
            actor, "live.leaderboard_show" if shown else "live.leaderboard_hide", session, session
        )
        broadcast_on_commit(events.presenter_group(session.pk), {"type": "leaderboard"})
    return session
