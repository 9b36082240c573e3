"""An invitation link is used once even when two people open it at the same moment (threads,
each with its own connection; the invitation row is locked). The in-memory SQLite test
database refuses concurrent writers, so this runs in the PostgreSQL pass."""

import threading

import pytest
from django.db import close_old_connections, connection

from samrad.accounts import services
from samrad.accounts.models import Membership, Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "connection.vendor == 'sqlite' and connection.is_in_memory_db()",
        reason="the in-memory SQLite test database refuses concurrent writers (table locked); "
        "this runs in the PostgreSQL pass of `make test`",
    ),
]


def test_two_people_accepting_one_link_at_once_make_one_member():
    owner = MembershipFactory(role=Role.OWNER)
    invitation = services.invitation_create(
        organisation=owner.organisation,
        email="en@example.org",
        role=Role.FACILITATOR,
        language="sv",
        actor=owner.user,
        site_url="http://x",
    )
    token = services.invitation_token(invitation)
    people = [UserFactory(), UserFactory()]
    barrier = threading.Barrier(2)
    results = []

    def accept(user):
        try:
            barrier.wait()
            services.invitation_accept(token=token, user=user)
            results.append("ok")
        except services.MembershipRefused:
            results.append("refused")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=accept, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results) == ["ok", "refused"]
    assert Membership.objects.filter(organisation=owner.organisation).count() == 2
