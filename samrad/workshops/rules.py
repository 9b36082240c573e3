"""What a user or a phone may do in a workshop."""

from samrad.accounts.rules import can_facilitate, can_view


def can_view_workshop(user, workshop) -> bool:
    return can_view(user, workshop.dialogue)


def can_run_workshop(user, workshop) -> bool:
    """Move steps, edit, import, undo, write notes: owners and facilitators, not viewers."""
    return can_facilitate(user, workshop.dialogue)


def participant_may_act(workshop, participant) -> bool:
    """A phone acts only in its own workshop's session, while that session is open."""
    return (
        participant is not None
        and participant.session_id == workshop.session_id
        and workshop.session.is_open
    )
