"""Reads for live sessions: results, counts, a participant's own answers."""

from collections import Counter
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from samrad.insights.textanalysis.wordcloud import count_terms
from samrad.live.models import InputKind, LiveSession, Participant, Question, QuestionKind, Response

WORDCLOUD_TOP = 40
OPEN_INPUTS_SHOWN = 30


def session_by_code(code: str) -> LiveSession | None:
    code = (code or "").strip().replace(" ", "")
    if not (len(code) == 6 and code.isdigit()):
        return None
    return (
        LiveSession.objects.select_related("dialogue", "current_question").filter(code=code).first()
    )


def session_by_id(session_id: int) -> LiveSession:
    return LiveSession.objects.select_related("dialogue", "current_question").get(pk=session_id)


def sessions_for_user(*, user) -> QuerySet[LiveSession]:
    if not user.is_authenticated:
        return LiveSession.objects.none()
    return LiveSession.objects.filter(
        dialogue__organisation__memberships__user=user
    ).select_related("dialogue", "dialogue__organisation", "current_question")


def session_for_user_or_404(*, user, pk: int) -> LiveSession:
    return get_object_or_404(sessions_for_user(user=user), pk=pk)


def session_counts(session: LiveSession) -> dict[str, int]:
    participants = Participant.objects.filter(session=session)
    return {
        "joined": participants.count(),
        "connected": participants.filter(connections__gt=0).count(),
    }


def own_responses(*, question: Question, participant: Participant) -> list[Response]:
    return list(Response.objects.filter(question=question, participant=participant))


def question_results(question: Question) -> dict[str, Any]:
    """The aggregate a presenter shows, in a shape that templates and the API share."""
    responses = Response.objects.filter(question=question)
    if question.kind == QuestionKind.CHOICE:
        return _choice_results(question, responses)
    if question.kind == QuestionKind.WORDCLOUD:
        return _wordcloud_results(question, responses)
    return _open_results(responses)


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _choice_results(question: Question, responses) -> dict[str, Any]:
    counts: Counter[int] = Counter()
    others: list[str] = []
    respondents = 0
    for picked, other in responses.values_list("choices", "text"):
        respondents += 1
        counts.update(picked)
        if other:
            others.append(other)
    rows = [
        {
            "id": c.pk,
            "label": c.label,
            "count": counts[c.pk],
            "percent": _percent(counts[c.pk], respondents),
        }
        for c in question.choices.all()
    ]
    if question.allow_other:
        rows.append(
            {
                "id": None,
                "label": None,
                "count": len(others),
                "percent": _percent(len(others), respondents),
            }
        )
    top = max((row["count"] for row in rows), default=0)
    for row in rows:
        row["width"] = _percent(row["count"], top)
    return {"kind": "choice", "respondents": respondents, "rows": rows, "others": others[-10:]}


def _wordcloud_results(question: Question, responses) -> dict[str, Any]:
    entries = list(responses.values_list("text", flat=True))
    terms = count_terms(entries, question.session.dialogue.language, top=WORDCLOUD_TOP)
    top = terms[0].count if terms else 0
    cloud = [
        {"text": t.text, "count": t.count, "size": 1 + round(5 * t.count / top) if top else 1}
        for t in terms
    ]
    respondents = responses.values("participant").distinct().count()
    return {
        "kind": "wordcloud",
        "respondents": respondents,
        "entries": len(entries),
        "terms": cloud,
    }


def _open_results(responses) -> dict[str, Any]:
    # Labels as plain str (in the active language): the presenter's WebSocket sends these as JSON.
    by_kind = Counter(responses.values_list("input_kind", flat=True))
    latest = list(responses.order_by("-created_at", "-id")[:OPEN_INPUTS_SHOWN])
    return {
        "kind": "open",
        "respondents": responses.values("participant").distinct().count(),
        "entries": sum(by_kind.values()),
        "by_kind": [
            {"kind": kind.value, "label": str(kind.label), "count": by_kind.get(kind.value, 0)}
            for kind in InputKind
        ],
        "latest": [
            {"text": r.text, "kind": r.input_kind, "kind_label": str(InputKind(r.input_kind).label)}
            for r in latest
        ],
    }


def total_responses(session: LiveSession) -> int:
    return Response.objects.filter(question__session=session).count() or 0


def stage_context(session: LiveSession) -> dict[str, Any]:
    """What the presenter's stage shows; the page view and the consumer share it."""
    question = session.current_question
    return {
        "session": session,
        "question": question,
        "results": question_results(question) if question else None,
        "counts": session_counts(session),
        "responses": Response.objects.filter(question=question).count() if question else 0,
    }
