"""Reads about organisations and memberships."""

from django.db.models import QuerySet

from samrad.accounts.models import Organisation


def organisations_for_user(*, user) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def current_organisation(*, user) -> Organisation | None:
    """The organisation a facilitator works in: their first (most facilitators have one)."""
    return organisations_for_user(user=user).first()
