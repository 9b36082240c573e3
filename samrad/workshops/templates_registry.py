"""Workshop templates: one click creates a ready workshop (steps, questions, script).

A template is a function `build(workshop, language)` that adds the steps; apps register theirs
in AppConfig.ready() with `register("mapping", _("Map the project portfolio"), build)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

WORKSHOP_TEMPLATES: dict[str, WorkshopTemplate] = {}


@dataclass(frozen=True)
class WorkshopTemplate:
    key: str
    label: str
    build: Callable


def register(key: str, label, build: Callable) -> WorkshopTemplate:
    WORKSHOP_TEMPLATES[key] = WorkshopTemplate(key, label, build)
    return WORKSHOP_TEMPLATES[key]
