"""Failed log-ins are throttled per account and per address, with a clear message and a way
to unlock (issue 18.3); password-reset requests likewise; lockouts are in the audit log."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from samrad.accounts.models import Role
from samrad.core.models import AuditEntry
from tests.factories import OrganisationFactory, member_of

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"  # tests/factories.py: UserFactory


@pytest.fixture
def limits(settings):
    # A fast hasher: what is tested is the counting, not PBKDF2's million rounds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_FAILURE_LIMIT = 5
    settings.SAMRAD_PASSWORD_RESETS_PER_HOUR = 3


def _login(client, username, password, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def test_wrong_passwords_lock_the_account_even_from_other_addresses(limits):
    user = member_of(OrganisationFactory(), Role.OWNER)
    statuses = [
        _login(Client(), user.username, "wrong", REMOTE_ADDR=f"198.51.100.{n}").status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks
    locked = _login(Client(), user.username, PASSWORD, REMOTE_ADDR="198.51.100.99")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed log-ins" in page
    assert reverse("accounts:password_reset") in page  # the way to unlock
    entry = AuditEntry.objects.get(action="accounts.lockout")
    assert user.username in entry.summary
    assert entry.organisation == user.memberships.first().organisation


def test_wrong_passwords_from_one_address_lock_that_address_for_every_account(limits):
    user = member_of(OrganisationFactory())
    client = Client(REMOTE_ADDR="203.0.113.7", HTTP_ACCEPT_LANGUAGE="sv")
    for n in range(5):
        _login(client, f"guess{n}", "wrong")
    locked = _login(client, user.username, PASSWORD)
    assert locked.status_code == 429
    assert "För många misslyckade inloggningar" in locked.content.decode()
    # The account itself is not locked: from another address it logs in.
    assert _login(Client(REMOTE_ADDR="203.0.113.8"), user.username, PASSWORD).status_code == 302


def test_wrong_passwords_from_one_ipv6_64_lock_it_whichever_of_its_addresses_is_used(limits):
    """One IPv6 host has a whole /64: spraying accounts from a new address of it each time is
    one address to the throttle (core/ratelimit.py: login_address)."""
    user = member_of(OrganisationFactory())
    for n in range(5):
        _login(Client(REMOTE_ADDR=f"2001:db8:5:7::{n + 1:x}"), f"spray{n}", "wrong")
    locked = _login(Client(REMOTE_ADDR="2001:db8:5:7:abcd::1"), user.username, PASSWORD)
    assert locked.status_code == 429
    # The next /64 is someone else.
    assert _login(Client(REMOTE_ADDR="2001:db8:5:8::1"), user.username, PASSWORD).status_code == 302


def test_resetting_the_password_unlocks_the_account(limits):
    user = member_of(OrganisationFactory())
    for _ in range(5):
        _login(Client(), user.username, "wrong")
    assert _login(Client(), user.username, PASSWORD).status_code == 429
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[-1].body).group(1)
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-Pass-4567", "new_password2": "a-new-Pass-4567"},
    )
    assert _login(Client(), user.username, "a-new-Pass-4567").status_code == 302


def test_password_reset_requests_are_limited_per_address_and_per_address_book(limits):
    user = member_of(OrganisationFactory())
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        assert (
            client.post(reverse("accounts:password_reset"), {"email": user.email}).status_code
            == 302
        )
    refused = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert len(mail.outbox) == 3
    # The same address from elsewhere: still at most three mails an hour.
    again = Client(REMOTE_ADDR="203.0.113.10")
    assert again.post(reverse("accounts:password_reset"), {"email": user.email}).status_code == 429
    assert len(mail.outbox) == 3
