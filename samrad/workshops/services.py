"""Writes for workshops: create one from a template, build and move through its steps,
save the facilitator's notes. Views, consumers and commands call these and nothing else.
The portfolio mapping's writes (frameworks, projects, placements) are in `mapping/services.py`."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import translation

from samrad.core import audit
from samrad.dialogues.models import Dialogue
from samrad.live import services as live_services
from samrad.workshops import events
from samrad.workshops.models import StepNote, Workshop, WorkshopStep
from samrad.workshops.templates_registry import WORKSHOP_TEMPLATES

MAX_NOTE_LENGTH = 20_000


class UnknownTemplate(ValueError):
    pass


@transaction.atomic
def workshop_create(
    dialogue: Dialogue, template_key: str, actor, title: str | None = None, language=None
) -> Workshop:
    """A ready workshop from a registered template, with an open live session for phones.

    The template's `build(workshop, language)` adds the steps (in `language`, by default the
    dialogue's); the workshop starts on its first step.
    """
    template = WORKSHOP_TEMPLATES.get(template_key)
    if template is None:
        raise UnknownTemplate(template_key)
    language = language or dialogue.language
    with translation.override(language):
        title = (title or "").strip() or str(template.label)
    session = live_services.session_create(dialogue=dialogue, title=title, created_by=actor)
    live_services.session_open(session=session)
    workshop = Workshop.objects.create(
        dialogue=dialogue,
        session=session,
        title=title,
        template=template_key,
        language=language,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    with translation.override(language):
        template.build(workshop, language)
    workshop.current_step = workshop.steps.order_by("position", "id").first()
    workshop.save(update_fields=["current_step", "updated_at"])
    audit.record(
        actor,
        "workshops.create",
        workshop,
        organisation=dialogue.organisation,
        summary=f"{template_key}: {title}",
    )
    return workshop


def step_add(
    *,
    workshop: Workshop,
    format: str,
    title: str,
    body: str = "",
    script: str = "",
    options: dict | None = None,
) -> WorkshopStep:
    """Append a step (templates call this from their `build`)."""
    last = workshop.steps.aggregate(last=Max("position"))["last"]
    return WorkshopStep.objects.create(
        workshop=workshop,
        position=0 if last is None else last + 1,
        format=format,
        title=title[:200],
        body=body,
        script=script,
        options=options or {},
    )


@transaction.atomic
def workshop_go_to(*, workshop: Workshop, step: WorkshopStep | None, actor=None) -> Workshop:
    if step is not None and step.workshop_id != workshop.pk:
        raise ValueError("step belongs to another workshop")
    workshop.current_step = step
    workshop.save(update_fields=["current_step", "updated_at"])
    events.step_moved(workshop)
    return workshop


def workshop_set_open(*, workshop: Workshop, open: bool, actor=None) -> Workshop:
    """Close the workshop (its live session with it: phones can no longer join or answer) or
    open it again. The session is the workshop's own; it has no other place to be closed."""
    if open:
        live_services.session_open(session=workshop.session, actor=actor)
    else:
        live_services.session_close(session=workshop.session, actor=actor)
    audit.record(
        actor,
        "workshops.open" if open else "workshops.close",
        workshop,
        organisation=workshop.dialogue.organisation,
        summary=workshop.title,
    )
    return workshop


def workshop_step(*, workshop: Workshop, offset: int, actor=None) -> Workshop:
    """Move to the next (+1) or previous (-1) step; stays put at either end."""
    steps = list(workshop.steps.order_by("position", "id"))
    if not steps:
        return workshop
    ids = [s.pk for s in steps]
    if workshop.current_step_id not in ids:
        target = steps[0]
    else:
        index = ids.index(workshop.current_step_id) + offset
        target = steps[max(0, min(index, len(steps) - 1))]
    if target.pk == workshop.current_step_id:
        return workshop
    return workshop_go_to(workshop=workshop, step=target, actor=actor)


@transaction.atomic
def step_update(
    *, step: WorkshopStep, actor, title: str, body: str = "", script: str = ""
) -> WorkshopStep:
    """Edit what a step shows and its speaker note."""
    step.title = title[:200]
    step.body = body
    step.script = script
    step.save(update_fields=["title", "body", "script"])
    workshop = step.workshop
    audit.record(
        actor,
        "workshops.step_update",
        step,
        organisation=workshop.dialogue.organisation,
        summary=step.title,
    )
    events.step_changed(workshop, step)
    return step


@transaction.atomic
def step_set_option(*, step: WorkshopStep, name: str, value) -> WorkshopStep:
    """Set one option of a step (e.g. which discussion question is on the projector)."""
    step = WorkshopStep.objects.select_for_update().get(pk=step.pk)
    step.options = {**step.options, name: value}
    step.save(update_fields=["options"])
    events.step_changed(step.workshop, step)
    return step


@transaction.atomic
def note_save(*, step: WorkshopStep, key: str, text: str, actor) -> StepNote:
    """Save the facilitator's notes for one question of a step (replacing the earlier ones)."""
    note, _created = StepNote.objects.update_or_create(
        step=step, key=key[:20], defaults={"text": text[:MAX_NOTE_LENGTH], "updated_by": actor}
    )
    audit.record(
        actor,
        "workshops.note_save",
        step,
        organisation=step.workshop.dialogue.organisation,
        summary=f"{step.title} ({key})",
    )
    return note


@transaction.atomic
def workshop_from_method(*, dialogue: Dialogue, actor, data: dict, framework=None) -> Workshop:
    """A workshop rebuilt from an exported method (`method.export`): its steps, scripts and
    settings, with a new open live session; no projects, placements or notes."""
    title = (data.get("title") or "").strip()[:200] or "Workshop"
    session = live_services.session_create(dialogue=dialogue, title=title, created_by=actor)
    live_services.session_open(session=session)
    workshop = Workshop.objects.create(
        dialogue=dialogue,
        session=session,
        title=title,
        template=str(data.get("template", ""))[:40],
        language=data.get("language") or dialogue.language,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        framework=framework,
        max_per_project=max(1, min(int(data.get("max_per_project", 2)), 5)),
        over_factor=max(1.0, min(float(data.get("over_factor", 1.5)), 10.0)),
    )
    for step in data.get("steps", []):
        # Method templates written before steps had a format called it "kind".
        step_format = step["format"] if "format" in step else step.get("kind", "workshops.text")
        step_add(
            workshop=workshop,
            format=str(step_format)[:40],
            title=str(step.get("title", ""))[:200] or "–",
            body=str(step.get("body", "")),
            script=str(step.get("script", "")),
            options=step.get("options") if isinstance(step.get("options"), dict) else {},
        )
    workshop.current_step = workshop.steps.order_by("position", "id").first()
    workshop.save(update_fields=["current_step", "updated_at"])
    audit.record(
        actor, "workshops.import", workshop, organisation=dialogue.organisation, summary=title
    )
    return workshop
