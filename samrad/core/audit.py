"""The audit log of facilitator actions: one call from every service that changes data on a
facilitator's behalf.

    from samrad.core import audit
    audit.record(user, "workshop.create", workshop, organisation=dialogue.organisation)
"""

from __future__ import annotations

from typing import Any

from django.db import models

from samrad.core.models import AuditEntry


def _reference(target: object) -> str:
    if target is None:
        return ""
    if isinstance(target, models.Model):
        return f"{target._meta.label_lower}:{target.pk}"
    return str(target)[:120]


def record(
    actor: Any,
    action: str,
    target: object = None,
    *,
    organisation: Any = None,
    summary: str = "",
    changes: list[dict[str, Any]] | None = None,
) -> AuditEntry:
    """Write one entry. `actor` may be None (a command-line job) or an anonymous user.
    `changes`: for an edit, each changed field as {"field", "old", "new"} (in full; the
    summary shortens them)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username() if user else "",
        organisation=organisation,
        action=action[:80],
        target=_reference(target),
        summary=summary[:300],
        changes=changes or [],
    )
