"""Roles and logins."""

import pytest
from django.core import mail
from django.urls import reverse

from samrad.accounts import rules
from samrad.accounts.models import Role
from samrad.accounts.services import facilitator_create, organisation_create

pytestmark = pytest.mark.django_db


def test_roles_decide_what_a_member_may_do():
    organisation = organisation_create(name="Skellefteå kommun")
    other = organisation_create(name="Umeå kommun")
    owner = facilitator_create(
        organisation=organisation, username="o", password="x", role=Role.OWNER
    )
    viewer = facilitator_create(
        organisation=organisation, username="v", password="x", role=Role.VIEWER
    )
    assert organisation.slug == "skelleftea-kommun"
    assert rules.can_facilitate(owner, organisation) and rules.can_manage_members(
        owner, organisation
    )
    assert rules.can_view(viewer, organisation) and not rules.can_facilitate(viewer, organisation)
    assert not rules.can_view(owner, other)


def test_login_and_password_reset_by_email(client):
    organisation = organisation_create(name="Demo")
    facilitator_create(
        organisation=organisation, username="anna", password="hemligt-123", email="anna@example.org"
    )
    response = client.post(reverse("accounts:login"), {"username": "anna", "password": "fel"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    response = client.post(
        reverse("accounts:login"), {"username": "anna", "password": "hemligt-123"}
    )
    assert response["Location"] == reverse("dialogues:list")
    client.post(reverse("accounts:password_reset"), {"email": "anna@example.org"})
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body
