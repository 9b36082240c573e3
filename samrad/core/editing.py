"""Edit in place: the one way a facilitator changes a thing that was created in a list
(a purpose, a decision, a meeting, a project …) without leaving the page.

Each app says what can be edited in its `editables.py` with `register(Editable(...))`: the
model, the fields, the form that validates them, the service that writes them, the dialogue
the object belongs to (that decides who may edit) and the template of its row. The generic
views (`views_editing.py`) turn a row into its form and back; the app's service calls
`apply`, which

- refuses an edit that started from values someone else has changed since (`EditConflict`,
  with what is saved now): the form carries `version`, a digest of the edited fields as they
  were when the form was drawn, and `apply` compares it with the row read under a lock, so of
  two racing saves the second is refused and nothing is silently overwritten;
- writes only the fields that changed and records each as old → new in the audit log.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from samrad.core import audit


class EditConflict(Exception):
    """The object changed since the form was drawn. `current`: each edited field → its value
    saved now; `version`: the version now (a form carrying it saves over it knowingly)."""

    def __init__(self, current: dict[str, str], version: str):
        super().__init__("changed by someone else")
        self.current = current
        self.version = version


def _raw(obj: models.Model, name: str) -> Any:
    field = obj._meta.get_field(name)
    return getattr(obj, getattr(field, "attname", name))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def version_of(obj: models.Model, fields: Iterable[str]) -> str:
    """A digest of the object's values of `fields` (order-independent)."""
    values = {name: _plain(_raw(obj, name)) for name in sorted(fields)}
    text = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def shown(obj: models.Model, name: str) -> str:
    """The value of a field as a person reads it (choices by their label, dates ISO)."""
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if value is None or value == "":
        return ""
    if getattr(field, "choices", None):
        return str(getattr(obj, f"get_{name}_display")())
    if isinstance(value, bool):
        return "✓" if value else "–"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def change_summary(changes: list[dict]) -> str:
    """`title: "Old" → "New"; place: "" → "Hall"` within the audit summary's 300 characters."""
    each = max(20, 280 // max(len(changes), 1) // 2 - 8)
    parts = [
        f"{c['field']}: “{_short(c['old'], each)}” → “{_short(c['new'], each)}”" for c in changes
    ]
    return "; ".join(parts)


@transaction.atomic
def apply(
    *,
    obj: models.Model,
    values: dict[str, Any],
    version: str,
    actor: Any,
    action: str,
    organisation: Any,
) -> list[dict[str, Any]]:
    """Write `values` onto `obj` if it still is as the form saw it (`version`), and audit each
    changed field as old → new. Returns the changes (empty: nothing changed, nothing written).
    Raises `EditConflict` when someone else saved the object in between."""
    values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    fresh = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    now = version_of(fresh, values)
    if version != now:
        raise EditConflict({name: shown(fresh, name) for name in values}, now)
    changes = []
    for name, value in values.items():
        before, old = _raw(fresh, name), shown(fresh, name)
        setattr(fresh, name, value)
        # A change a person can see: a form's minute does not "change" a time with seconds.
        if _raw(fresh, name) != before and shown(fresh, name) != old:
            changes.append({"field": name, "old": old, "new": shown(fresh, name)})
    if not changes:
        return []
    update_fields = [c["field"] for c in changes]
    if any(f.name == "updated_at" for f in fresh._meta.concrete_fields):
        update_fields.append("updated_at")
    fresh.save(update_fields=update_fields)
    for name in values:
        setattr(obj, name, getattr(fresh, name))
    audit.record(
        actor,
        action,
        fresh,
        organisation=organisation,
        summary=change_summary(changes),
        changes=changes,
    )
    return changes


# --- The registry --------------------------------------------------------------------------


@dataclass(frozen=True)
class Editable:
    """Something a facilitator edits in place.

    `form(obj, data)` builds the bound (data) or unbound form with the object's values;
    `update(obj, actor=, version=, **cleaned)` is the app's service (it calls `apply`);
    `dialogue(obj)` is the dialogue whose organisation decides who may edit;
    `row_template` draws the row, with `item`, `dialogue`, `editable` and `context(obj)`;
    `tag` is the row's element ("tr" spans `columns` cells); `name(obj)` names the object in
    labels ("Edit decision: 2026-03-01 Kommunstyrelsen")."""

    key: str
    model: type[models.Model]
    fields: tuple[str, ...]
    form: Callable
    update: Callable
    dialogue: Callable
    row_template: str
    name: Callable[[Any], str]
    tag: str = "div"
    columns: int = 0
    context: Callable[[Any], dict] | None = None
    scope: Callable | None = None  # queryset of the model to look the object up in


REGISTRY: dict[str, Editable] = {}
_discovered = False


def register(editable: Editable) -> Editable:
    REGISTRY[editable.key] = editable
    return editable


def editable_for(key: str) -> Editable | None:
    global _discovered
    if not _discovered:
        autodiscover_modules("editables")
        _discovered = True
    return REGISTRY.get(key)
