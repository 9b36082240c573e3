"""Reads about organisations and memberships."""

from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from samrad.accounts.models import Organisation, Role
from samrad.core.models import AuditEntry


def organisations_for_user(*, user) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def current_organisation(*, user) -> Organisation | None:
    """The organisation a facilitator works in: their first (most facilitators have one)."""
    return organisations_for_user(user=user).first()


def organisations_owned(*, user) -> QuerySet[Organisation]:
    return organisations_for_user(user=user).filter(
        memberships__user=user, memberships__role=Role.OWNER
    )


def audit_entries(
    *,
    organisation: Organisation,
    action: str = "",
    actor: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    """The organisation's audit entries, newest first; `action` is an exact action or an
    app prefix ("live"), `actor` part of a username, `since`/`until` whole days."""
    entries = AuditEntry.objects.filter(organisation=organisation)
    if action:
        entries = (
            entries.filter(action=action)
            if "." in action
            else entries.filter(action__startswith=f"{action}.")
        )
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    zone = timezone.get_current_timezone()
    if since:
        entries = entries.filter(at__gte=datetime.combine(since, time.min, tzinfo=zone))
    if until:
        entries = entries.filter(at__lte=datetime.combine(until, time.max, tzinfo=zone))
    return entries.order_by("-at", "-id")


def audit_actions(*, organisation: Organisation) -> list[str]:
    return list(
        AuditEntry.objects.filter(organisation=organisation)
        .order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )
