"""Ranking: the participant puts every option in order; counted with the Borda count.

With n options, first place gives n-1 points, second n-2, …, last 0. The projector shows
the options by score, with each option's average place.
"""

from typing import Any

from django.db.models import QuerySet

from samrad.live.errors import Refused
from samrad.live.kinds.base import Answer, Kind, choice_ids, percent
from samrad.live.models import Question, Response


class RankingKind(Kind):
    name = "ranking"

    def clean(self, question: Question, answer: Answer) -> dict[str, Any]:
        order = choice_ids(question, answer.choices)
        options = set(question.choices.values_list("pk", flat=True))
        if len(order) != len(options) or set(order) != options:
            raise Refused("rank_all")
        return {"choices": order}

    def results(self, question: Question, responses: QuerySet[Response]) -> dict[str, Any]:
        options = list(question.choices.all())
        n = len(options)
        score = {c.pk: 0 for c in options}
        places = {c.pk: 0 for c in options}
        respondents = 0
        for order in responses.values_list("choices", flat=True):
            ranked = [pk for pk in order if pk in score]
            if len(ranked) != n:  # the options changed since: not comparable
                continue
            respondents += 1
            for index, pk in enumerate(ranked):
                score[pk] += n - 1 - index
                places[pk] += index + 1
        top = max(score.values(), default=0)
        most = respondents * (n - 1)
        rows: list[dict[str, Any]] = [
            {
                "id": c.pk,
                "label": c.label,
                "score": score[c.pk],
                "percent": percent(score[c.pk], most),
                "width": percent(score[c.pk], top),
                "average_rank": round(places[c.pk] / respondents, 1) if respondents else None,
            }
            for c in options
        ]
        rows.sort(key=lambda row: -row["score"])  # stable: ties keep the options' order
        for place, row in enumerate(rows, start=1):
            row["place"] = place
        return {"kind": self.name, "respondents": respondents, "options": n, "rows": rows}

    def own_summary(self, question: Question, own: list[Response]) -> dict[str, Any]:
        return {"ranking_items": self._ordered(question, own[0].choices if own else [])}

    def draft_summary(self, question: Question, answer: Answer) -> dict[str, Any]:
        return {"ranking_items": self._ordered(question, answer.choices)}

    @staticmethod
    def _ordered(question: Question, order: list[Any]) -> list:
        """The options in the given order; any left out follow in the question's order."""
        options = list(question.choices.all())
        position: dict[str, int] = {}
        for index, raw in enumerate(order):
            position.setdefault(str(raw), index)
        return sorted(options, key=lambda c: position.get(str(c.pk), len(order)))
