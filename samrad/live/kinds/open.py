"""Open input: free text the participant marks as question, input or suggestion."""

from collections import Counter
from typing import Any

from django.db.models import Count, QuerySet

from samrad.live.errors import Refused
from samrad.live.kinds.base import Answer, Kind, clean_text
from samrad.live.models import InputKind, Question, Response

SHOWN = 30


class OpenKind(Kind):
    name = "open"
    single_answer = False

    def clean(self, question: Question, answer: Answer) -> dict[str, Any]:
        text = clean_text(answer.text)
        if answer.kind not in InputKind.values:
            raise Refused("invalid_kind")
        return {"text": text, "input_kind": answer.kind}

    def results(self, question: Question, responses: QuerySet[Response]) -> dict[str, Any]:
        by_kind = Counter(responses.values_list("input_kind", flat=True))
        latest = list(responses.order_by("-created_at", "-id")[:SHOWN])
        # Plain strings, not lazy translations: this goes into JSON on the presenter socket.
        return {
            "kind": self.name,
            "respondents": responses.aggregate(n=Count("participant", distinct=True))["n"],
            "entries": sum(by_kind.values()),
            "by_kind": [
                {"kind": kind.value, "label": str(kind.label), "count": by_kind.get(kind.value, 0)}
                for kind in InputKind
            ],
            "latest": [
                {
                    "text": r.text,
                    "kind": r.input_kind,
                    "kind_label": str(InputKind(r.input_kind).label),
                }
                for r in latest
            ],
        }
