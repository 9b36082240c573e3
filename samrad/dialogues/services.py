"""Writes for dialogues and their phases."""

from django.db import transaction

from samrad.accounts.models import Organisation
from samrad.core import audit, editing
from samrad.dialogues.models import Dialogue, Meeting, Phase

# The five steps of the Smarta Orter method (seeds/001), in each language we speak.
DEFAULT_PHASES: dict[str, list[str]] = {
    "sv": ["Intervjuer", "Workshop", "Resultat", "Planer/Idéer", "Guider"],
    "nb": ["Intervjuer", "Verksted", "Resultater", "Planer/Idéer", "Veiledere"],
    "da": ["Interviews", "Workshop", "Resultater", "Planer/Idéer", "Drejebøger"],
    "en": ["Interviews", "Workshop", "Results", "Plans/Ideas", "Guides"],
}


@transaction.atomic
def dialogue_create(
    *,
    organisation: Organisation,
    title: str,
    description: str = "",
    language: str = "sv",
    actor=None,
) -> Dialogue:
    dialogue = Dialogue.objects.create(
        organisation=organisation, title=title, description=description, language=language
    )
    phases_set(dialogue=dialogue, names=DEFAULT_PHASES.get(language, DEFAULT_PHASES["en"]))
    audit.record(actor, "dialogues.create", dialogue, organisation=organisation, summary=title)
    return dialogue


@transaction.atomic
def dialogue_update(
    *, dialogue: Dialogue, title: str, description: str, language: str, actor=None
) -> Dialogue:
    audit.record(
        actor, "dialogues.update", dialogue, organisation=dialogue.organisation, summary=title
    )
    dialogue.title = title
    dialogue.description = description
    dialogue.language = language
    dialogue.save(update_fields=["title", "description", "language", "updated_at"])
    return dialogue


@transaction.atomic
def phases_set(*, dialogue: Dialogue, names: list[str], actor=None) -> list[Phase]:
    """Make the dialogue's phases exactly `names`, in order, keeping phases whose name stays."""
    wanted = [name.strip() for name in names if name.strip()]
    existing = {phase.name: phase for phase in dialogue.phases.all()}
    kept: list[Phase] = []
    for position, name in enumerate(wanted):
        phase = existing.pop(name, None) or Phase(dialogue=dialogue, name=name)
        phase.position = position
        phase.save()
        kept.append(phase)
    Phase.objects.filter(pk__in=[phase.pk for phase in existing.values()]).delete()
    if actor is not None:  # a new dialogue's default phases are part of "dialogues.create"
        audit.record(
            actor,
            "dialogues.phases",
            dialogue,
            organisation=dialogue.organisation,
            summary=" / ".join(wanted),
        )
    return kept


@transaction.atomic
def meeting_create(
    *,
    dialogue: Dialogue,
    title: str,
    place: str = "",
    starts_at=None,
    kind: str = "open",
    actor=None,
) -> Meeting:
    meeting = Meeting.objects.create(
        dialogue=dialogue, title=title, place=place, starts_at=starts_at, kind=kind
    )
    audit.record(
        actor,
        "dialogues.meeting_create",
        meeting,
        organisation=dialogue.organisation,
        summary=title,
    )
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, values: dict, version: str, actor) -> list[dict]:
    """Title, place, date and time, kind; edited in place (core/editing.py)."""
    return editing.apply(
        obj=meeting,
        values=values,
        version=version,
        actor=actor,
        action="dialogues.meeting_update",
        organisation=meeting.dialogue.organisation,
    )


@transaction.atomic
def meeting_delete(*, meeting: Meeting, actor=None) -> None:
    """Sessions of the meeting stay, without a meeting."""
    audit.record(
        actor,
        "dialogues.meeting_delete",
        meeting,
        organisation=meeting.dialogue.organisation,
        summary=meeting.title,
    )
    meeting.delete()
