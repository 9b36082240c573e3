"""Writes for concerns, workshop groups, ideas, dot votes and actions.

Views, demo and templates call these and nothing else. Every change on a facilitator's behalf
is written to the audit log; phones' ideas and dots are not (they are anonymous).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Max

from samrad.concerns import rules
from samrad.concerns.errors import Refused
from samrad.concerns.models import (
    Action,
    ActionStatus,
    Concern,
    ConcernSource,
    Dot,
    Group,
    GroupMember,
    Idea,
    OwnerType,
    Role,
    Sphere,
)
from samrad.core import audit
from samrad.dialogues.models import Dialogue
from samrad.live.kinds.base import clean_text
from samrad.live.models import Participant
from samrad.workshops import events
from samrad.workshops.models import Workshop, WorkshopStep

GROUP_NAME = {"sv": "Grupp {n}", "nb": "Gruppe {n}", "da": "Gruppe {n}", "en": "Group {n}"}


def _log(actor, action: str, target, dialogue: Dialogue, summary: str = "") -> None:
    audit.record(actor, action, target, organisation=dialogue.organisation, summary=summary)


def _tell_screens(workshop: Workshop, step: WorkshopStep | None = None) -> None:
    """Every screen of the workshop refreshes the step's live parts (after commit). Dots and
    group choices do not call this: a room voting or joining at once would make every phone
    refetch on every click, so the projector and the facilitator's screen poll those."""
    events.step_changed(workshop, step)


# --- Concerns ---------------------------------------------------------------------------------


def _next_position(dialogue: Dialogue) -> int:
    last = dialogue.concerns.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def concern_add(
    *, dialogue: Dialogue, text: str, actor=None, source: str = ConcernSource.TYPED
) -> Concern:
    text = clean_text(text, limit=Concern._meta.get_field("text").max_length)
    concern = Concern.objects.create(
        dialogue=dialogue, text=text, source=source, position=_next_position(dialogue)
    )
    _log(actor, "concerns.concern_add", concern, dialogue, text[:80])
    return concern


@transaction.atomic
def concern_update(*, concern: Concern, text: str, actor=None) -> Concern:
    concern.text = clean_text(text, limit=Concern._meta.get_field("text").max_length)
    concern.save(update_fields=["text", "updated_at"])
    _log(actor, "concerns.concern_update", concern, concern.dialogue, concern.text[:80])
    return concern


@transaction.atomic
def concern_delete(*, concern: Concern, actor=None) -> None:
    _log(actor, "concerns.concern_delete", concern, concern.dialogue, concern.text[:80])
    concern.delete()


@transaction.atomic
def concerns_import(
    *, dialogue: Dialogue, texts: Iterable[str], actor=None, source: str = ConcernSource.IMPORTED
) -> list[Concern]:
    """Add every text as a concern, in order, skipping ones the dialogue already has (same
    text, case-insensitive). All or nothing: texts are checked by `concerns.imports` first."""
    known = {text.casefold() for text in dialogue.concerns.values_list("text", flat=True)}
    position = _next_position(dialogue)
    created: list[Concern] = []
    for text in texts:
        if text.casefold() in known:
            continue
        known.add(text.casefold())
        created.append(
            Concern(dialogue=dialogue, text=text, source=source, position=position + len(created))
        )
    Concern.objects.bulk_create(created)
    _log(actor, "concerns.import", dialogue, dialogue, f"{len(created)} concerns ({source})")
    return created


# --- Groups -----------------------------------------------------------------------------------


def _group_name(workshop: Workshop, number: int) -> str:
    return GROUP_NAME.get(workshop.language, GROUP_NAME["en"]).format(n=number)


@transaction.atomic
def group_add(
    *, workshop: Workshop, name: str = "", concern: Concern | None = None, actor=None
) -> Group:
    taken = set(workshop.concern_groups.values_list("name", flat=True))
    number = len(taken) + 1
    if not name.strip():
        while _group_name(workshop, number) in taken:
            number += 1
        name = _group_name(workshop, number)
    name = clean_text(name, limit=80)
    if name in taken:
        raise Refused("group_name_taken")
    last = workshop.concern_groups.aggregate(last=Max("position"))["last"]
    group = Group.objects.create(
        workshop=workshop, name=name, concern=concern, position=0 if last is None else last + 1
    )
    _log(actor, "concerns.group_add", group, workshop.dialogue, name)
    _tell_screens(workshop)
    return group


@transaction.atomic
def groups_ensure(*, workshop: Workshop, count: int, actor=None) -> list[Group]:
    """At least `count` groups ("Grupp 1", "Grupp 2", …)."""
    while workshop.concern_groups.count() < count:
        group_add(workshop=workshop, actor=actor)
    return list(workshop.concern_groups.all())


@transaction.atomic
def group_update(*, group: Group, name: str, concern: Concern | None, actor=None) -> Group:
    workshop = group.workshop
    if concern is not None and concern.dialogue_id != workshop.dialogue_id:
        raise Refused("invalid")
    name = clean_text(name, limit=80)
    if workshop.concern_groups.exclude(pk=group.pk).filter(name=name).exists():
        raise Refused("group_name_taken")
    group.name = name
    group.concern = concern
    group.save(update_fields=["name", "concern"])
    # Ideas not yet voted on follow the group to its new concern.
    group.ideas.filter(action__isnull=True).update(concern=concern)
    _log(actor, "concerns.group_update", group, workshop.dialogue, name)
    _tell_screens(workshop)
    return group


@transaction.atomic
def group_delete(*, group: Group, actor=None) -> None:
    """Only a group without ideas may go (ideas are never lost by tidying groups)."""
    if group.ideas.exists():
        raise Refused("group_has_ideas")
    workshop = group.workshop
    _log(actor, "concerns.group_delete", group, workshop.dialogue, group.name)
    group.delete()
    _tell_screens(workshop)


@transaction.atomic
def group_join(
    *, workshop: Workshop, participant: Participant, group: Group, role: str = ""
) -> GroupMember:
    """The phone's group (a second choice replaces the first); `role` as in Smarta Orter."""
    refusal = rules.group_choice_refusal(workshop)
    if refusal:
        raise Refused(refusal)
    if group.workshop_id != workshop.pk or participant.session_id != workshop.session_id:
        raise Refused("unknown_group")
    role = role if role in Role.values else ""
    member, _created = GroupMember.objects.update_or_create(
        participant=participant, defaults={"group": group, "role": role}
    )
    # No event: a room joining at once would make every phone redraw the step on every
    # join; the projector and the facilitator's screen poll the group sizes instead.
    return member


# --- Ideas ------------------------------------------------------------------------------------


@transaction.atomic
def idea_submit(
    *,
    workshop: Workshop,
    step: WorkshopStep,
    participant: Participant,
    text: str,
    client_id: uuid.UUID | None = None,
) -> Idea:
    """A phone's idea for its group's concern. A resent form (same client_id) is stored once."""
    if client_id is not None:
        existing = Idea.objects.filter(participant=participant, client_id=client_id).first()
        if existing:
            return existing
    member = GroupMember.objects.select_related("group").filter(participant=participant).first()
    refusal = rules.idea_refusal(workshop, step, member)
    if refusal or member is None:
        raise Refused(refusal or "no_group")
    text = clean_text(text, limit=rules.idea_length_of(step))
    try:
        with transaction.atomic():
            idea = Idea.objects.create(
                workshop=workshop,
                step=step,
                group=member.group,
                concern=member.group.concern,
                participant=participant,
                text=text,
                sphere=step.options.get("sphere", ""),
                role=member.role,
                client_id=client_id,
            )
    except IntegrityError:  # the same form sent twice at the same moment
        return Idea.objects.get(participant=participant, client_id=client_id)
    _tell_screens(workshop, step)
    return idea


@transaction.atomic
def idea_add(
    *, workshop: Workshop, group: Group, text: str, step: WorkshopStep | None = None, actor=None
) -> Idea:
    """An idea typed in by the facilitator (from a flip chart, or said aloud)."""
    if group.workshop_id != workshop.pk:
        raise Refused("unknown_group")
    text = clean_text(text, limit=rules.idea_length_of(step) if step else 500)
    idea = Idea.objects.create(
        workshop=workshop,
        step=step,
        group=group,
        concern=group.concern,
        text=text,
        sphere=(step.options.get("sphere", "") if step else ""),
    )
    _log(actor, "concerns.idea_add", idea, workshop.dialogue, text[:80])
    _tell_screens(workshop)
    return idea


@transaction.atomic
def idea_edit(*, idea: Idea, text: str, actor=None) -> Idea:
    idea.text = clean_text(text, limit=500)
    idea.save(update_fields=["text", "updated_at"])
    _log(actor, "concerns.idea_edit", idea, idea.workshop.dialogue, idea.text[:80])
    _tell_screens(idea.workshop)
    return idea


@transaction.atomic
def idea_set_hidden(*, idea: Idea, hidden: bool, actor=None) -> Idea:
    """A hidden idea leaves the projector and the vote; its dots go back to their owners."""
    idea.hidden = hidden
    idea.save(update_fields=["hidden", "updated_at"])
    if hidden:
        idea.dots.all().delete()
    _log(
        actor,
        "concerns.idea_hide" if hidden else "concerns.idea_show",
        idea,
        idea.workshop.dialogue,
    )
    _tell_screens(idea.workshop)
    return idea


@transaction.atomic
def idea_merge(*, target: Idea, duplicate: Idea, actor=None) -> Idea:
    """`duplicate` joins `target`: it leaves the lists and the vote, its dots move to the
    target (a participant who had dots on both keeps as many as the vote allows per idea; the
    rest go back to them)."""
    if (
        duplicate.pk == target.pk
        or duplicate.workshop_id != target.workshop_id
        or not target.is_shown
        or target.merged_into_id is not None
    ):
        raise Refused("merge_invalid")
    Idea.objects.filter(merged_into=duplicate).update(merged_into=target)
    for dot in Dot.objects.select_for_update().filter(idea=duplicate).select_related("step"):
        on_target = Dot.objects.filter(step=dot.step, participant=dot.participant, idea=target)
        if on_target.exists() and not rules.several_per_idea(dot.step):
            dot.delete()
            continue
        dot.idea = target
        dot.stack = (on_target.aggregate(top=Max("stack"))["top"] or -1) + 1
        dot.save(update_fields=["idea", "stack"])
    duplicate.merged_into = target
    duplicate.save(update_fields=["merged_into", "updated_at"])
    _log(
        actor,
        "concerns.idea_merge",
        duplicate,
        target.workshop.dialogue,
        f"into {target.pk}",
    )
    _tell_screens(target.workshop)
    return target


@transaction.atomic
def step_set_closed(*, step: WorkshopStep, closed: bool, actor=None) -> WorkshopStep:
    """Close (or reopen) an idea round or a vote; phones are told to show the step again."""
    step.options = {**step.options, "closed": bool(closed)}
    step.save(update_fields=["options"])
    _log(
        actor,
        "concerns.step_close" if closed else "concerns.step_open",
        step,
        step.workshop.dialogue,
    )
    _tell_screens(step.workshop, step)
    return step


@transaction.atomic
def vote_configure(*, step: WorkshopStep, dots: int, several: bool, actor=None) -> WorkshopStep:
    """Set the dots per participant and whether several may go on one idea; only before the
    first dot, so that nobody's dots become invalid."""
    if Dot.objects.filter(step=step).exists():
        raise Refused("vote_started")
    step.options = {
        **step.options,
        "dots": min(max(int(dots), 1), rules.MAX_DOTS),
        "several": bool(several),
    }
    step.save(update_fields=["options"])
    _log(actor, "concerns.vote_configure", step, step.workshop.dialogue, f"{dots} dots")
    _tell_screens(step.workshop, step)
    return step


# --- Dot vote ---------------------------------------------------------------------------------


def _lock_participant(participant: Participant) -> None:
    """Serialise one participant's dot changes (PostgreSQL row lock; SQLite writes are
    serialised by its IMMEDIATE transactions anyway)."""
    Participant.objects.select_for_update().filter(pk=participant.pk).first()


@transaction.atomic
def dot_add(
    *,
    workshop: Workshop,
    step: WorkshopStep,
    participant: Participant,
    idea: Idea,
    client_id: uuid.UUID | None = None,
) -> Dot:
    """Put one of the participant's dots on `idea`. The budget and one-dot-per-idea are
    database constraints (`Dot`); a resent request (same client_id) counts once."""
    refusal = rules.vote_refusal(workshop, step)
    if refusal:
        raise Refused(refusal)
    if participant.session_id != workshop.session_id or not rules.idea_votable(idea, workshop):
        raise Refused("idea_unavailable")
    _lock_participant(participant)
    if client_id is not None:
        existing = Dot.objects.filter(participant=participant, client_id=client_id).first()
        if existing:
            return existing
    mine = Dot.objects.filter(step=step, participant=participant)
    used_slots = set(mine.values_list("slot", flat=True))
    budget = rules.dots_of(step)
    free = [slot for slot in range(budget) if slot not in used_slots]
    if not free:
        raise Refused("no_dots_left", dots=budget)
    stacks = set(mine.filter(idea=idea).values_list("stack", flat=True))
    if stacks and not rules.several_per_idea(step):
        raise Refused("one_per_idea")
    stack = next(n for n in range(len(stacks) + 1) if n not in stacks)
    try:
        with transaction.atomic():
            return Dot.objects.create(
                step=step,
                idea=idea,
                participant=participant,
                slot=free[0],
                stack=stack,
                client_id=client_id,
            )
    except IntegrityError:
        # Another request of this participant took the slot or the idea at the same moment.
        if client_id is not None:
            existing = Dot.objects.filter(participant=participant, client_id=client_id).first()
            if existing:
                return existing
        raise Refused("no_dots_left", dots=budget) from None


@transaction.atomic
def dot_withdraw(
    *, workshop: Workshop, step: WorkshopStep, participant: Participant, idea: Idea
) -> None:
    """Take back one of the participant's dots from `idea` (the last one put there)."""
    refusal = rules.vote_refusal(workshop, step)
    if refusal:
        raise Refused(refusal)
    _lock_participant(participant)
    dot = (
        Dot.objects.filter(step=step, participant=participant, idea=idea).order_by("-stack").first()
    )
    if dot is None:
        raise Refused("no_dot_here")
    dot.delete()


# --- Actions ----------------------------------------------------------------------------------


def _owner_from_role(role: str) -> str:
    return role if role in OwnerType.values else ""


@transaction.atomic
def actions_from_top(
    *, workshop: Workshop, step: WorkshopStep, top: int = rules.DEFAULT_TOP, actor=None
) -> list[Action]:
    """The `top` ideas of each concern (by dots in `step`, ties by age) become proposed
    actions; an idea that already has one is skipped, so a second click adds nothing."""
    from samrad.concerns.selectors import ranked_sections

    created: list[Action] = []
    for section in ranked_sections(workshop=workshop, step=step):
        for entry in section["ideas"][:top]:
            idea = entry["idea"]
            if entry["dots"] == 0 or Action.objects.filter(idea=idea).exists():
                continue
            created.append(
                Action.objects.create(
                    dialogue=workshop.dialogue,
                    workshop=workshop,
                    idea=idea,
                    concern=idea.concern,
                    what=idea.text,
                    owner_type=_owner_from_role(idea.role),
                    sphere=idea.sphere,
                    votes=entry["dots"],
                    created_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
            )
    _log(actor, "concerns.actions_from_top", workshop, workshop.dialogue, f"{len(created)} actions")
    _tell_screens(workshop)
    return created


ACTION_FIELDS = ("what", "owner_type", "owner_name", "sphere", "due", "status", "concern", "public")


@transaction.atomic
def action_create(*, dialogue: Dialogue, what: str, actor=None, **fields) -> Action:
    action = Action(dialogue=dialogue, what=clean_text(what, limit=500))
    _apply(action, fields)
    action.created_by = actor if getattr(actor, "is_authenticated", False) else None
    action.save()
    _log(actor, "concerns.action_create", action, dialogue, action.what[:80])
    _tell_followers(dialogue)
    return action


def _apply(action: Action, fields: dict) -> None:
    for name, value in fields.items():
        if name not in ACTION_FIELDS:
            raise TypeError(name)
        if name == "what":
            value = clean_text(value, limit=500)
        if name == "concern" and value is not None and value.dialogue_id != action.dialogue_id:
            raise Refused("invalid")
        if name == "public":
            value = bool(value)
        setattr(action, name, value if value is not None or name in ("due", "concern") else "")
    if action.owner_type not in ("", *OwnerType.values):
        raise Refused("invalid")
    if action.sphere not in ("", *Sphere.values) or action.status not in ActionStatus.values:
        raise Refused("invalid")


@transaction.atomic
def action_update(*, action: Action, actor=None, **fields) -> Action:
    _apply(action, fields)
    action.save()
    _log(actor, "concerns.action_update", action, action.dialogue, f"{action.status}")
    if action.workshop is not None:  # its workshop's screens may be showing it
        _tell_screens(action.workshop)
    _tell_followers(action.dialogue)
    return action


def _tell_followers(dialogue: Dialogue) -> None:
    """A public action's new status reaches the dialogue's followers after commit."""
    from samrad.feedback.follow import dialogue_changed

    dialogue_changed(dialogue)


@transaction.atomic
def action_delete(*, action: Action, actor=None) -> None:
    _log(actor, "concerns.action_delete", action, action.dialogue, action.what[:80])
    action.delete()
