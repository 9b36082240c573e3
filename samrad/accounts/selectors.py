"""Reads about organisations and memberships."""

from datetime import date, datetime, time

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from samrad.accounts.models import DialogueRole, Invitation, Membership, Organisation, Role
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


def team_of(*, organisation: Organisation) -> list[Membership]:
    """The members with their roles on single dialogues, owners first, then by name."""
    order: dict[str, int] = {Role.OWNER: 0, Role.FACILITATOR: 1, Role.VIEWER: 2}
    members = list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "dialogue_roles",
                queryset=DialogueRole.objects.select_related("dialogue").order_by(
                    "dialogue__title", "id"
                ),
            )
        )
    )
    return sorted(members, key=lambda m: (order.get(m.role, 9), m.user.get_username().lower()))


def open_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations not yet accepted (expired ones too: the page says so)."""
    return Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True).order_by(
        "-created_at", "-id"
    )


def dialogue_team(*, dialogue) -> dict[str, list]:
    """Who may facilitate and who may only view one dialogue, after roles per dialogue."""
    narrowed = dict(
        DialogueRole.objects.filter(dialogue=dialogue).values_list("membership_id", "role")
    )
    team: dict[str, list] = {"facilitators": [], "viewers": []}
    members = Membership.objects.filter(organisation_id=dialogue.organisation_id)
    for member in members.select_related("user"):
        role = member.role if member.role == Role.OWNER else narrowed.get(member.pk, member.role)
        team["viewers" if role == Role.VIEWER else "facilitators"].append(member.user)
    return team
