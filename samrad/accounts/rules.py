"""Who may do what in an organisation. Every view and API endpoint asks these, nothing else."""

from samrad.accounts.models import Membership, Organisation, Role

EDITING_ROLES = {Role.OWNER, Role.FACILITATOR}


def role_in(user, organisation: Organisation) -> str | None:
    if not user.is_authenticated:
        return None
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    return membership.role if membership else None


def can_view(user, organisation: Organisation) -> bool:
    return role_in(user, organisation) is not None


def can_facilitate(user, organisation: Organisation) -> bool:
    """Build and run dialogues and sessions: owners and facilitators, not viewers."""
    return role_in(user, organisation) in EDITING_ROLES


def can_manage_members(user, organisation: Organisation) -> bool:
    return role_in(user, organisation) == Role.OWNER


def can_read_audit(user, organisation: Organisation) -> bool:
    """The audit log of facilitators' actions: owners only (it names colleagues)."""
    return role_in(user, organisation) == Role.OWNER
