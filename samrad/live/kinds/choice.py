"""Multiple choice: one or several options, optionally "Other" with free text."""

from collections import Counter
from typing import Any

from samrad.live.errors import Refused
from samrad.live.kinds.base import Answer, Kind, choice_ids, clean_text, percent


class ChoiceKind(Kind):
    name = "choice"

    def clean(self, question, answer: Answer) -> dict[str, Any]:
        picked = sorted(set(choice_ids(question, answer.choices)))
        other = (answer.text or "").strip() if question.allow_other else ""
        if other:
            other = clean_text(other)
        if not picked and not other:
            raise Refused("invalid_choice")
        if not question.allow_multiple and len(picked) + (1 if other else 0) > 1:
            raise Refused("single_choice")
        return {"choices": picked, "text": other}

    def results(self, question, responses) -> dict[str, Any]:
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
                "percent": percent(counts[c.pk], respondents),
            }
            for c in question.choices.all()
        ]
        if question.allow_other:
            rows.append(
                {
                    "id": None,
                    "label": None,
                    "count": len(others),
                    "percent": percent(len(others), respondents),
                }
            )
        top = max((row["count"] for row in rows), default=0)
        for row in rows:
            row["width"] = percent(row["count"], top)
        return {"kind": self.name, "respondents": respondents, "rows": rows, "others": others[-10:]}

    def own_summary(self, question, own) -> dict[str, Any]:
        return {"own_choice_ids": set(own[0].choices) if own else set()}
