"""Writes for organisations and memberships."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from samrad.accounts.models import Membership, Organisation, Role


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
):
    user = get_user_model().objects.create_user(username=username, password=password, email=email)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user
