"""Points to spend: the participant spreads `points_budget` points (default 100) over the
options, whole numbers of 0 or more that add up to exactly the budget."""

from typing import Any

from django.db.models import QuerySet

from samrad.live.errors import Refused
from samrad.live.kinds.base import Answer, Kind, format_number_lazy, percent, whole_number
from samrad.live.models import Question, Response


class PointsKind(Kind):
    name = "points"

    def clean(self, question: Question, answer: Answer) -> dict[str, Any]:
        options = list(question.choices.values_list("pk", flat=True))
        given: dict[int, int] = {}
        for key, raw in (answer.points or {}).items():
            choice = whole_number(key)
            if choice is None or choice not in options:
                raise Refused("invalid_choice")
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue  # an empty field is no points
            points = whole_number(raw)
            if points is None or points < 0:
                raise Refused("points_whole")
            given[choice] = given.get(choice, 0) + points
        spent = sum(given.values())
        budget = question.points_budget
        if spent != budget:
            raise Refused(
                "points_total", budget=format_number_lazy(budget), spent=format_number_lazy(spent)
            )
        return {"points": {str(pk): given.get(pk, 0) for pk in options}}

    def results(self, question: Question, responses: QuerySet[Response]) -> dict[str, Any]:
        options = list(question.choices.all())
        totals = {c.pk: 0 for c in options}
        respondents = 0
        for given in responses.values_list("points", flat=True):
            respondents += 1
            for key, points in (given or {}).items():
                choice = whole_number(key)
                if choice in totals and isinstance(points, int):
                    totals[choice] += points
        spent = sum(totals.values())
        top = max(totals.values(), default=0)
        rows: list[dict[str, Any]] = [
            {
                "id": c.pk,
                "label": c.label,
                "total": totals[c.pk],
                "average": round(totals[c.pk] / respondents, 1) if respondents else None,
                "percent": percent(totals[c.pk], spent),
                "width": percent(totals[c.pk], top),
            }
            for c in options
        ]
        rows.sort(key=lambda row: -row["total"])  # stable: ties keep the options' order
        return {
            "kind": self.name,
            "respondents": respondents,
            "budget": question.points_budget,
            "spent": spent,
            "rows": rows,
        }

    def own_summary(self, question: Question, own: list[Response]) -> dict[str, Any]:
        return self._rows(question, own[0].points if own else {})

    def draft_summary(self, question: Question, answer: Answer) -> dict[str, Any]:
        return self._rows(question, answer.points or {})

    @staticmethod
    def _rows(question: Question, given: dict[Any, Any]) -> dict[str, Any]:
        values = {str(key): value for key, value in given.items()}
        rows = [{"choice": c, "value": values.get(str(c.pk), "")} for c in question.choices.all()]
        spent = sum(n for row in rows if (n := whole_number(row["value"])) is not None and n > 0)
        left = question.points_budget - spent
        return {
            "points_rows": rows,
            "points_spent": spent,
            "points_left": left,
            "points_over": max(0, -left),
        }
