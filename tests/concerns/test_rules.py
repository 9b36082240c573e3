"""The rules of a concerns workshop, on their own."""

from datetime import date
from types import SimpleNamespace

import pytest

from samrad.concerns import rules
from samrad.concerns.models import Action, ActionStatus
from samrad.live.models import SessionStatus


def step(**options):
    return SimpleNamespace(pk=7, options=options)


def workshop(current=7, status=SessionStatus.OPEN):
    return SimpleNamespace(current_step_id=current, session=SimpleNamespace(status=status))


def test_dots_default_three_and_bounded():
    assert rules.dots_of(step()) == 3
    assert rules.dots_of(step(dots=5)) == 5
    assert rules.dots_of(step(dots=0)) == 1
    assert rules.dots_of(step(dots=999)) == rules.MAX_DOTS
    assert rules.dots_of(step(dots="many")) == 3


def test_several_per_idea_only_when_allowed():
    assert rules.several_per_idea(step()) is False
    assert rules.several_per_idea(step(several=True)) is True


def test_vote_refusals_in_order():
    assert rules.vote_refusal(workshop(), step()) is None
    assert rules.vote_refusal(workshop(status=SessionStatus.CLOSED), step()) == "session_closed"
    assert rules.vote_refusal(workshop(current=8), step()) == "not_current"
    assert rules.vote_refusal(workshop(), step(closed=True)) == "vote_closed"


def test_idea_needs_a_group_and_an_open_round():
    member = object()
    assert rules.idea_refusal(workshop(), step(), member) is None
    assert rules.idea_refusal(workshop(), step(), None) == "no_group"
    assert rules.idea_refusal(workshop(), step(closed=True), member) == "ideas_closed"
    assert rules.idea_refusal(workshop(current=1), step(), member) == "not_current"


@pytest.mark.parametrize(
    ("due", "status", "overdue"),
    [
        (date(2026, 1, 1), ActionStatus.PROPOSED, True),
        (date(2026, 1, 1), ActionStatus.IN_PROGRESS, True),
        (date(2026, 1, 1), ActionStatus.DONE, False),
        (date(2026, 1, 1), ActionStatus.DROPPED, False),
        (date(2026, 3, 1), ActionStatus.AGREED, False),
        (date(2026, 2, 1), ActionStatus.AGREED, False),  # due today is not late yet
        (None, ActionStatus.PROPOSED, False),
    ],
)
def test_overdue_is_past_due_and_still_open(due, status, overdue):
    action = Action(what="x", due=due, status=status)
    assert rules.action_overdue(action, date(2026, 2, 1)) is overdue
