"""The page a new phone gets, rendered once per (session state, question version, language).

A room of 10,000 joins at once (issue 14, item 5): every new phone of a live session gets the
same page but for its CSRF token and the `client_id` of its answer form. Rendering the
templates was ~35 % of a join's CPU (bench/join_cost.py); here the page is rendered once with
two placeholders, kept per process, and each new phone gets a copy with its own token and id.

What the page depends on is in the key, read fresh from the database on every request (no
invalidation needed, several processes agree): the session (its `updated_at`, touched by every
state change and edit), its dialogue's `updated_at` (the lobby shows its title), the phone
state key (question on screen, accepting, results, countdown, the question's `updated_at`,
touched by edits and resets), the language and the full path. Pages that also depend on the
participant, on other answers or on the clock are never cached: self-paced sessions, kinds
with their own `phone_context` (Q&A, quiz, statements), results shown on phones, a countdown,
pending messages. docs/architecture/rooms.md.
"""

import secrets
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation

from samrad.live import events
from samrad.live.kinds import Kind, kind_of
from samrad.live.models import LiveSession, SessionMode

TEMPLATE = "live/participant.html"
LIMIT = 64  # pages kept per process (a few sessions × states × languages); cleared when full

# Placeholders: plain letters and digits (and a UUID), so escaping leaves them as they are.
_CSRF = "csrfplaceholder" + secrets.token_hex(16)
_CLIENT_ID = uuid.uuid4()

_pages: dict[tuple, str] = {}


def _key(request: HttpRequest, session: LiveSession) -> tuple | None:
    """Everything the page of a new phone depends on, or None if it depends on more."""
    if session.mode == SessionMode.SELF_PACED:
        return None
    question = session.current_question
    if question is not None:
        if type(kind_of(question)).phone_context is not Kind.phone_context:
            return None  # Q&A posts, quiz standing, statements to vote on
        if question.countdown_ends_at is not None:
            return None  # the seconds left
        if question.results_on_phones and question.results_visible:
            return None  # results change with every answer
    if len(get_messages(request)):  # looks without using them up
        return None
    return (
        session.pk,
        session.updated_at,
        session.dialogue.updated_at,
        events.phone_state_key(session),
        translation.get_language(),
        request.get_full_path(),
    )


def clear() -> None:
    _pages.clear()


def kept(request: HttpRequest, session: LiveSession) -> str | None:
    """The page kept for a new phone of `session`, if there is one (no database)."""
    key = _key(request, session)
    return None if key is None else _pages.get(key)


def render_new_phone(
    request: HttpRequest, session: LiveSession, context: Callable[[], dict[str, Any]]
) -> HttpResponse:
    """`render(request, TEMPLATE, context())` for a participant created in this request;
    `context` is called only when the page is not kept already."""
    key = _key(request, session)
    if key is None:
        return HttpResponse(render_to_string(TEMPLATE, context(), request))
    page = _pages.get(key)
    if page is None:
        placeholders = {"csrf_token": _CSRF, "client_id": _CLIENT_ID}
        page = render_to_string(TEMPLATE, {**context(), **placeholders}, request)
        if len(_pages) >= LIMIT:
            _pages.clear()
        _pages[key] = page
    return personalised(request, page)


def personalised(request: HttpRequest, page: str) -> HttpResponse:
    """A kept page with this phone's own CSRF token and answer `client_id`."""
    # get_token also asks the CSRF middleware to set the cookie, as {% csrf_token %} does.
    page = page.replace(_CSRF, get_token(request)).replace(str(_CLIENT_ID), str(uuid.uuid4()))
    return HttpResponse(page)
