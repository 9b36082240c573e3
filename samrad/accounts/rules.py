"""Who may do what in an organisation. Every view and API endpoint asks these, nothing else.

The scope asked about is an organisation or one of its dialogues. On a dialogue a member's
role there (`DialogueRole`: facilitator or viewer) replaces their organisation-wide role;
owners are owners everywhere. Anything else that carries a dialogue (a session, a workshop)
is asked about through its dialogue.
"""

from samrad.accounts.models import DialogueRole, Membership, Organisation, Role

EDITING_ROLES = {Role.OWNER, Role.FACILITATOR}


def role_in(user, scope) -> str | None:
    """The user's role in an organisation, or on a dialogue (`scope`), or None."""
    if not user.is_authenticated:
        return None
    if isinstance(scope, Organisation):
        organisation_id, dialogue_id = scope.pk, None
    else:
        organisation_id, dialogue_id = scope.organisation_id, scope.pk
    membership = Membership.objects.filter(user=user, organisation_id=organisation_id).first()
    if membership is None:
        return None
    if dialogue_id is None or membership.role == Role.OWNER:
        return membership.role
    narrowed = (
        DialogueRole.objects.filter(membership=membership, dialogue_id=dialogue_id)
        .values_list("role", flat=True)
        .first()
    )
    return narrowed or membership.role


def can_view(user, scope) -> bool:
    return role_in(user, scope) is not None


def can_facilitate(user, scope) -> bool:
    """Build and run dialogues and sessions: owners and facilitators, not viewers."""
    return role_in(user, scope) in EDITING_ROLES


def can_manage_members(user, organisation: Organisation) -> bool:
    """Invite, change roles (also per dialogue), remove: owners only."""
    return role_in(user, organisation) == Role.OWNER


def can_read_audit(user, organisation: Organisation) -> bool:
    """The audit log of facilitators' actions: owners only (it names colleagues)."""
    return role_in(user, organisation) == Role.OWNER
