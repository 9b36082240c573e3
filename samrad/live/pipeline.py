"""Answers in batches: many phones' answers checked and stored in one transaction.

`responses_submit_batch` is the service behind the per-process writer (samrad.live.writer):
it takes the answers that arrived within a few milliseconds and, in one transaction,

- reads each question's state once (the authoritative check: what the facilitator set last),
- finds resends by `client_id` in one query (a resend of a stored answer is a success),
- judges every answer with `services.response_check` (the one place an answer is judged),
- writes the single-answer kinds' rows with one multi-row upsert per question and the others
  one by one (each in a savepoint, so one refused entry does not undo the batch),
- and announces each question's new results once.

It returns one result per answer, in order: the stored Response, or the Refused (or
Question.DoesNotExist) for that answer alone. Nothing is acknowledged before the commit.
Rate limits count every attempt, as in `services.response_submit`.
"""

import functools
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Field

from samrad.core import ratelimit
from samrad.core.realtime import broadcast_on_commit
from samrad.live import events, rules, services, tallies, upserts
from samrad.live.errors import Refused
from samrad.live.kinds import Answer
from samrad.live.models import Channel, Choice, Participant, Question, Response


@dataclass
class Pending:
    """One answer on its way to the database."""

    question_id: int
    participant: Participant
    answer: Answer
    client_id: uuid.UUID | None = None
    channel: str = Channel.LIVE
    result: object = field(default=None, repr=False)


def pending_from_message(content: Any, participant: Participant) -> Pending:
    """An answer a phone sent over its WebSocket, in the participant API's JSON shape
    (`{"type": "answer", "question_id": 7, "client_id": "…", "choices": [3]}`). Raises
    ValueError when it is not one (the consumer closes such a socket)."""
    from pydantic import ValidationError

    from samrad.live.apis import ResponseIn, answer_from_payload

    if not isinstance(content, dict) or not isinstance(content.get("question_id"), int):
        raise ValueError("an answer needs a question_id")
    if "form" in content:
        return _pending_from_form(content, participant)
    try:
        payload = ResponseIn.model_validate(
            {k: v for k, v in content.items() if k not in {"type", "question_id"}}
        )
    except ValidationError as exc:
        raise ValueError(str(exc)) from None
    return Pending(
        question_id=content["question_id"],
        participant=participant,
        answer=answer_from_payload(payload),
        client_id=payload.client_id,
    )


def _pending_from_form(content: dict, participant: Participant) -> Pending:
    """The phone page's form fields (`{"form": {"choice": ["3"], …}}`), read exactly as its
    HTTP POST is (Answer.from_form)."""
    from django.http import QueryDict

    form = content["form"]
    if not isinstance(form, dict) or not all(
        isinstance(values, list) and all(isinstance(v, str) for v in values)
        for values in form.values()
    ):
        raise ValueError("form fields are lists of strings")
    fields = QueryDict(mutable=True)
    for name, values in form.items():
        fields.setlist(str(name), values)
    try:
        client_id = uuid.UUID(str(content.get("client_id") or ""))
    except ValueError:
        client_id = None
    return Pending(
        question_id=content["question_id"],
        participant=participant,
        answer=Answer.from_form(fields),
        client_id=client_id,
    )


def responses_submit_batch(items: list[Pending]) -> list[Response | Exception]:
    for item in items:
        item.result = None
    limited = [item for item in items if item.channel not in rules.FACILITATOR_CHANNELS]
    counts = ratelimit.hit_many([f"answers:{item.participant.pk}" for item in limited], window=60)
    for item, count in zip(limited, counts, strict=True):
        if count > settings.SAMRAD_ANSWERS_PER_MINUTE:
            item.result = Refused("too_fast")
    todo = [item for item in items if item.result is None]
    if todo:
        try:
            with transaction.atomic():
                _store(todo)
        except IntegrityError:
            # A concurrent writer (another process) stored a clashing row meanwhile: the batch
            # is undone as a whole; store its answers one by one, each deciding for itself.
            for item in todo:
                item.result = _one(item)
    return [cast("Response | Exception", item.result) for item in items]  # all filled in now


def _one(item: Pending) -> Response | Exception:
    try:
        question = Question.objects.only("pk", "session_id").get(pk=item.question_id)
        return services.response_submit(
            question=question,
            participant=item.participant,
            answer=item.answer,
            channel=item.channel,
            client_id=item.client_id,
        )
    except (Refused, Question.DoesNotExist) as exc:
        return exc


# The options of the questions the writer checks answers against, by (question id, when the
# question last changed): an edit of the options saves the question (live/editing.py:
# question_update), so a changed question's options are read afresh. A batch then reads only
# the question and its session, the state that decides (the options' query was a third of a
# batch's reads in a burst's profile: docs/performance.md).
_OPTIONS: OrderedDict[tuple[int, datetime], list[Choice]] = OrderedDict()
_OPTIONS_KEPT = 256


def _with_options(questions: list[Question]) -> None:
    """Give each question its options as if prefetched (`question.choices.all()` reads no
    more), from the cache or, for those not in it, one query."""
    missing = [q for q in questions if (q.pk, q.updated_at) not in _OPTIONS]
    if missing:
        found: dict[int, list[Choice]] = {q.pk: [] for q in missing}
        for choice in Choice.objects.filter(question__in=missing):  # in the options' order
            found[choice.question_id].append(choice)
        for question in missing:
            _OPTIONS[(question.pk, question.updated_at)] = found[question.pk]
        while len(_OPTIONS) > _OPTIONS_KEPT:
            _OPTIONS.popitem(last=False)
    for question in questions:
        key = (question.pk, question.updated_at)
        _OPTIONS.move_to_end(key)
        options = question.choices.all()
        options._result_cache = list(_OPTIONS[key])  # what prefetch_related leaves behind
        options._prefetch_done = True  # type: ignore[attr-defined]
        question._prefetched_objects_cache = {"choices": options}  # type: ignore[attr-defined]


def _store(items: list[Pending]) -> None:
    read = list(
        Question.objects.select_related("session")
        .filter(pk__in={item.question_id for item in items})
        .order_by()  # by id into a dict: no ORDER BY to build or run
    )
    _with_options(read)
    questions = {question.pk: question for question in read}
    resends = [item for item in items if item.client_id is not None]
    # By participant and client_id, the unique index's order: by client_id alone SQLite read
    # every row of the table for each batch (EXPLAIN QUERY PLAN: SCAN live_response).
    stored = {
        (response.participant_id, response.client_id): response
        for response in Response.objects.filter(
            participant_id__in={item.participant.pk for item in resends},
            client_id__in={item.client_id for item in resends},
        ).order_by()
    }
    winners: dict[int, dict[int, tuple[Pending, services.CheckedAnswer]]] = {}
    for item in items:
        question = questions.get(item.question_id)
        if question is None or question.session_id != item.participant.session_id:
            item.result = Question.DoesNotExist()
            continue
        resent = stored.get((item.participant.pk, item.client_id))
        try:
            checked = services.response_check(
                question=question,
                participant=item.participant,
                answer=item.answer,
                channel=item.channel,
            )
        except Refused as refused:
            item.result = resent or refused  # a resend of a stored answer is a success
            continue
        if not checked.kind.single_answer:
            item.result = resent or _write_one(question, item, checked)
            continue
        # The last answer of a participant in the batch wins, as if they came one by one.
        winners.setdefault(question.pk, {})[item.participant.pk] = (item, checked)
        item.result = item  # filled in below
    for question_id, by_participant in winners.items():
        question = questions[question_id]
        rows = list(by_participant.values())
        _upsert(question, rows)
        for item, _checked in rows:
            services.response_screen(question=question, response=cast(Response, item.result))
        if question.kind in tallies.TALLIED_KINDS:
            # On commit, before the event below: the projector reads the new counts. The event
            # carries the rows to the other processes' tallies.
            saved = tallies.rows_of(cast(Response, item.result) for item, _checked in rows)
            version = tallies.generation(question)
            transaction.on_commit(functools.partial(tallies.apply, question.pk, saved, version))
            event = events.results_changed_event(
                question, tally=tallies.PROCESS, rows=saved, generation=version
            )
        else:
            event = events.results_changed_event(question)
        # The projector hears once per question and batch, not once per answer.
        broadcast_on_commit(events.presenter_group(question.session_id), event)
        for item, checked in rows:
            for phones in checked.kind.phone_events(question, cast(Response, item.result)):
                broadcast_on_commit(events.session_group(question.session_id), phones)
    for item in items:
        if isinstance(item.result, Pending):  # an earlier answer replaced in the same batch
            item.result = _latest(winners, item)


def _latest(winners: Any, item: Pending) -> Response:
    latest, _checked = winners[item.question_id][item.participant.pk]
    return latest.result


def _write_one(
    question: Question, item: Pending, checked: services.CheckedAnswer
) -> Response | Exception:
    """A multi-entry kind (word cloud, Q&A): one entry, in its own savepoint."""
    try:
        with transaction.atomic():
            return services.response_store(
                question=question,
                participant=item.participant,
                checked=checked,
                client_id=item.client_id,
            )
    except IntegrityError:  # the participant's last slot was taken by another entry
        return Refused("limit_reached")
    except Refused as refused:
        return refused


def _default(name: str) -> Any:
    return cast("Field[Any, Any]", Response._meta.get_field(name)).get_default()


def _upsert(question: Question, rows: list[tuple[Pending, "services.CheckedAnswer"]]) -> None:
    """Single-answer kinds: one INSERT … ON CONFLICT (question, participant, slot) DO UPDATE
    for every participant's answer to this question in the batch."""
    fields = sorted({name for _item, checked in rows for name in checked.fields})
    objects = [
        Response(
            question=question,
            participant=item.participant,
            slot=0,
            channel=checked.channel,
            client_id=item.client_id,
            **{name: checked.fields.get(name, _default(name)) for name in fields},
        )
        for item, checked in rows
    ]
    upserts.upsert(
        objects,
        unique_fields=["question", "participant", "slot"],
        update_fields=[*fields, "channel", "client_id"],
    )
    for (item, _checked), response in zip(rows, objects, strict=True):
        item.result = response
