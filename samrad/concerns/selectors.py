"""Reads for concerns, workshop groups, ideas, dot votes and actions, scoped to the user's
organisations (another organisation's object answers 404)."""

from __future__ import annotations

import hashlib
from datetime import date

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samrad.concerns import rules
from samrad.concerns.models import Action, Concern, Dot, Group, GroupMember, Idea
from samrad.dialogues.models import Dialogue
from samrad.live.models import Participant
from samrad.workshops.models import Workshop, WorkshopStep


def concerns_of(dialogue: Dialogue) -> QuerySet[Concern]:
    return dialogue.concerns.annotate(
        idea_count=Count("ideas", filter=Q(ideas__hidden=False, ideas__merged_into=None))
    )


def workshop_for_user_or_404(*, user, pk: int) -> Workshop:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Workshop.objects.select_related("dialogue__organisation", "session", "current_step"),
        pk=pk,
        dialogue__organisation__memberships__user=user,
    )


def step_of(workshop: Workshop, pk: int) -> WorkshopStep:
    return get_object_or_404(workshop.steps, pk=pk)


def action_for_user_or_404(*, user, pk: int) -> Action:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Action.objects.select_related("dialogue__organisation", "concern"),
        pk=pk,
        dialogue__organisation__memberships__user=user,
    )


def member_of(participant: Participant | None) -> GroupMember | None:
    if participant is None:
        return None
    return (
        GroupMember.objects.select_related("group__concern").filter(participant=participant).first()
    )


def groups_of(workshop: Workshop) -> list[Group]:
    return list(
        workshop.concern_groups.select_related("concern").annotate(member_count=Count("members"))
    )


def shown_ideas(workshop: Workshop) -> QuerySet[Idea]:
    return workshop.concern_ideas.filter(hidden=False, merged_into=None)


def group_columns(workshop: Workshop, *, with_hidden: bool = False) -> list[dict]:
    """Each group with its ideas, oldest first: the projector's columns and the facilitator's
    lists (with hidden and merged ideas when `with_hidden`)."""
    ideas = workshop.concern_ideas.select_related("merged_into").order_by("created_at", "id")
    if not with_hidden:
        ideas = ideas.filter(hidden=False, merged_into=None)
    by_group: dict[int, list[Idea]] = {}
    for idea in ideas:
        by_group.setdefault(idea.group_id, []).append(idea)
    return [{"group": group, "ideas": by_group.get(group.pk, [])} for group in groups_of(workshop)]


def ideas_of_group(group: Group) -> list[Idea]:
    return list(group.ideas.filter(hidden=False, merged_into=None).order_by("created_at", "id"))


def _section_key(idea: Idea) -> tuple:
    return ("concern", idea.concern_id) if idea.concern_id else ("group", idea.group_id)


def ranked_sections(*, workshop: Workshop, step: WorkshopStep) -> list[dict]:
    """The shown ideas per concern (per group for ideas without one), each list ranked by
    dots in `step`, ties by the older idea first."""
    ideas = (
        shown_ideas(workshop)
        .select_related("concern", "group")
        .annotate(dot_count=Count("dots", filter=Q(dots__step=step)))
        .order_by("-dot_count", "created_at", "id")
    )
    sections: dict[tuple, dict] = {}
    for idea in ideas:
        key = _section_key(idea)
        if key not in sections:
            title = idea.concern.text if idea.concern is not None else idea.group.name
            sections[key] = {"key": key, "title": title, "concern": idea.concern, "ideas": []}
        sections[key]["ideas"].append({"idea": idea, "dots": idea.dot_count})
    ordered = sorted(
        sections.values(),
        key=lambda s: (s["concern"].position if s["concern"] else 10**6, str(s["title"])),
    )
    for section in ordered:
        most = max((entry["dots"] for entry in section["ideas"]), default=0)
        section["most"] = most
        for entry in section["ideas"]:
            entry["width"] = round(100 * entry["dots"] / most) if most else 0
    return ordered


def own_dots(*, step: WorkshopStep, participant: Participant | None) -> dict[int, int]:
    if participant is None:
        return {}
    rows = (
        Dot.objects.filter(step=step, participant=participant)
        .values("idea_id")
        .annotate(n=Count("id"))
    )
    return {row["idea_id"]: row["n"] for row in rows}


def vote_totals(step: WorkshopStep) -> dict:
    dots = Dot.objects.filter(step=step)
    return {
        "dots": dots.count(),
        "voters": dots.values("participant").distinct().count(),
    }


def version(workshop: Workshop, step: WorkshopStep) -> str:
    """A short fingerprint of what the screens of this step show; polling screens get 204
    while it stays the same, so an idle projector costs a few aggregate queries."""
    ideas = workshop.concern_ideas.aggregate(n=Count("id"), last=Max("updated_at"))
    dots = Dot.objects.filter(step=step).aggregate(n=Count("id"), last=Max("id"))
    groups = list(workshop.concern_groups.values_list("id", "name", "concern_id"))
    members = GroupMember.objects.filter(group__workshop=workshop).count()
    actions = workshop.concern_actions.aggregate(n=Count("id"), last=Max("updated_at"))
    raw = repr((ideas, dots, groups, members, actions, step.options, workshop.current_step_id))
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


ACTION_FILTERS = ("status", "owner_type", "sphere")


def actions_of(dialogue: Dialogue, *, filters: dict | None = None, today: date | None = None):
    """The dialogue's actions (filtered by status / owner type / sphere), each with
    `.overdue` set."""
    today = today or timezone.localdate()
    actions = dialogue.actions.select_related("concern", "workshop", "idea")
    for name, value in (filters or {}).items():
        if name in ACTION_FILTERS and value:
            actions = actions.filter(**{name: value})
    result = list(actions.order_by("due", "id"))
    for action in result:
        action.overdue = rules.action_overdue(action, today)
    # Undated actions last, not first.
    return sorted(result, key=lambda a: (a.due is None, a.due or today, a.pk))


def group_version(group: Group | None) -> str:
    """What a phone's list of its group's ideas shows: 204 for the phones of other groups."""
    if group is None:
        return ""
    ideas = group.ideas.aggregate(n=Count("id"), last=Max("updated_at"))
    return hashlib.sha256(repr((group.pk, ideas)).encode()).hexdigest()[:16]


def asks_role(workshop: Workshop) -> bool:
    """Smarta Orter: phones say whether they are here for an association, a business or the
    municipality (a pick step with the option `ask_role`)."""
    return any(
        step.options.get("ask_role") for step in workshop.steps.filter(format="concerns.pick")
    )
