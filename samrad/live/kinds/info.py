"""Info slide: text (the prompt) and an optional image on phone and projector; no answer."""

from typing import Any

from django.db.models import QuerySet

from samrad.live.errors import Refused
from samrad.live.kinds.base import Answer, Kind
from samrad.live.models import Question, Response


class InfoKind(Kind):
    name = "info"

    def clean(self, question: Question, answer: Answer) -> dict[str, Any]:
        # `rules.response_refusal` already says "no_answer"; this holds for any other path.
        raise Refused("no_answer")

    def results(self, question: Question, responses: QuerySet[Response]) -> dict[str, Any]:
        return {"kind": self.name, "respondents": 0}
