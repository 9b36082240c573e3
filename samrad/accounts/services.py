"""Writes for organisations and memberships: members, roles (also per dialogue),
invitations by e-mail, API tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samrad.accounts.models import (
    ApiToken,
    DialogueRole,
    Invitation,
    Membership,
    Organisation,
    Role,
)
from samrad.core import audit

TOKEN_PREFIX = "samrad_"  # noqa: S105 (marks a secret as ours; not a secret)
# last_used_at is refreshed at most this often, so that API calls do not each write a row.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)


@transaction.atomic
def organisation_create(*, name: str, slug: str | None = None) -> Organisation:
    return Organisation.objects.create(name=name, slug=slug or slugify(name))


@transaction.atomic
def facilitator_create(
    *,
    organisation: Organisation,
    username: str,
    password: str,
    email: str = "",
    role: str = Role.FACILITATOR,
    actor=None,
) -> User:
    user = get_user_model().objects.create_user(username=username, password=password, email=email)
    membership_set(organisation=organisation, user=user, role=role, actor=actor)
    return user


class MembershipRefused(Exception):
    """A refusal with a message for the person who asked (already translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _refuse_losing_last_owner(membership: Membership) -> None:
    """An organisation keeps at least one owner: only an owner manages its members."""
    if membership.role != Role.OWNER:
        return
    owners = list(
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id, role=Role.OWNER)
        .values_list("pk", flat=True)
    )
    if owners == [membership.pk]:
        raise MembershipRefused(
            _("%(name)s is the last owner. Make another member an owner first.")
            % {"name": membership.user.get_username()}
        )


@transaction.atomic
def membership_set(*, organisation: Organisation, user, role: str, actor=None) -> Membership:
    """Give `user` the role `role` in the organisation (a new member or a changed role).
    The last owner cannot be made anything else."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    current = (
        Membership.objects.select_for_update()
        .filter(user=user, organisation=organisation)
        .select_related("user")
        .first()
    )
    if current is not None and role != Role.OWNER:
        _refuse_losing_last_owner(current)
    old = current.role if current else ""
    membership, created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    action = "accounts.member_add" if created else "accounts.member_role"
    audit.record(
        actor,
        action,
        membership,
        organisation=organisation,
        summary=f"{user.get_username()}: {old + ' → ' if old else ''}{role}",
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor=None) -> None:
    """Remove a member (and their roles on dialogues); never the last owner."""
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    _refuse_losing_last_owner(membership)
    audit.record(
        actor,
        "accounts.member_remove",
        membership,
        organisation=membership.organisation,
        summary=membership.user.get_username(),
    )
    membership.delete()


@transaction.atomic
def dialogue_role_set(*, membership: Membership, dialogue, role: str, actor=None) -> None:
    """Narrow (or widen) a member's role on one dialogue: facilitator or viewer there; an
    empty role gives them their organisation-wide role there again. Owners are owners on
    every dialogue."""
    if dialogue.organisation_id != membership.organisation_id:
        raise ValueError("the dialogue belongs to another organisation")
    if membership.role == Role.OWNER:
        raise MembershipRefused(_("Owners have every right on every dialogue."))
    if role and role not in (Role.FACILITATOR, Role.VIEWER):
        raise ValueError(f"unknown role on a dialogue {role!r}")
    if role:
        DialogueRole.objects.update_or_create(
            membership=membership, dialogue=dialogue, defaults={"role": role}
        )
    else:
        DialogueRole.objects.filter(membership=membership, dialogue=dialogue).delete()
    audit.record(
        actor,
        "accounts.dialogue_role",
        dialogue,
        organisation=membership.organisation,
        summary=f"{membership.user.get_username()} on “{dialogue.title}”: "
        f"{role or 'organisation role'}",
    )


# --- Invitations ---------------------------------------------------------------------------

INVITATION_SALT = "samrad.accounts.invitation"


def normal_email(email: str) -> str:
    """The address as stored: trimmed, the domain in lower case."""
    local, _at, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=INVITATION_SALT)


def invitation_url(invitation: Invitation, *, site_url: str) -> str:
    return site_url + reverse("accounts:invitation", args=[invitation_token(invitation)])


def invitation_mail(invitation: Invitation, *, site_url: str) -> EmailMessage:
    """The invitation e-mail, in the language the owner chose for it."""
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": invitation.invited_by.get_username() if invitation.invited_by else "",
            "role": Role(invitation.role).label,
            "url": invitation_url(invitation, site_url=site_url),
            "expires": formats.date_format(
                timezone.localtime(invitation.expires_at), "DATETIME_FORMAT"
            ),
        }
        body = "".join([render_to_string("accounts/invitation_email.txt", context)])
        subject = _("Invitation to %(organisation)s in Samråd") % {
            "organisation": invitation.organisation.name
        }
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
        headers={"Content-Language": invitation.language},
    )


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str, language: str, actor, site_url: str
) -> Invitation:
    """Invite an address to join with `role` and e-mail it the link. An address that is
    already a member is refused; inviting an address again replaces its open invitation
    (new link and expiry; the old link stops working). If the e-mail cannot be sent nothing
    is kept."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    email = normal_email(email)
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise MembershipRefused(
            _("%(email)s is already a member of %(organisation)s.")
            % {"email": email, "organisation": organisation.name}
        )
    fields = {
        "email": email,
        "role": role,
        "language": language,
        "invited_by": actor if getattr(actor, "is_authenticated", False) else None,
        "nonce": secrets.token_urlsafe(24),
        "expires_at": timezone.now() + timedelta(days=settings.SAMRAD_INVITATION_DAYS),
    }
    invitation = (
        Invitation.objects.select_for_update()
        .filter(organisation=organisation, email__iexact=email, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        invitation = Invitation.objects.create(organisation=organisation, **fields)
    else:
        for name, value in fields.items():
            setattr(invitation, name, value)
        invitation.save()
    audit.record(
        actor, "accounts.invite", invitation, organisation=organisation, summary=f"{email}: {role}"
    )
    try:
        invitation_mail(invitation, site_url=site_url).send(fail_silently=False)
    except Exception as error:
        raise MembershipRefused(
            _("The invitation could not be sent by e-mail, so it was not saved. Try again later.")
        ) from error
    return invitation


def invitation_for_token(token: str, *, lock: bool = False) -> Invitation:
    """The open invitation a link names; a tampered, replaced, used or expired link is
    refused with a message that says which."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
        pk, nonce = int(data["i"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        data = None
    invitations = Invitation.objects.select_related("organisation")
    if lock:
        invitations = invitations.select_for_update()
    invitation = invitations.filter(pk=pk).first() if data else None
    if invitation is None or not secrets.compare_digest(invitation.nonce, nonce):
        raise MembershipRefused(
            _(
                "This invitation link is not valid (a newer invitation may have replaced it). "
                "Ask the person who invited you for a new one."
            )
        )
    if invitation.accepted_at is not None:
        raise MembershipRefused(
            _(
                "This invitation has already been used. Log in with the account that accepted "
                "it, or ask for a new invitation."
            )
        )
    if invitation.expires_at <= timezone.now():
        raise MembershipRefused(
            _("This invitation expired on %(date)s. Ask %(organisation)s for a new one.")
            % {
                "date": formats.date_format(timezone.localtime(invitation.expires_at)),
                "organisation": invitation.organisation.name,
            }
        )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user) -> Membership:
    """The invited person (logged in) joins with the invited role; the link is used up."""
    invitation = invitation_for_token(token, lock=True)
    organisation = invitation.organisation
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        raise MembershipRefused(
            _("You are already a member of %(organisation)s.") % {"organisation": organisation.name}
        )
    membership = Membership.objects.create(
        user=user, organisation=organisation, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    if not user.email:
        user.email = invitation.email
        user.save(update_fields=["email"])
    audit.record(
        user,
        "accounts.invite_accept",
        membership,
        organisation=organisation,
        summary=f"{invitation.email} → {user.get_username()}: {invitation.role}",
    )
    return membership


@transaction.atomic
def invitation_accept_new_account(*, token: str, username: str, password: str) -> User:
    """Create the account the invited person chose and accept with it, all or nothing."""
    invitation = invitation_for_token(token, lock=True)
    user = get_user_model().objects.create_user(
        username=username, password=password, email=invitation.email
    )
    invitation_accept(token=token, user=user)
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor=None) -> None:
    audit.record(
        actor,
        "accounts.invite_revoke",
        invitation,
        organisation=invitation.organisation,
        summary=invitation.email,
    )
    invitation.delete()


def _token_audit(actor, action: str, token: ApiToken) -> None:
    """API tokens are personal: the entry goes to each organisation the user belongs to."""
    for membership in Membership.objects.filter(user=token.user).select_related("organisation"):
        audit.record(
            actor,
            action,
            token,
            organisation=membership.organisation,
            summary=f"{token.user.get_username()}: {token.name} ({token.prefix}…)",
        )


def apitoken_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def apitoken_create(*, user, name: str = "", actor=None) -> tuple[ApiToken, str]:
    """A new personal API token; returns it and its secret, which is not stored anywhere."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=(name.strip() or "API")[:100],
        token_hash=apitoken_hash(secret),
        prefix=secret[: len(TOKEN_PREFIX) + 6],
    )
    _token_audit(actor, "accounts.apitoken_create", token)
    return token, secret


@transaction.atomic
def apitoken_revoke(*, token: ApiToken, actor=None) -> None:
    _token_audit(actor, "accounts.apitoken_revoke", token)
    token.delete()


@transaction.atomic
def apitoken_use(*, secret: str) -> User | None:
    """The active user whose token this is (and note when it was used), or None."""
    if not secret or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=apitoken_hash(secret), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOKEN_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def login_cookie_create(*, user) -> str:
    """A logged-in session for `user`, as a Cookie header value, for a client that cannot
    fill in the login form (the load benchmark's presenter, the scale-out test)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
