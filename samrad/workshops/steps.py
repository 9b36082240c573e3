"""The registry of workshop step formats (what a step is: a text slide, the mapping board, a
dot vote…; not a question kind, which is the live app's).

A step format says how a step is shown: `facilitator_template` (with the speaker note, controls),
`projector_template` and, when phones take part, `phone_template`. Each template gets
`workshop`, `step` and `request` in its context and may load its own views with htmx.
A format may add to its templates' context with `context(step, request, screen, participant)
-> dict` (`screen` is "facilitator", "projector" or "phone"; participant is None off phones).
A format may also offer `report_blocks(step) -> list[reporting.Block]`: the workshop report
(`samrad.workshops.report`) calls it for each step of that format, so every format adds its part.
Apps register their formats in their AppConfig.ready():

    from samrad.workshops.steps import StepFormat, register
    register(StepFormat("concerns.ideas", _("Collect ideas"),
                        "concerns/steps/ideas_facilitator.html",
                        "concerns/steps/ideas_projector.html", "concerns/steps/ideas_phone.html"))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

STEP_FORMATS: dict[str, StepFormat] = {}


@dataclass(frozen=True)
class StepFormat:
    key: str
    label: StrOrPromise  # translated when shown
    facilitator_template: str
    projector_template: str
    phone_template: str | None = None
    report_blocks: Callable | None = None
    context: Callable | None = None


def register(step_format: StepFormat) -> StepFormat:
    STEP_FORMATS[step_format.key] = step_format
    return step_format


def step_format(key: str) -> StepFormat | None:
    return STEP_FORMATS.get(key)
