"""What the state of a workshop step allows (STYLE.md habit 3). Pure functions.

Each rule returns None when allowed, or a refusal code (`samrad.concerns.errors`).
"""

from __future__ import annotations

from datetime import date

from samrad.live.models import SessionStatus

DEFAULT_DOTS = 3
MAX_DOTS = 20
DEFAULT_IDEA_LENGTH = 200
DEFAULT_TOP = 3


def dots_of(step) -> int:
    """Dots per participant in a vote step (option `dots`, default 3, 1 … 20)."""
    try:
        dots = int(step.options.get("dots", DEFAULT_DOTS))
    except (TypeError, ValueError):
        return DEFAULT_DOTS
    return min(max(dots, 1), MAX_DOTS)


def several_per_idea(step) -> bool:
    """May a participant put more than one dot on the same idea (option `several`)?"""
    return bool(step.options.get("several", False))


def idea_length_of(step) -> int:
    try:
        return max(20, int(step.options.get("max_length", DEFAULT_IDEA_LENGTH)))
    except (TypeError, ValueError):
        return DEFAULT_IDEA_LENGTH


def is_closed(step) -> bool:
    return bool(step.options.get("closed", False))


def _live_refusal(workshop, step) -> str | None:
    if workshop.session.status != SessionStatus.OPEN:
        return "session_closed"
    if workshop.current_step_id != step.pk:
        return "not_current"
    return None


def group_choice_refusal(workshop) -> str | None:
    """A phone may choose or change its group while the workshop's session is open."""
    if workshop.session.status != SessionStatus.OPEN:
        return "session_closed"
    return None


def idea_refusal(workshop, step, member) -> str | None:
    """An idea is taken while its step is on screen and open, from a phone in a group."""
    refusal = _live_refusal(workshop, step)
    if refusal:
        return refusal
    if is_closed(step):
        return "ideas_closed"
    if member is None:
        return "no_group"
    return None


def vote_refusal(workshop, step) -> str | None:
    """Dots are given and taken back while the vote is on screen and not closed."""
    refusal = _live_refusal(workshop, step)
    if refusal:
        return refusal
    if is_closed(step):
        return "vote_closed"
    return None


def idea_votable(idea, workshop) -> bool:
    return idea.workshop_id == workshop.pk and idea.is_shown


def action_overdue(action, today: date) -> bool:
    """Past its due date and still open (proposed, agreed or in progress)."""
    from samrad.concerns.models import OPEN_STATUSES

    return action.due is not None and action.due < today and action.status in OPEN_STATUSES
