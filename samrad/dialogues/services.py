"""Writes for dialogues and their phases."""

from django.db import transaction

from samrad.accounts.models import Organisation
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
    *, organisation: Organisation, title: str, description: str = "", language: str = "sv"
) -> Dialogue:
    dialogue = Dialogue.objects.create(
        organisation=organisation, title=title, description=description, language=language
    )
    phases_set(dialogue=dialogue, names=DEFAULT_PHASES.get(language, DEFAULT_PHASES["en"]))
    return dialogue


@transaction.atomic
def dialogue_update(*, dialogue: Dialogue, title: str, description: str, language: str) -> Dialogue:
    dialogue.title = title
    dialogue.description = description
    dialogue.language = language
    dialogue.save(update_fields=["title", "description", "language", "updated_at"])
    return dialogue


@transaction.atomic
def phases_set(*, dialogue: Dialogue, names: list[str]) -> list[Phase]:
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
    return kept


@transaction.atomic
def meeting_create(
    *, dialogue: Dialogue, title: str, place: str = "", starts_at=None, kind: str = "open"
) -> Meeting:
    return Meeting.objects.create(
        dialogue=dialogue, title=title, place=place, starts_at=starts_at, kind=kind
    )


@transaction.atomic
def meeting_delete(*, meeting: Meeting) -> None:
    """Sessions of the meeting stay, without a meeting."""
    meeting.delete()
