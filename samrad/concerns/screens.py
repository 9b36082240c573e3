"""What each screen of a concerns step shows: one context builder for the engine's step
templates (`StepFormat.context`) and for our own fragment views (live refreshes, answers to
POSTs), so that a step looks the same however it is drawn.

Fragments are `concerns/fragments/<format>_<screen>.html`; their root carries `data-live-url`
(the engine's workshop.js refetches it on a "content" event) with the `version` it shows,
so a refresh that would change nothing answers 204.
"""

from __future__ import annotations

import uuid

from samrad.concerns import rules, selectors
from samrad.concerns.errors import Refused
from samrad.concerns.models import ActionStatus, OwnerType, Role, Sphere

FORMAT_FRAGMENTS = {
    "concerns.pick": "pick",
    "concerns.ideas": "ideas",
    "concerns.vote": "vote",
    "concerns.actions": "actions",
}


def fragment_template(step, screen: str) -> str:
    return f"concerns/fragments/{FORMAT_FRAGMENTS[step.format]}_{screen}.html"


def step_context(workshop, step, screen: str, **extra) -> dict:
    fragment = FORMAT_FRAGMENTS[step.format]
    context = {
        "workshop": workshop,
        "step": step,
        "screen": screen,
        "fragment": fragment,
        "fragment_template": fragment_template(step, screen),
        "version": selectors.version(workshop, step),
        "closed": rules.is_closed(step),
        "roles": Role.choices,
    }
    if fragment in ("pick", "ideas"):
        context["groups"] = selectors.groups_of(workshop)
        context["concerns"] = list(workshop.dialogue.concerns.all())
        context["ask_role"] = selectors.asks_role(workshop)
    if fragment == "ideas":
        context["columns"] = selectors.group_columns(workshop, with_hidden=screen == "facilitator")
        context["max_length"] = rules.idea_length_of(step)
    elif fragment == "vote":
        context["sections"] = selectors.ranked_sections(workshop=workshop, step=step)
        context["totals"] = selectors.vote_totals(step)
        context["dots"] = rules.dots_of(step)
        context["several"] = rules.several_per_idea(step)
    elif fragment == "actions":
        context["actions"] = [
            a for a in selectors.actions_of(workshop.dialogue) if a.workshop_id == workshop.pk
        ]
        context["top"] = int(step.options.get("top", rules.DEFAULT_TOP))
        context["vote_step"] = workshop.steps.filter(format="concerns.vote").last()
        context["owner_types"] = OwnerType.choices
        context["spheres"] = Sphere.choices
        context["statuses"] = ActionStatus.choices
    context.update(extra)
    return context


def phone_context(workshop, step, participant, **extra) -> dict:
    member = selectors.member_of(participant)
    context = step_context(
        workshop, step, "phone", member=member, participant=participant, client_id=uuid.uuid4()
    )
    fragment = context["fragment"]
    if fragment == "ideas":
        group = member.group if member else None
        context["group"] = group
        context["group_ideas"] = selectors.ideas_of_group(group) if group else []
        context["group_version"] = selectors.group_version(group)
        context["mine"] = {
            idea.pk for idea in context["group_ideas"] if idea.participant_id == participant.pk
        }
        refusal = rules.idea_refusal(workshop, step, member)
        shown = refusal in ("ideas_closed", "no_group")
        context["refusal"] = Refused(refusal).message if shown and refusal else ""
    elif fragment == "vote":
        own = selectors.own_dots(step=step, participant=participant)
        for section in context["sections"]:
            # A phone lists the ideas in the order they were written, not by dots, so an
            # idea does not move under the voter's finger while dots come in (issue 13).
            section["ideas"].sort(key=lambda entry: (entry["idea"].created_at, entry["idea"].pk))
            for entry in section["ideas"]:
                entry["mine"] = own.get(entry["idea"].pk, 0)
        context["left"] = context["dots"] - sum(own.values())
        refusal = rules.vote_refusal(workshop, step)
        context["refusal"] = Refused(refusal).message if refusal == "vote_closed" else ""
    context.update(extra)
    return context


def format_context(step, request, screen: str, participant) -> dict:
    """`StepFormat.context` for every concerns format (the engine adds `editable`)."""
    workshop = step.workshop
    if screen == "phone":
        if participant is None:
            return {"fragment_template": None}
        return phone_context(workshop, step, participant)
    return step_context(workshop, step, screen)
