"""The registry of workshop step kinds.

A step kind says how a step is shown: `facilitator_template` (with the speaker note, controls),
`projector_template` and, when phones take part, `phone_template`. Each template gets
`workshop`, `step` and `request` in its context and may load its own views with htmx.
A kind may add to its templates' context with `context(step, request, screen, participant)
-> dict` (`screen` is "facilitator", "projector" or "phone"; participant is None off phones).
A kind may also offer `report_blocks(step) -> list[reporting.Block]`: the workshop report
(`samrad.workshops.report`) calls it for each step of that kind, so every kind adds its part.
Apps register their kinds in their AppConfig.ready():

    from samrad.workshops.steps import StepKind, register
    register(StepKind("concerns.ideas", _("Collect ideas"), "concerns/steps/ideas_facilitator.html",
                      "concerns/steps/ideas_projector.html", "concerns/steps/ideas_phone.html"))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

STEP_KINDS: dict[str, StepKind] = {}


@dataclass(frozen=True)
class StepKind:
    key: str
    label: StrOrPromise  # translated when shown
    facilitator_template: str
    projector_template: str
    phone_template: str | None = None
    report_blocks: Callable | None = None
    context: Callable | None = None


def register(kind: StepKind) -> StepKind:
    STEP_KINDS[kind.key] = kind
    return kind


def step_kind(key: str) -> StepKind | None:
    return STEP_KINDS.get(key)
