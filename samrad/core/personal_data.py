"""One registry of what each app stores about a participant (a phone in a live session or
a workshop), used by the phone's "My data" export, its erasure and `samrad retention`.

Each app registers, from its `AppConfig.ready`, one entry per kind of thing it keeps about a
phone: how to export it (plain JSON types), how to erase it (called inside the erasure's
transaction, before the participant itself is deleted; returns how many rows went or were
cleared) and, if it keeps an identifier that ties rows to a phone, how to clear that when a
session's retention period is over. `models` names every model that points at a
participant, so that a test can prove that no such model is left out
(tests/security/test_erasure_registry.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalData:
    name: str  # the key in the export, e.g. "concerns.ideas"
    models: tuple[str, ...]  # "app_label.Model" of every model holding it
    export: Callable[[Any], Any]  # participant -> JSON-ready data
    erase: Callable[[Any], int]  # participant -> rows deleted or cleared
    retain: Callable[[Any], int] | None = None  # session -> identifiers cleared
    kept: str = ""  # what stays after erasure, as counts without a link (docs)


_REGISTRY: dict[str, PersonalData] = {}


def register(
    name: str,
    *,
    models: tuple[str, ...],
    export: Callable[[Any], Any],
    erase: Callable[[Any], int],
    retain: Callable[[Any], int] | None = None,
    kept: str = "",
) -> None:
    """Add (or, on a second `ready`, replace) one entry."""
    _REGISTRY[name] = PersonalData(name, models, export, erase, retain, kept)


def registered() -> list[PersonalData]:
    """Every entry, in registration order (apps' order in INSTALLED_APPS)."""
    return list(_REGISTRY.values())
