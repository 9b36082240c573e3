"""Reads about dialogues, always scoped to what the user's organisations own."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samrad.accounts.rules import can_facilitate
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


def dialogue_editable_or_404(*, user, pk: int, change: bool = False) -> tuple[Dialogue, bool]:
    """The dialogue I may see, and whether I may edit it: the one helper of every page that
    reads a dialogue for members and changes it for owners and facilitators.

    Another organisation's dialogue answers 404 (`dialogue_for_user_or_404`); with `change`
    (a POST, a form that saves) a member who may only read it gets 403. Who may edit is
    `accounts.rules.can_facilitate` on the dialogue (a role per dialogue counts).
    """
    dialogue = dialogue_for_user_or_404(user=user, pk=pk)
    editable = can_facilitate(user, dialogue)
    if change and not editable:
        raise PermissionDenied
    return dialogue, editable


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
