"""Realtime events of workshops: group names and payloads, built in one place.

Every screen of a workshop (the facilitator's, the projector, laptops, phones) joins
`workshop_group`. Two events:

- `{"type": "step", "step_id": …}` when the facilitator moves to another step: screens
  fetch the new step's fragment;
- `{"type": "content", "step_id": …}` when what a step shows has changed (a project placed,
  an idea sent, a vote): screens refresh the parts of the step marked `data-live-url`
  (or the whole step fragment).

Other apps call `step_changed(workshop)` from their services after a write; like every
event it leaves only after the transaction commits.
"""

from typing import Any

from samrad.core.realtime import broadcast_on_commit


def workshop_group(workshop_id: int) -> str:
    return f"workshop.{workshop_id}"


def step_event(workshop) -> dict[str, Any]:
    return {"type": "step", "step_id": workshop.current_step_id}


def content_event(workshop, step=None) -> dict[str, Any]:
    step_id = step.pk if step is not None else workshop.current_step_id
    return {"type": "content", "step_id": step_id}


def step_moved(workshop) -> None:
    """The workshop is on another step (called by `services.workshop_go_to`)."""
    broadcast_on_commit(workshop_group(workshop.pk), step_event(workshop))


def step_changed(workshop, step=None) -> None:
    """What a step shows has changed: every screen refreshes it, after commit."""
    broadcast_on_commit(workshop_group(workshop.pk), content_event(workshop, step))


EVENT_TYPES = frozenset({"step", "content"})
