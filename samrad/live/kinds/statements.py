"""Statements (Pol.is-style): participants vote agree / disagree / pass on short statements,
one at a time, and may submit their own. The models, services and analysis live in
`samrad.opinions`; this kind only routes a phone's form to them.

A vote arrives as `choice=<statement id>` and `value=1|0|-1`; a new statement as `text`.
`write` returns the StatementVote or Statement (not a Response): nothing is written to
`Response`, so the answer counts of other kinds do not apply here.
"""

import uuid
from typing import Any

from django.db.models import QuerySet

from samrad.live import events
from samrad.live.kinds.base import Answer, Kind, whole_number
from samrad.live.models import Moderation, Participant, Question, Response
from samrad.opinions import presentation, services
from samrad.opinions.errors import StatementRefused
from samrad.opinions.models import Statement


class StatementsKind(Kind):
    name = "statements"
    # Votes and statements are not Responses: every answer goes through `write` one by one
    # (the batch writer's multi-row upsert is for the Response of a single-answer kind).
    single_answer = False

    def clean(self, question: Question, answer: Answer) -> dict[str, Any]:
        if answer.value in (None, "") and answer.text is not None:
            return {"text": answer.text}
        statement_id = whole_number(answer.choices[0]) if answer.choices else None
        value = whole_number(answer.value)
        if statement_id is None or value is None:
            raise StatementRefused("vote_value")
        return {"statement_id": statement_id, "value": value}

    def write(
        self,
        question: Question,
        participant: Participant,
        fields: dict[str, Any],
        *,
        channel: str,
        client_id: uuid.UUID | None,
    ) -> Any:  # a Statement or a StatementVote (opinions), not a Response
        if "text" in fields:
            return services.statement_submit(
                question=question, participant=participant, text=fields["text"]
            )
        return services.statement_vote(
            participant=participant, statement_id=fields["statement_id"], value=fields["value"]
        )

    def results(self, question: Question, responses: QuerySet[Response]) -> dict[str, Any]:
        return presentation.stage(question)

    def phone_events(self, question: Question, response: Response) -> list[dict[str, Any]]:
        # A statement shown at once (no pre-moderation) reaches the phones that wait for one.
        if isinstance(response, Statement) and response.moderation == Moderation.APPROVED:
            return [events.qa_event(question)]
        return []

    def phone_context(
        self, question: Question, participant: Participant, own: list[Response]
    ) -> dict[str, Any]:
        return presentation.phone(question, participant)
