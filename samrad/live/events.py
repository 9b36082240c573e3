"""Realtime event payloads and group names: the one place they are built.

Phones join `session_group`, presenters and control screens join `presenter_group`. The same
payloads are returned by the participant API so that every client sees one shape.
"""

from typing import Any

from django.conf import settings
from django.utils.translation import ngettext

from samrad.live.models import LiveSession, Question, SessionMode, SessionStatus


def session_group(session_id: int) -> str:
    return f"live.{session_id}"


def presenter_group(session_id: int) -> str:
    return f"present.{session_id}"


def question_payload(question: Question | None) -> dict[str, Any] | None:
    if question is None:
        return None
    return {
        "id": question.pk,
        "kind": question.kind,
        "prompt": question.prompt,
        "position": question.position,
        "accepting": question.answering_open,
        "results_visible": question.results_visible,
        "results_after_close": question.results_after_close,
        "results_on_phones": question.results_on_phones,
        # Seconds left when the event was built (clients count down from it, so that a
        # phone's clock does not matter) and the countdown's identity.
        "countdown_remaining": question.countdown_remaining,
        "countdown": countdown_id(question),
        "allow_multiple": question.allow_multiple,
        "allow_other": question.allow_other,
        "max_entries": question.max_entries,
        "max_words": question.max_words,
        "max_length": settings.SAMRAD_MAX_TEXT_LENGTH,
        "scale_min": question.scale_min,
        "scale_max": question.scale_max,
        "label_low": question.label_low,
        "label_high": question.label_high,
        "number_min": question.number_min,
        "number_max": question.number_max,
        "points_budget": question.points_budget,
        "choices": [{"id": c.pk, "label": c.label} for c in question.choices.all()],
    }


def countdown_id(question: Question) -> int | None:
    """Names a countdown (its end, in whole seconds): phones refetch when it changes."""
    ends = question.countdown_ends_at
    return int(ends.timestamp()) if ends else None


def reaction_event(emoji: str) -> dict[str, Any]:
    """An emoji to float up the projector (forwarded as is, without rendering the stage)."""
    return {"type": "reaction", "emoji": emoji}


def presenter_link_event() -> dict[str, Any]:
    """The presenter link changed: screens opened through a link check that theirs holds."""
    return {"type": "presenter_link"}


def session_payload(session: LiveSession) -> dict[str, Any]:
    return {
        "id": session.pk,
        "title": session.title,
        "code": session.code,
        "status": session.status,
        "mode": session.mode,
        "language": session.dialogue.language,
    }


def phone_state_key(session: LiveSession) -> str:
    """What a phone's screen depends on, as one string: a phone whose key differs refetches
    its question. A draft session shows the lobby ("draft"), an ended one its goodbye
    ("closed"); a self-paced session's phones move on their own ("self", see `touched`).
    Live: the question on screen, whether it takes answers, whether its results are shown
    (and on phones), when its countdown ends, and when it last changed (a reset or an edit
    touches it), question id first."""
    if session.status != SessionStatus.OPEN:
        return session.status
    if session.mode == SessionMode.SELF_PACED:
        return "self"
    question = session.current_question
    if question is None:
        return "none"
    countdown = question.countdown_ends_at.timestamp() if question.countdown_ends_at else ""
    return (
        f"{question.pk}:{int(question.accepting)}:{int(question.results_visible)}"
        f":{int(question.results_on_phones)}:{countdown}"
        f":{question.updated_at.timestamp():.6f}"
    )


def state_event(session: LiveSession, *, touched: Question | None = None) -> dict[str, Any]:
    """What phones need to show the right screen: the session and its current question (none
    before the session opens), the key they compare (`phone_state_key`) and, when one question
    changed (reset, edited), its id, so that self-paced phones showing it refetch it."""
    shown = session.status != SessionStatus.DRAFT
    return {
        "type": "state",
        "session": session_payload(session),
        "question": question_payload(session.current_question if shown else None),
        "key": phone_state_key(session),
        "touched": touched.pk if touched is not None else None,
    }


def results_changed_event(
    question: Question,
    *,
    tally: str | None = None,
    rows: list[Any] | None = None,
    generation: str | None = None,
) -> dict[str, Any]:
    """The question's results changed. From an answer writer whose process keeps running
    tallies (samrad/live/tallies.py): `tally`, that process's mark (its tally holds the
    change already), `rows`, the batch's answers (`tallies.rows_of`, for other processes'
    tallies) and `generation`, the question's version the batch read."""
    event: dict[str, Any] = {"type": "results", "question_id": question.pk}
    if tally:
        event["tally"] = tally
        event["rows"] = rows or []
        event["generation"] = generation
    return event


def presence_event(session: LiveSession) -> dict[str, Any]:
    return presence_event_for(session.pk)


def presence_event_for(session_id: int) -> dict[str, Any]:
    return {"type": "presence", "session_id": session_id}


def stage_event(session: LiveSession, context: dict[str, Any], html: str) -> dict[str, Any]:
    """The projector's current stage: its HTML and the numbers it shows."""
    return {
        "type": "stage",
        "html": html,
        "question_id": session.current_question_id,
        "counts": context["counts"],
        "results": context["results"],
    }


def counts_event(question: Question, results: dict[str, Any]) -> dict[str, Any]:
    """The projector's bars of `question`, from the running tally, without the stage's HTML
    (presenter.js writes them into the stage it has); in the active language."""
    n = results["respondents"]
    return {
        "type": "counts",
        "question_id": question.pk,
        "results": results,
        "responses_label": ngettext("%(n)s answer", "%(n)s answers", n) % {"n": n},
    }


def qa_event(question: Question) -> dict[str, Any]:
    """Phones showing this Q&A refetch its list (a post was shown, answered, pinned, voted)."""
    return {"type": "qa", "question_id": question.pk}


def answer_ack_event(client_id: object, response_id: int, question_id: int) -> dict[str, Any]:
    """To the phone that sent an answer over its WebSocket: stored (committed)."""
    return {
        "type": "ack",
        "client_id": str(client_id) if client_id else None,
        "id": response_id,
        "question_id": question_id,
    }


def answer_refused_event(client_id: object, code: str, message: str) -> dict[str, Any]:
    """To the phone that sent an answer over its WebSocket: not stored, and why."""
    return {
        "type": "refused",
        "client_id": str(client_id) if client_id else None,
        "code": code,
        "message": message,
    }


# What the phone consumer forwards; everything else on the session group is for the server.
PHONE_EVENT_TYPES = frozenset({"state", "qa"})
