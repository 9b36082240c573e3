"""Reads about workshops, always scoped to the user's organisations."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from samrad.workshops.models import TargetFramework, Workshop, WorkshopStep


def workshops_for_user(*, user) -> QuerySet[Workshop]:
    if not user.is_authenticated:
        return Workshop.objects.none()
    return Workshop.objects.filter(dialogue__organisation__memberships__user=user).select_related(
        "dialogue", "dialogue__organisation", "session", "current_step", "framework"
    )


def workshop_for_user_or_404(*, user, pk: int) -> Workshop:
    """Another organisation's workshop answers 404, like one that does not exist."""
    return get_object_or_404(workshops_for_user(user=user), pk=pk)


def workshop_by_code(code: str) -> Workshop | None:
    """The workshop whose live session has this join code (for phones)."""
    return (
        Workshop.objects.select_related("session", "current_step", "dialogue", "framework")
        .filter(session__code=code)
        .first()
    )


def steps_of(workshop: Workshop) -> list[WorkshopStep]:
    return list(workshop.steps.order_by("position", "id"))


def step_for_user_or_404(*, user, pk: int) -> WorkshopStep:
    return get_object_or_404(
        WorkshopStep.objects.select_related("workshop", "workshop__dialogue"),
        pk=pk,
        workshop__dialogue__organisation__memberships__user=user,
    )


def frameworks_for_organisation(organisation) -> QuerySet[TargetFramework]:
    return organisation.target_frameworks.prefetch_related("images__areas")
