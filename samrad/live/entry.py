"""Writes for paper forms and interviews typed in by a facilitator: one save per form.

A form becomes a respondent (a proxy participant, channel paper or interview) only when
something on it is saved, so an empty form is nobody. Its answers are judged and stored in one
transaction: if any is refused, none is kept and the page gives every answer back, the
refused ones marked, so that nothing typed is lost and nothing is half-saved.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from samrad.live import services
from samrad.live.errors import Refused
from samrad.live.kinds import Answer
from samrad.live.models import LiveSession, Participant, Question


@dataclass
class EntryAnswer:
    question: Question
    answer: Answer
    client_id: uuid.UUID | None = None


@dataclass
class EntryResult:
    respondent: Participant | None
    saved: int = 0
    refused: dict[int, Refused] = field(default_factory=dict)


def answer_is_empty(answer: Answer) -> bool:
    """Nothing entered: no option ticked, no text, no number, no points (what kind of input
    an open answer is does not count on its own)."""
    return not (
        answer.choices
        or (answer.words or "").strip()
        or (answer.text or "").strip()
        or str(answer.value if answer.value is not None else "").strip()
        or any(str(v).strip() for v in answer.points.values())
    )


def entry_save(
    *,
    session: LiveSession,
    respondent: Participant | None,
    channel: str,
    answers: list[EntryAnswer],
    actor: Any = None,
) -> EntryResult:
    """Store a whole form's answers (the empty ones left out beforehand) for `respondent`, or
    for a new respondent created here when there is anything to store."""
    answers = [item for item in answers if not answer_is_empty(item.answer)]
    if not answers:
        return EntryResult(respondent)
    refused: dict[int, Refused] = {}
    with transaction.atomic():
        created = respondent is None
        if respondent is None:
            respondent = services.proxy_participant_create(
                session=session, channel=channel, actor=actor
            )
        for item in answers:
            try:
                with transaction.atomic():
                    services.response_submit(
                        question=item.question,
                        participant=respondent,
                        answer=item.answer,
                        channel=respondent.channel,
                        client_id=item.client_id,
                    )
            except Refused as refusal:
                refused[item.question.pk] = refusal
        if refused:
            transaction.set_rollback(True)  # nothing of the form, and no respondent
            return EntryResult(None if created else respondent, 0, refused)
    return EntryResult(respondent, len(answers))
