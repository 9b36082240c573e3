"""Reading statements and votes: the next statement for a phone, and the analysis."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef

from samrad.live.models import Moderation, Participant, Question
from samrad.opinions.analysis import Analysis, VoteMatrix, analyse
from samrad.opinions.models import Statement, StatementVote

# The live map recomputes at most once per this many seconds per question.
ANALYSIS_INTERVAL = 1
# The last analysis (and so the group numbers) is kept this long after its last update.
KEEP_ANALYSIS = 7 * 24 * 3600


def statement_next(
    *, question: Question, participant: Participant, rng: random.Random | None = None
) -> tuple[Statement | None, int]:
    """The statement this phone should vote on next, and how many it has left (that one
    included). Shown statements it has not voted on; the fewest votes first, ties at random,
    so that votes spread over all statements."""
    left = (
        Statement.objects.filter(question=question, moderation=Moderation.APPROVED)
        .exclude(
            Exists(StatementVote.objects.filter(statement=OuterRef("pk"), participant=participant))
        )
        .annotate(n_votes=Count("votes"))
    )
    rows = list(left.values_list("pk", "n_votes"))
    if not rows:
        return None, 0
    fewest = min(n for _, n in rows)
    chosen = (rng or random).choice(sorted(pk for pk, n in rows if n == fewest))
    return Statement.objects.get(pk=chosen), len(rows)


def question_matrix(question: Question) -> VoteMatrix:
    """The vote matrix of the question's shown statements (participants by their id)."""
    shown = list(
        Statement.objects.filter(question=question, moderation=Moderation.APPROVED).values_list(
            "pk", flat=True
        )
    )
    votes = list(
        StatementVote.objects.filter(statement_id__in=shown).values_list(
            "participant_id", "statement_id", "value"
        )
    )
    return VoteMatrix.from_arrays(
        [vote[0] for vote in votes],
        [vote[1] for vote in votes],
        [vote[2] for vote in votes],
        all_statements=shown,
    )


@dataclass(frozen=True)
class AnalysisState:
    """The analysis to show, and whether votes or statements changed after it was made
    (``behind``): the projector then asks again a second later, so the last votes of a
    burst reach the map even when nothing else happens in the room."""

    analysis: Analysis
    behind: bool


def _stamp(question: Question) -> tuple[Any, ...]:
    """What the analysis depends on, in two cheap aggregates: any vote cast or changed, any
    statement added, shown or hidden changes it."""
    votes = StatementVote.objects.filter(statement__question=question).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    statements = Statement.objects.filter(question=question).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    return (votes["n"], votes["last"], statements["n"], statements["last"])


def question_analysis_state(*, question: Question) -> AnalysisState:
    """The opinion analysis of the question, recomputed at most once a second, and only
    when votes or statements changed.

    Whoever asks first in a second after a change recomputes (an atomic ``cache.add``
    decides, across processes); everyone else in that second gets the last analysis,
    marked ``behind``. Group numbers stay stable because each analysis starts from the
    previous one's groups.
    """
    key = f"opinions:analysis:{question.pk}"
    stamp = _stamp(question)
    last: tuple[tuple[Any, ...], Analysis] | None = cache.get(key)
    if not isinstance(last, tuple):  # nothing yet, or an entry from before the stamp
        last = None
    if last is not None:
        if last[0] == stamp:
            return AnalysisState(last[1], behind=False)
        if not cache.add(f"{key}:busy", 1, timeout=ANALYSIS_INTERVAL):
            return AnalysisState(last[1], behind=True)
    previous = last[1].previous() if last else None
    analysis = analyse(question_matrix(question), previous=previous)
    cache.set(key, (stamp, analysis), timeout=KEEP_ANALYSIS)
    cache.add(f"{key}:busy", 1, timeout=ANALYSIS_INTERVAL)
    return AnalysisState(analysis, behind=False)


def question_analysis(*, question: Question) -> Analysis:
    """The opinion analysis of the question (see ``question_analysis_state``)."""
    return question_analysis_state(question=question).analysis
