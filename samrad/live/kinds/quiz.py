"""Quiz: options with one or more marked correct (`Choice.correct`); points for being right
and for being quick.

A participant picks one option (or several when `allow_multiple`). The answer stores the
picked options and, in `Response.value`, the seconds since answering last opened
(`Question.answering_opened_at`: the question shown, opened by hand or a countdown started).
Correctness and points are worked out when read (`quiz_points`), so that correcting a mark
after the question re-scores every answer the same way.

Points: a correct answer earns 1000 × (1 − t / limit / 2), rounded, with t the seconds taken
(at most `limit` = `Question.quiz_seconds`): 1000 at once, 500 at the limit or later; a
wrong answer 0. With a countdown the phones cannot answer after it ends anyway. Answers
without a clock — self-paced sessions, paper forms and interviews — earn 1000 when correct.
One pick is correct when it is one of the marked options; several picks only when they are
exactly the marked ones.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from samrad.live.errors import Refused
from samrad.live.kinds.base import Answer, Kind, choice_ids, percent
from samrad.live.models import Channel, Participant, Question, Response, SessionMode

MAX_POINTS = 1000
# Answers whose time says nothing about speed: typed in afterwards by the facilitator.
UNTIMED_CHANNELS = frozenset({Channel.PAPER, Channel.INTERVIEW, Channel.SELF_PACED})


def quiz_points(*, correct: bool, seconds: float | None, limit: int) -> int:
    """The points of one answer (see the module's docstring)."""
    if not correct:
        return 0
    if seconds is None or limit <= 0:
        return MAX_POINTS
    taken = min(max(seconds, 0.0), float(limit))
    return round(MAX_POINTS * (1 - taken / limit / 2))


def is_correct(*, picked: list[int], correct_ids: set[int], several: bool) -> bool:
    if not correct_ids or not picked:
        return False
    if several:
        return set(picked) == correct_ids
    return len(picked) == 1 and picked[0] in correct_ids


def correct_ids(question: Question) -> set[int]:
    return {c.pk for c in question.choices.all() if c.correct}


def answer_points(
    question: Question,
    *,
    choices: list[int] | None,
    seconds: float | None,
    channel: str,
    marked: set[int] | None = None,
) -> int:
    """Points of one stored answer (its picked options, seconds and channel)."""
    marked = correct_ids(question) if marked is None else marked
    right = is_correct(
        picked=list(choices or []), correct_ids=marked, several=question.allow_multiple
    )
    timed = seconds if channel not in UNTIMED_CHANNELS else None
    return quiz_points(correct=right, seconds=timed, limit=question.quiz_seconds)


class QuizKind(Kind):
    name = "quiz"

    def clean(self, question: Question, answer: Answer) -> dict[str, Any]:
        picked = sorted(set(choice_ids(question, answer.choices)))
        if not picked:
            raise Refused("invalid_choice")
        if not question.allow_multiple and len(picked) > 1:
            raise Refused("single_choice")
        opened = question.answering_opened_at
        seconds = None
        if opened is not None and question.session.mode != SessionMode.SELF_PACED:
            seconds = round(max(0.0, (timezone.now() - opened).total_seconds()), 1)
        return {"choices": picked, "value": seconds}

    def results(self, question: Question, responses: QuerySet[Response]) -> dict[str, Any]:
        """The distribution; which options are correct, how many were right and the mean
        points only once answering has closed (the projector must not give it away)."""
        revealed = not question.answering_open
        marked = correct_ids(question)
        counts: Counter[int] = Counter()
        respondents = right = points = 0
        rows_by_answer = (
            responses.order_by()
            .values_list("choices", "value", "channel")
            .annotate(n=Count("pk"))
            .values_list("choices", "value", "channel", "n")
        )
        for picked, seconds, channel, n in rows_by_answer:
            respondents += n
            for choice_id in picked:
                counts[choice_id] += n
            if is_correct(picked=picked, correct_ids=marked, several=question.allow_multiple):
                right += n
            points += n * answer_points(
                question, choices=picked, seconds=seconds, channel=channel, marked=marked
            )
        rows: list[dict[str, Any]] = [
            {
                "id": c.pk,
                "label": c.label,
                "count": counts[c.pk],
                "percent": percent(counts[c.pk], respondents),
                "correct": c.correct if revealed else None,
            }
            for c in question.choices.all()
        ]
        top = max((row["count"] for row in rows), default=0)
        for row in rows:
            row["width"] = percent(row["count"], top)
        result: dict[str, Any] = {
            "kind": self.name,
            "respondents": respondents,
            "revealed": revealed,
            "rows": rows,
        }
        if revealed:
            result["correct_count"] = right
            result["correct_percent"] = percent(right, respondents)
            result["average_points"] = round(points / respondents) if respondents else None
        return result

    def own_summary(self, question: Question, own: list[Response]) -> dict[str, Any]:
        return {"own_choice_ids": set(own[0].choices) if own else set()}

    def phone_context(
        self, question: Question, participant: Participant, own: list[Response]
    ) -> dict[str, Any]:
        """The phone's own answer; once answering has closed, whether it was right, its
        points and, when the session has a leaderboard, the participant's standing."""
        from samrad.live import quiz  # the leaderboard reads every quiz question's answers

        context = self.own_summary(question, own)
        session = question.session
        context["quiz_leaderboard"] = session.leaderboard
        # A paper form not yet saved has no participant (samrad/live/entry.py).
        context["nickname"] = participant.nickname if participant is not None else ""
        if question.answering_open:
            return context
        if own:
            answer = own[0]
            marked = correct_ids(question)
            context["quiz_correct"] = is_correct(
                picked=answer.choices, correct_ids=marked, several=question.allow_multiple
            )
            context["quiz_points"] = answer_points(
                question,
                choices=answer.choices,
                seconds=answer.value,
                channel=answer.channel,
                marked=marked,
            )
        context["quiz_correct_labels"] = [c.label for c in question.choices.all() if c.correct]
        if session.leaderboard and participant is not None:
            context["quiz_standing"] = quiz.standing(session, participant)
        return context
