"""How a step is drawn on each screen: the format's template from the step registry and its
context (`workshop`, `step`, `request`, `screen`, `editable`, + `participant` on phones)."""

from __future__ import annotations

from django.http import HttpRequest

from samrad.workshops.models import Workshop, WorkshopStep
from samrad.workshops.steps import step_format

SCREENS = ("facilitator", "projector", "phone")
UNKNOWN_TEMPLATE = "workshops/steps/unknown.html"


def step_template(step: WorkshopStep | None, screen: str) -> str | None:
    """The format's template for `screen`; None when phones have nothing to do in this step."""
    if step is None:
        return None
    shown = step_format(step.format)
    if shown is None:
        return UNKNOWN_TEMPLATE
    return getattr(shown, f"{screen}_template")


def step_context(
    request: HttpRequest,
    workshop: Workshop,
    step: WorkshopStep | None,
    screen: str,
    *,
    participant=None,
    editable: bool = False,
) -> dict:
    context = {
        "workshop": workshop,
        "step": step,
        "screen": screen,
        "participant": participant,
        "editable": editable,
        "step_template": step_template(step, screen),
    }
    shown = step_format(step.format) if step is not None else None
    if shown is not None and shown.context is not None:
        context.update(shown.context(step, request, screen, participant))
    return context
