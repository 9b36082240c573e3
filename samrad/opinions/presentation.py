"""What the statements kind's phone form and projector view show, as plain data.

`stage` is what the projector draws: the opinion map (dots scaled into a 0–100 box),
the groups at or above the session's smallest group size (`min_group_size`, the project's
anonymity threshold) with their representative statements, the common ground and the
divisive statements (split between groups that are shown: a hidden small group never makes
a statement divisive on the screen). It reads the analysis through
`selectors.question_analysis_state`, which recomputes at most once a second; when the
analysis is behind the votes, `behind` tells the projector to ask again a second later.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, cast

from samrad.live.models import Moderation, Participant, Question
from samrad.opinions.models import Statement, StatementVote, Vote
from samrad.opinions.selectors import question_analysis_state, statement_next

# Group colours on the projector (Okabe–Ito, told apart by colour-blind viewers), and the
# letters that label them on the map and in the lists.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SHOWN = 5
DIVISIVE_SHOWN = 3
# Representative statements shown per group: fewer when there are more groups, so that
# everything fits the projector (the report page shows them all).
REPRESENTATIVE_SHOWN = {1: 3, 2: 3, 3: 3}


def label(group_id: int) -> str:
    """Group 1 is A, 2 is B, …: the numbers stay between updates, so the letters do."""
    return LETTERS[(group_id - 1) % len(LETTERS)]


def colour(group_id: int) -> str:
    return COLOURS[(group_id - 1) % len(COLOURS)]


def phone(question: Question, participant: Participant) -> dict[str, Any]:
    statement, left = statement_next(question=question, participant=participant)
    last = (
        StatementVote.objects.filter(
            participant=participant,
            statement__question=question,
            statement__moderation=Moderation.APPROVED,
        )
        .select_related("statement")
        .order_by("-updated_at", "-id")
        .first()
    )
    waiting = Statement.objects.filter(
        question=question, author=participant, moderation=Moderation.PENDING
    ).count()
    return {
        "statement": statement,
        "left": left,
        "last_vote": last,
        "waiting": waiting,
        "votes": [
            (Vote.AGREE, "agree", "a"),
            (Vote.DISAGREE, "disagree", "d"),
            (Vote.PASS, "pass", "p"),
        ],
        "statement_limit": 280,
    }


def _scale(values: list[float]) -> tuple[float, float]:
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    return low, (high - low) or 1.0


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def divisive(analysis, shown, texts, limit: int | None = DIVISIVE_SHOWN) -> list[dict[str, Any]]:
    """The divisive statements that split groups on the screen: one shown group mostly
    agrees and another mostly disagrees; each with every shown group's agree share."""
    column = {statement: j for j, statement in enumerate(analysis.statements)}
    chosen = []
    for score in analysis.divisive:
        j = column[score.statement]
        leaning = [(g, g.agree[j], g.disagree[j], g.seen[j]) for g in shown]
        if any(2 * a > n for _, a, _, n in leaning) and any(2 * d > n for _, _, d, n in leaning):
            chosen.append(
                {
                    "statement": score.statement,
                    "text": texts.get(score.statement, ""),
                    "groups": [
                        {"label": label(g.id), "agree": _percent(a, n)}
                        for g, a, _, n in leaning
                        if n
                    ],
                }
            )
        if len(chosen) == limit:
            break
    return chosen


def place(analysis, groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The map's dots (scaled into a 0–100 box) of the groups' ``participants``, which each
    group dict loses; each group gets its centre (``cx``, ``cy``) for its label."""
    xs = [analysis.points[p][0] for g in groups for p in g["participants"] if p in analysis.points]
    ys = [analysis.points[p][1] for g in groups for p in g["participants"] if p in analysis.points]
    (x0, dx), (y0, dy) = _scale(xs), _scale(ys)
    dots = []
    for g in groups:
        coords = [analysis.points[p] for p in g.pop("participants") if p in analysis.points]
        for x, y in coords:
            dots.append(
                {
                    "x": round(5 + 90 * (x - x0) / dx, 1),
                    "y": round(5 + 90 * (y - y0) / dy, 1),
                    "colour": g["colour"],
                }
            )
        if coords:
            g["cx"] = round(5 + 90 * (sum(c[0] for c in coords) / len(coords) - x0) / dx, 1)
            g["cy"] = round(5 + 90 * (sum(c[1] for c in coords) / len(coords) - y0) / dy, 1)
    return dots


def stage(question: Question) -> dict[str, Any]:
    state = question_analysis_state(question=question)
    analysis = state.analysis
    minimum = question.session.min_group_size
    ids = cast("tuple[int, ...]", analysis.statements)  # this analysis ran on statement pks
    texts: dict[Hashable, str] = dict(
        Statement.objects.filter(pk__in=ids).values_list("pk", "text")
    )
    groups: list[dict[str, Any]] = []
    shown = [group for group in analysis.groups if group.size >= minimum]
    hidden = len(analysis.groups) - len(shown)
    for group in shown:
        index = len(groups)
        groups.append(
            {
                "id": group.id,
                "label": label(group.id),
                "colour": colour(group.id),
                "size": group.size,
                "participants": group.participants,
                "representative": [
                    {
                        "text": texts.get(rep.statement, ""),
                        "agree": rep.direction == "agree",
                        "percent": round(100 * rep.share_in),
                    }
                    for rep in group.representative[: REPRESENTATIVE_SHOWN.get(len(shown), 2)]
                ],
                "index": index,
            }
        )
    dots = place(analysis, groups)
    return {
        "kind": "statements",
        "respondents": analysis.participants,
        "statements": len(analysis.statements),
        "groups": groups,
        "hidden_groups": hidden,
        "dots": dots,
        "consensus": [texts.get(s.statement, "") for s in analysis.consensus[:SHOWN]],
        "divisive": divisive(analysis, shown, texts),
        "behind": state.behind,
    }
