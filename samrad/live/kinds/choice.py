"""Multiple choice: one or several options, optionally "Other" with free text."""

from collections import Counter
from typing import Any

from django.db.models import Count, QuerySet

from samrad.live.errors import Refused
from samrad.live.kinds.base import Answer, Kind, choice_ids, clean_text, percent
from samrad.live.models import Question, Response


class ChoiceKind(Kind):
    name = "choice"

    def clean(self, question: Question, answer: Answer) -> dict[str, Any]:
        picked = sorted(set(choice_ids(question, answer.choices)))
        other = (answer.text or "").strip() if question.allow_other else ""
        if other:
            other = clean_text(other)
        if not picked and not other:
            raise Refused("invalid_choice")
        if not question.allow_multiple and len(picked) + (1 if other else 0) > 1:
            raise Refused("single_choice")
        return {"choices": picked, "text": other}

    def results(self, question: Question, responses: QuerySet[Response]) -> dict[str, Any]:
        # Counted in the database, one row per distinct set of picked options: the projector
        # re-reads results up to four times a second while thousands answer.
        counts: Counter[int] = Counter()
        respondents = 0
        for picked, n in (
            responses.order_by()
            .values_list("choices")
            .annotate(n=Count("pk"))
            .values_list("choices", "n")
        ):
            respondents += n
            for choice_id in picked:
                counts[choice_id] += n
        with_other = responses.exclude(text="")
        other_count = with_other.count() if question.allow_other else 0
        others = (
            list(reversed(with_other.order_by("-pk").values_list("text", flat=True)[:10]))
            if other_count
            else []
        )
        options = [(c.pk, c.label) for c in question.choices.all()]
        return choice_results(
            options, question.allow_other, counts, respondents, other_count, others
        )

    def own_summary(self, question: Question, own: list[Response]) -> dict[str, Any]:
        return {"own_choice_ids": set(own[0].choices) if own else set()}

    def draft_summary(self, question: Question, answer: Answer) -> dict[str, Any]:
        picked = set()
        for raw in answer.choices:
            try:
                picked.add(int(raw))
            except (TypeError, ValueError):
                continue
        return {"own_choice_ids": picked, "other_draft": answer.text or ""}


def choice_results(
    options: list[tuple[int, str]],
    allow_other: bool,
    counts: Counter[int],
    respondents: int,
    other_count: int,
    others: list[str],
) -> dict[str, Any]:
    """The results' shape from counts: what the projector, the API and the running tallies
    (samrad/live/tallies.py) all show. `options` are (id, label) in the question's order."""
    rows: list[dict[str, Any]] = [
        {
            "id": pk,
            "label": label,
            "count": counts[pk],
            "percent": percent(counts[pk], respondents),
        }
        for pk, label in options
    ]
    if allow_other:
        rows.append(
            {
                "id": None,
                "label": None,
                "count": other_count,
                "percent": percent(other_count, respondents),
            }
        )
    top = max((row["count"] for row in rows), default=0)
    for row in rows:
        row["width"] = percent(row["count"], top)
    return {"kind": "choice", "respondents": respondents, "rows": rows, "others": others}
