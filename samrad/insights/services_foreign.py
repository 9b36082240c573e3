"""Storing the results read by `insights.foreign` as a closed session of the dialogue with
channel "imported": all or nothing, in one transaction. Every answer is a Response of its own
(a vote, a word-cloud entry, an open answer, a Q&A post with its upvotes), each row of the
export one anonymous participant, so that the session's results, the word clouds and the
reports count them as they count answers given on phones; open answers and Q&A posts then
reach the input board through `services.inputs_sync`."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from samrad.core import audit
from samrad.dialogues.models import Dialogue
from samrad.insights import services
from samrad.insights.foreign import Found
from samrad.insights.models import ImportBatch, ImportStatus
from samrad.live import services as live_services
from samrad.live.models import (
    Channel,
    Choice,
    LiveSession,
    Participant,
    Question,
    QuestionKind,
    Response,
    SessionStatus,
)


def _participants(session: LiveSession, n: int) -> list[Participant]:
    made = Participant.objects.bulk_create(
        [Participant(session=session, channel=Channel.IMPORTED) for _i in range(n)]
    )
    if made and made[0].pk is None:  # databases that do not return ids on bulk insert
        made = list(session.participants.order_by("-id")[:n])[::-1]
    return made


def _store_question(session: LiveSession, position: int, found, split: str) -> Question:
    question = Question.objects.create(
        session=session,
        kind=found.kind,
        prompt=found.prompt or "—",
        position=position,
        accepting=False,
        results_after_close=session.results_after_close,
    )
    responses: list[Response] = []

    def answer(participant, **fields):
        responses.append(
            Response(question=question, participant=participant, channel=Channel.IMPORTED, **fields)
        )

    if found.kind == QuestionKind.CHOICE:
        choices = Choice.objects.bulk_create(
            Choice(question=question, label=item.text or "—", position=i)
            for i, item in enumerate(found.items)
        )
        if choices and choices[0].pk is None:
            choices = list(question.choices.order_by("position"))
        votes = [(choice.pk, item.count) for choice, item in zip(choices, found.items, strict=True)]
        people = iter(_participants(session, sum(count for _pk, count in votes)))
        for pk, count in votes:
            for _i in range(count):
                answer(next(people), slot=0, choices=[pk])
    elif found.kind == QuestionKind.WORDCLOUD:
        rows = [(parts, count) for _line, parts, count in found.entries(split) if parts]
        widest = max((len(parts) for parts, _count in rows), default=1)
        question.max_entries = min(max(widest, 1), 32767)
        question.save(update_fields=["max_entries"])
        people = iter(_participants(session, sum(count for _parts, count in rows)))
        for parts, count in rows:
            for _i in range(count):
                person = next(people)
                for slot, entry in enumerate(parts):
                    answer(person, slot=slot, text=entry)
    else:  # open answers and Q&A posts: one participant each
        people = iter(_participants(session, len(found.items)))
        for item in found.items:
            fields = {"text": item.text}
            if found.kind == QuestionKind.QA:
                fields["upvotes"] = item.count
            else:
                fields["input_kind"] = "input"
            answer(next(people), **fields)
    Response.objects.bulk_create(responses, batch_size=1000)
    return question


@transaction.atomic
def foreign_import(
    *, dialogue: Dialogue, found: Found, split: str, title: str, actor=None
) -> LiveSession:
    """A closed session of the dialogue holding every question and answer of `found`."""
    session = live_services.session_create(dialogue=dialogue, title=title[:200], created_by=actor)
    session.status = SessionStatus.CLOSED
    session.closes_at = timezone.now()
    session.save(update_fields=["status", "closes_at"])
    stored = [
        _store_question(session, position, question, split)
        for position, question in enumerate(found.questions, start=1)
    ]
    if stored:  # the control page opens on the first question's results
        session.current_question = stored[0]
        session.save(update_fields=["current_question"])
    services.inputs_sync(dialogue=dialogue)
    audit.record(
        actor,
        "insights.foreign_import",
        session,
        organisation=dialogue.organisation,
        summary=f"{found.tool}: {len(found.questions)} questions, {found.total(split)} answers",
    )
    return session


@transaction.atomic
def foreign_run(
    *, batch: ImportBatch, found: Found, split: str, title: str, actor=None
) -> LiveSession | None:
    """Import a kept upload once: None when another click imported it already."""
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.DRAFT).update(
        status=ImportStatus.DONE, data=b"", rows=found.total(split)
    )
    if not claimed:
        return None
    return foreign_import(
        dialogue=batch.dialogue, found=found, split=split, title=title, actor=actor
    )
