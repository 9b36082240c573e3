"""Writes for organisations and memberships."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from samrad.accounts.models import ApiToken, Membership, Organisation, Role
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
):
    user = get_user_model().objects.create_user(username=username, password=password, email=email)
    membership_set(organisation=organisation, user=user, role=role, actor=actor)
    return user


@transaction.atomic
def membership_set(*, organisation: Organisation, user, role: str, actor=None) -> Membership:
    """Give `user` the role `role` in the organisation (a new member or a changed role)."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    membership, created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    action = "accounts.member_add" if created else "accounts.member_role"
    audit.record(
        actor,
        action,
        membership,
        organisation=organisation,
        summary=f"{user.get_username()}: {role}",
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor=None) -> None:
    audit.record(
        actor,
        "accounts.member_remove",
        membership,
        organisation=membership.organisation,
        summary=membership.user.get_username(),
    )
    membership.delete()


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
def apitoken_use(*, secret: str):
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
