"""Failed log-ins and password-reset requests: what is limited and what is recorded.

Counting and locking out log-ins is django-axes' work (settings: AXES_*); this module
records its lockouts in the audit log, unlocks an account whose password was reset, and
limits password-reset mails per address and per e-mail address (core/ratelimit.py).
"""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from samrad.accounts.models import Organisation
from samrad.core import audit, ratelimit


@transaction.atomic
def lockout_record(*, username: str, address: str) -> None:
    """One audit entry per organisation of the locked account (owners read their own
    organisation's log); a name that is nobody's is recorded without an organisation."""
    user = get_user_model().objects.filter(username=username).first() if username else None
    summary = f"{username or '–'} from {address or '–'}"
    organisations: list[Organisation | None] = (
        [m.organisation for m in user.memberships.all()] if user else []
    )
    for organisation in organisations or [None]:
        audit.record(None, "accounts.lockout", user, organisation=organisation, summary=summary)


def lockout_clear(*, username: str) -> None:
    """A password reset by e-mail proves the owner: failures of the account are forgotten."""
    from axes.utils import reset

    reset(username=username)


def password_reset_allowed(*, email: str, address: str) -> bool:
    """Count one password-reset request; False past SAMRAD_PASSWORD_RESETS_PER_HOUR for the
    e-mail address (whether or not it names an account: no oracle), or four times that for
    the client address."""
    limit = settings.SAMRAD_PASSWORD_RESETS_PER_HOUR
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    per_email = ratelimit.hit(f"reset-email:{digest}", window=3600)
    per_address = ratelimit.hit(f"reset-address:{ratelimit.address_group(address)}", window=3600)
    return per_email <= limit and per_address <= 4 * limit


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """django-axes signals every refused attempt; the log gets the first one for each
    account name (or address, without a name) in a cool-off period."""
    username, address = username or "", ip_address or ""
    window = int(settings.AXES_COOLOFF_TIME.total_seconds())
    if ratelimit.hit(f"lockout-recorded:{username or address}", window=window) == 1:
        lockout_record(username=username, address=address)
