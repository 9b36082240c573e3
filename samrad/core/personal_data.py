"""One registry of what each app stores about a participant (a phone in a live session or
a workshop), used by the phone's "My data" export, its erasure and `samrad retention`.

Each app registers, from its `AppConfig.ready`, one entry per kind of thing it keeps about a
phone: how to export it (plain JSON types), how to erase it (called inside the erasure's
transaction, before the participant itself is deleted; returns how many rows went or were
cleared) and, if it keeps an identifier that ties rows to a phone, how to clear that when a
session's retention period is over. `models` names every model that points at a
participant, so that a test can prove that no such model is left out
(tests/security/test_erasure_registry.py).

Some things a phone leaves are deliberately not linked to its participant in the database: a
story in a story survey (keyed by the survey's own respondent cookie) and an e-mail address
left for feedback (kept apart from the answers, so that nobody can join the two). The phone
holds their keys in its cookies; an entry for them registers `held`, which reads those keys
from a request, and takes the whole `Phone` (`per_phone=True`) instead of the participant.
So "My data" on the phone finds them, while the database still cannot tell whose they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest


@dataclass(frozen=True)
class Phone:
    """Whom an export or erasure is about: a participant in a live session, and the keys its
    phone holds for the entries that are not linked to it (`held`: entry name → keys)."""

    participant: Any
    held: dict[str, list[str]] = field(default_factory=dict)

    def keys(self, name: str) -> list[str]:
        return self.held.get(name, [])


@dataclass(frozen=True)
class PersonalData:
    name: str  # the key in the export, e.g. "concerns.ideas"
    models: tuple[str, ...]  # "app_label.Model" of every model holding it
    export: Callable[[Any], Any]  # participant -> JSON-ready data
    erase: Callable[[Any], int]  # participant -> rows deleted or cleared
    retain: Callable[[Any], int] | None = None  # session -> identifiers cleared
    kept: str = ""  # what stays after erasure, as counts without a link (docs)
    held: Callable[[Any], list[str]] | None = None  # request -> the keys its phone holds
    per_phone: bool = False  # export/erase take the Phone, not the participant

    def export_for(self, phone: Phone) -> Any:
        return self.export(phone if self.per_phone else phone.participant)

    def erase_for(self, phone: Phone) -> int:
        return self.erase(phone if self.per_phone else phone.participant)


_REGISTRY: dict[str, PersonalData] = {}


def register(
    name: str,
    *,
    models: tuple[str, ...],
    export: Callable[[Any], Any],
    erase: Callable[[Any], int],
    retain: Callable[[Any], int] | None = None,
    kept: str = "",
    held: Callable[[Any], list[str]] | None = None,
) -> None:
    """Add (or, on a second `ready`, replace) one entry. With `held`, `export` and `erase`
    take the `Phone` (the participant and the keys `held` read from the phone's request)."""
    _REGISTRY[name] = PersonalData(
        name, models, export, erase, retain, kept, held, per_phone=held is not None
    )


def registered() -> list[PersonalData]:
    """Every entry, in registration order (apps' order in INSTALLED_APPS)."""
    return list(_REGISTRY.values())


def held_by(request: HttpRequest) -> dict[str, list[str]]:
    """The keys a phone's request holds (its cookies), for every entry that reads some."""
    held = {}
    for entry in _REGISTRY.values():
        if entry.held is not None:
            keys = entry.held(request)
            if keys:
                held[entry.name] = keys
    return held
