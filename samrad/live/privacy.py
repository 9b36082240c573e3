"""Personal data of participants: what is stored about one phone, its export, its erasure,
and the retention rule that removes identifiers from old sessions.

A participant is anonymous (a random key in a signed cookie), but the key ties that phone's
answers together, so it is personal data in the GDPR's sense for as long as it exists:

- `participant_export` — everything stored about one phone, as JSON-ready data (the phone's
  "My data" page and `GET /api/v1/participate/data`): every app's entry in the registry of
  personal data (core/personal_data.py; live's own are registered by `register_all`);
- `participant_erase` — the phone's answers, Q&A posts and upvotes are deleted and so is the
  participant itself: results and upvote counts go down at once (events after commit). We
  delete rather than anonymise because an answer withdrawn by its author should no longer
  count; nothing else refers to a participant. Another phone's post that had been merged into
  an erased post is shown on its own again;
- `retention_due` / `retention_apply` — `SAMRAD_RETENTION_DAYS` after a session's last
  activity (closing it, its closing time, the last join or answer) every participant key is
  replaced by a new random one (old cookies and tokens no longer match anything) and every
  `client_id` is cleared. The answers stay, as anonymous counts. No IP address is stored
  anywhere (rate-limit counters keep one in the cache for two minutes at most).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from samrad.core import audit, personal_data
from samrad.core.realtime import broadcast_on_commit
from samrad.live import events, selectors
from samrad.live.models import (
    LiveSession,
    Participant,
    Question,
    QuestionKind,
    Response,
    Upvote,
)

# --- One phone's data ----------------------------------------------------------------------


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _responses_export(participant: Participant) -> list[dict[str, Any]]:
    responses = list(
        Response.objects.filter(participant=participant)
        .select_related("question")
        .prefetch_related("question__choices")
        .order_by("created_at", "id")
    )
    answers = []
    for response in responses:
        labels = {c.pk: c.label for c in response.question.choices.all()}
        answers.append(
            {
                "id": response.pk,
                "question_id": response.question_id,
                "question": response.question.prompt,
                "question_kind": response.question.kind,
                "choices": [labels.get(c, c) for c in response.choices],
                "text": response.text,
                "input_kind": response.input_kind,
                "value": response.value,
                "points": {labels.get(int(k), k): v for k, v in response.points.items()},
                "channel": response.channel,
                "client_id": str(response.client_id) if response.client_id else None,
                "moderation": response.moderation,
                "answered": response.answered,
                "reply": response.reply,
                "upvotes": response.upvotes,
                "created_at": _iso(response.created_at),
                "updated_at": _iso(response.updated_at),
            }
        )
    return answers


def _upvotes_export(participant: Participant) -> list[dict[str, Any]]:
    return [
        {"post_id": response_id, "question_id": question_id, "created_at": _iso(created_at)}
        for response_id, question_id, created_at in Upvote.objects.filter(
            participant=participant
        ).values_list("response_id", "response__question_id", "created_at")
    ]


def _segments_export(participant: Participant) -> dict[str, list[str]]:
    session = participant.session
    segments = selectors.participant_segments(session).get(participant.pk, {})
    prompts = dict(session.questions.values_list("pk", "prompt"))
    return {prompts[q]: labels for q, labels in segments.items() if q in prompts}


def _upvotes_erase(participant: Participant) -> int:
    """Each voted post loses one, under the posts' row locks (id order, as in
    services._qa_vote) so that concurrent votes keep counting right."""
    voted_ids = list(
        Upvote.objects.filter(participant=participant)
        .order_by("response_id")
        .values_list("response_id", flat=True)
    )
    list(Response.objects.select_for_update(no_key=True).filter(pk__in=voted_ids).order_by("pk"))
    upvotes = Upvote.objects.filter(participant=participant).delete()[0]
    Response.objects.filter(pk__in=voted_ids, upvotes__gt=0).update(upvotes=F("upvotes") - 1)
    return upvotes


def _responses_erase(participant: Participant) -> int:
    own = Response.objects.filter(participant=participant)
    count = own.count()
    own.delete()  # others' upvotes of these posts go with them
    return count


def _responses_retain(session: LiveSession) -> int:
    return Response.objects.filter(question__session=session, client_id__isnull=False).update(
        client_id=None
    )


def _nickname_export(participant: Participant) -> str:
    return participant.nickname


def _nickname_erase(participant: Participant) -> int:
    """The quiz leaderboard's nickname (a field of the participant, cleared before it goes)."""
    return Participant.objects.filter(pk=participant.pk).exclude(nickname="").update(nickname="")


def _nickname_retain(session: LiveSession) -> int:
    return Participant.objects.filter(session=session).exclude(nickname="").update(nickname="")


def register_all() -> None:
    """Live's entries in the registry of personal data (LiveConfig.ready)."""
    # A nickname chosen for a quiz leaderboard (live/quiz.py): the participant's own field.
    personal_data.register(
        "nickname",
        models=(),
        export=_nickname_export,
        erase=_nickname_erase,
        retain=_nickname_retain,
    )
    personal_data.register(
        "responses",
        models=("live.Response",),
        export=_responses_export,
        erase=_responses_erase,
        retain=_responses_retain,
    )
    personal_data.register(
        "upvotes", models=("live.Upvote",), export=_upvotes_export, erase=_upvotes_erase
    )
    # Segments are the participant's answers to composition questions: erased with them.
    personal_data.register(
        "segments", models=(), export=_segments_export, erase=lambda participant: 0
    )


def participant_export(
    participant: Participant, *, held: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """Everything stored about this participant, in plain JSON types: the participant, then
    every registered app's entry (core/personal_data.py) under its name. `held`: the keys
    its phone holds for what is not linked to it (`personal_data.held_by(request)`)."""
    participant = Participant.objects.select_related("session__dialogue__organisation").get(
        pk=participant.pk
    )
    session = participant.session
    data: dict[str, Any] = {
        "exported_at": _iso(timezone.now()),
        "session": {
            "code": session.code,
            "title": session.title,
            "dialogue": session.dialogue.title,
            "organisation": session.dialogue.organisation.name,
        },
        "participant": {
            "key": str(participant.key),
            "channel": participant.channel,
            "language": participant.language,
            "open_connections": participant.connections,
            "joined_at": _iso(participant.joined_at),
        },
    }
    phone = personal_data.Phone(participant, held or {})
    for entry in personal_data.registered():
        data[entry.name] = entry.export_for(phone)
    return data


@transaction.atomic
def participant_erase(
    *, participant: Participant, held: dict[str, list[str]] | None = None
) -> dict[str, int]:
    """Erase what every app registered about the participant (core/personal_data.py), with
    what its phone holds keys to (`held`), then the participant. Returns how many of each
    went. Results, Q&A lists and counts update through the usual events."""
    participant = Participant.objects.select_related("session").get(pk=participant.pk)
    session = participant.session
    question_ids = set(
        Response.objects.filter(upvote_set__participant=participant).values_list(
            "question_id", flat=True
        )
    ) | set(Response.objects.filter(participant=participant).values_list("question_id", flat=True))
    phone = personal_data.Phone(participant, held or {})
    counts = {entry.name: entry.erase_for(phone) for entry in personal_data.registered()}
    participant.delete()
    for question in Question.objects.filter(pk__in=question_ids):
        broadcast_on_commit(
            events.presenter_group(session.pk), events.results_changed_event(question)
        )
        if question.kind == QuestionKind.QA:
            broadcast_on_commit(events.session_group(session.pk), events.qa_event(question))
    broadcast_on_commit(events.presenter_group(session.pk), events.presence_event(session))
    # Accountability without personal data: that an erasure happened, and how much went.
    audit.record(
        None,
        "live.participant_erase",
        session,
        organisation=session.dialogue.organisation,
        summary=", ".join(f"{count} {name}" for name, count in counts.items() if count)[:300],
    )
    return counts


# --- Retention -----------------------------------------------------------------------------


def retention_due(*, now: datetime | None = None, days: int | None = None) -> QuerySet:
    """Sessions whose identifiers are still kept and whose last activity is older than
    `days` (SAMRAD_RETENTION_DAYS), annotated with `last_activity`."""
    now = now or timezone.now()
    days = settings.SAMRAD_RETENTION_DAYS if days is None else days
    last_answer = Response.objects.filter(question__session=OuterRef("pk")).order_by("-updated_at")
    last_join = Participant.objects.filter(session=OuterRef("pk")).order_by("-joined_at")
    return (
        LiveSession.objects.filter(identifiers_cleared_at__isnull=True)
        .annotate(
            last_activity=Greatest(
                F("updated_at"),
                Coalesce(F("closes_at"), F("updated_at")),
                Coalesce(Subquery(last_answer.values("updated_at")[:1]), F("updated_at")),
                Coalesce(Subquery(last_join.values("joined_at")[:1]), F("updated_at")),
            )
        )
        .filter(last_activity__lt=now - timedelta(days=days))
        .order_by("pk")
    )


@dataclass
class RetentionReport:
    sessions: list[LiveSession] = field(default_factory=list)
    participants: int = 0
    client_ids: int = 0


@transaction.atomic
def _clear_session(session: LiveSession, now: datetime) -> tuple[int, int]:
    participants = list(Participant.objects.filter(session=session).only("pk"))
    for participant in participants:
        participant.key = uuid.uuid4()
        participant.connections = 0
    Participant.objects.bulk_update(participants, ["key", "connections"], batch_size=500)
    # Every app's identifiers that tie rows to a phone (core/personal_data.py).
    client_ids = sum(entry.retain(session) for entry in personal_data.registered() if entry.retain)
    # A queryset update: the session's own updated_at (its last activity) stays as it was.
    LiveSession.objects.filter(pk=session.pk).update(identifiers_cleared_at=now)
    return len(participants), client_ids


def retention_apply(
    *, now: datetime | None = None, days: int | None = None, dry_run: bool = False
) -> RetentionReport:
    """Remove participant identifiers from every session `retention_due` names (one
    transaction per session). With `dry_run`, only say what would go."""
    now = now or timezone.now()
    report = RetentionReport()
    for session in retention_due(now=now, days=days):
        report.sessions.append(session)
        if dry_run:
            report.participants += session.participants.count()
            report.client_ids += Response.objects.filter(
                question__session=session, client_id__isnull=False
            ).count()
            continue
        participants, client_ids = _clear_session(session, now)
        report.participants += participants
        report.client_ids += client_ids
    return report
