"""Scale: one whole number from `scale_min` to `scale_max` (1–5, 1–7, 1–10), ends labelled."""

import statistics
from collections import Counter
from typing import Any

from django.db.models import QuerySet

from samrad.live.errors import Refused
from samrad.live.kinds.base import Answer, Kind, format_number_lazy, percent, whole_number
from samrad.live.models import Question, Response


class ScaleKind(Kind):
    name = "scale"

    def values(self, question: Question) -> range:
        return range(question.scale_min, question.scale_max + 1)

    def clean(self, question: Question, answer: Answer) -> dict[str, Any]:
        value = whole_number(answer.value)
        if value is None or value not in self.values(question):
            raise Refused(
                "scale_value",
                min=format_number_lazy(question.scale_min),
                max=format_number_lazy(question.scale_max),
            )
        return {"value": value}

    def results(self, question: Question, responses: QuerySet[Response]) -> dict[str, Any]:
        answers = [v for v in responses.values_list("value", flat=True) if v is not None]
        counts = Counter(int(v) for v in answers)
        n = len(answers)
        top = max(counts.values(), default=0)
        rows = [
            {
                "value": value,
                "count": counts[value],
                "percent": percent(counts[value], n),
                "width": percent(counts[value], top),
            }
            for value in self.values(question)
        ]
        return {
            "kind": self.name,
            "respondents": n,
            "mean": round(statistics.fmean(answers), 1) if n else None,
            "median": statistics.median(answers) if n else None,
            "scale_min": question.scale_min,
            "scale_max": question.scale_max,
            "label_low": question.label_low,
            "label_high": question.label_high,
            "rows": rows,
        }

    def own_summary(self, question: Question, own: list[Response]) -> dict[str, Any]:
        chosen = int(own[0].value) if own and own[0].value is not None else None
        values = self.values(question)
        # One row on a 390 px phone up to 7 buttons; 1–10 wraps into two rows of 5.
        columns = len(values) if len(values) <= 7 else -(-len(values) // 2)
        return {"scale_values": values, "scale_columns": columns, "scale_chosen": chosen}

    def draft_summary(self, question: Question, answer: Answer) -> dict[str, Any]:
        return {"scale_chosen": whole_number(answer.value)}
