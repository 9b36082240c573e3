"""Reads about dialogues, always scoped to what the user's organisations own."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samrad.dialogues.models import Dialogue, Meeting


def dialogues_for_user(*, user) -> QuerySet[Dialogue]:
    if not user.is_authenticated:
        return Dialogue.objects.none()
    return Dialogue.objects.filter(organisation__memberships__user=user).select_related(
        "organisation"
    )


def dialogue_for_user_or_404(*, user, pk: int) -> Dialogue:
    """Another organisation's dialogue answers 404, the same as one that does not exist."""
    return get_object_or_404(dialogues_for_user(user=user), pk=pk)


def dialogue_by_reference(reference: str) -> Dialogue | None:
    """For the command line (an operator, no user scope): a dialogue by its id or by the slug
    of its public page (`/d/<slug>/`)."""
    reference = reference.strip()
    dialogues = Dialogue.objects.select_related("organisation")
    if reference.isascii() and reference.isdigit():
        found = dialogues.filter(pk=int(reference)).first()
        if found is not None:
            return found
    return dialogues.filter(public_page__slug=reference).first()


def dialogue_key_numbers(*, dialogue: Dialogue) -> dict[str, int]:
    """The hub's header numbers, in three cheap counts.

    Participants are counted across all of the dialogue's sessions (workshops included); a
    meeting counts as held once its date has come, as on the public feedback page.
    """
    sessions = dialogue.sessions.aggregate(
        sessions=Count("id", distinct=True), participants=Count("participants", distinct=True)
    )
    meetings = dialogue.meetings.aggregate(
        meetings=Count("id"), meetings_held=Count("id", filter=Q(starts_at__lte=timezone.now()))
    )
    return {**sessions, **meetings}


def meetings_with_session_counts(*, dialogue: Dialogue) -> QuerySet[Meeting]:
    return dialogue.meetings.annotate(session_count=Count("sessions"))
