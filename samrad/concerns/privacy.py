"""What "Lös en farhåga" stores about a phone, for the registry of personal data
(core/personal_data.py): its group choice, its ideas (free text that may hold a name or a
phone number) and its dots."""

from samrad.concerns.models import Dot, GroupMember, Idea
from samrad.core import personal_data
from samrad.workshops import events
from samrad.workshops.models import Workshop


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _group_export(participant) -> dict | None:
    member = GroupMember.objects.select_related("group").filter(participant=participant).first()
    return {"group": member.group.name, "role": member.role} if member else None


def _group_erase(participant) -> int:
    return GroupMember.objects.filter(participant=participant).delete()[0]


def _ideas_export(participant) -> list[dict]:
    return [
        {
            "id": idea.pk,
            "text": idea.text,
            "sphere": idea.sphere,
            "role": idea.role,
            "hidden": idea.hidden,
            "created_at": _iso(idea.created_at),
        }
        for idea in Idea.objects.filter(participant=participant)
    ]


def _tell_workshops(workshop_ids) -> None:
    for workshop in Workshop.objects.filter(pk__in=set(workshop_ids)):
        events.step_changed(workshop, None)


def _ideas_erase(participant) -> int:
    """The phone's ideas go, with the dots others gave them; an idea merged into one of them
    is shown again (merged_into is SET_NULL)."""
    ideas = Idea.objects.filter(participant=participant)
    workshop_ids = list(ideas.values_list("workshop_id", flat=True))
    count = ideas.count()
    ideas.delete()
    _tell_workshops(workshop_ids)
    return count


def _dots_export(participant) -> list[dict]:
    return [
        {"idea_id": idea_id, "idea": text, "created_at": _iso(created_at)}
        for idea_id, text, created_at in Dot.objects.filter(participant=participant).values_list(
            "idea_id", "idea__text", "created_at"
        )
    ]


def _dots_erase(participant) -> int:
    dots = Dot.objects.filter(participant=participant)
    workshop_ids = list(dots.values_list("idea__workshop_id", flat=True))
    count = dots.delete()[0]
    _tell_workshops(workshop_ids)
    return count


def _ideas_retain(session) -> int:
    return Idea.objects.filter(workshop__session=session, client_id__isnull=False).update(
        client_id=None
    )


def _dots_retain(session) -> int:
    return Dot.objects.filter(idea__workshop__session=session, client_id__isnull=False).update(
        client_id=None
    )


def register_all() -> None:
    personal_data.register(
        "concerns.group",
        models=("concerns.GroupMember",),
        export=_group_export,
        erase=_group_erase,
        kept="the group's size goes down by one",
    )
    personal_data.register(
        "concerns.ideas",
        models=("concerns.Idea",),
        export=_ideas_export,
        erase=_ideas_erase,
        retain=_ideas_retain,
    )
    personal_data.register(
        "concerns.dots",
        models=("concerns.Dot",),
        export=_dots_export,
        erase=_dots_erase,
        retain=_dots_retain,
        kept="nothing: the ideas' dot counts go down",
    )
