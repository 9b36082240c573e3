"""A room joining at once: a new phone's `GET /j/<code>/` without a thread or a transaction
of its own (issue 14, item 5; docs/architecture/rooms.md).

Ten thousand phones scanning the projector's QR code each load the join page once. Through
Django's page stack that request cost ~8 ms of server CPU (py-spy, docs/performance.md): a
thread per request, a hop into it for every page middleware, a transaction per join on
SQLite's single write lock, the session read again by every phone. Here, in the event loop:

1. only a plain first visit comes this way: `GET /j/<six digits>/` without a query, without a
   participant cookie and without pending messages; everything else goes to Django as before;
2. the host, the language and the HTTPS redirect are checked as the page middleware checks
   them (a request they would refuse or redirect goes to Django, which does so);
3. the phone is joined by the join writer (`writer.JoinWriter`): the phones that arrived within
   a few milliseconds join in one transaction, the session read once per batch, with the same
   limits as `session_for_join` and `participant_join` (`services.participants_join_batch`).
   An ask that anything but a plain join would answer (a wrong or closed code, a workshop, a
   limit reached) gets None and nothing counted, and Django's view answers it;
4. the page is the one kept for the session's state (`phone_page`), copied with the phone's
   own CSRF token and `client_id`; only when none is kept is it rendered, in a thread;
5. the cookies and headers are set as the view and the page middleware set them (the same
   helpers and middleware instances; `tests/live/test_joining.py` compares both answers).
"""

import io
import re
from typing import Any

from channels.db import database_sync_to_async
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.asgi import ASGIRequest, get_script_prefix
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.middleware.locale import LocaleMiddleware
from django.middleware.security import SecurityMiddleware
from django.urls import set_script_prefix
from django.utils import translation

from samrad.core.lean import LeanASGIHandler
from samrad.core.middleware import ContentSecurityPolicyMiddleware
from samrad.live import phone_page, services, writer
from samrad.live.devices import device_of, joined_cookies_set
from samrad.live.models import Participant
from samrad.live.tokens import cookie_name

PATH = re.compile(r"/j/(\d{6})/")
_PARTICIPANT_COOKIE = cookie_name(0).rstrip("0").encode()  # b"samrad_p"


def _never(request: HttpRequest) -> HttpResponse:
    """The middleware below are used for their process_* methods only."""
    raise AssertionError("not called")


class _Page:
    """The page middleware a join page passes through, as Django orders them."""

    def __init__(self) -> None:
        self.security = SecurityMiddleware(_never)
        self.policy = ContentSecurityPolicyMiddleware(_never)
        self.locale = LocaleMiddleware(_never)
        self.common = CommonMiddleware(_never)
        self.csrf = CsrfViewMiddleware(_never)
        self.frames = XFrameOptionsMiddleware(_never)
        self.sender = LeanASGIHandler()  # its send_response, as Django's handler sends

    def finish(self, request: HttpRequest, response: Any) -> HttpResponseBase:
        """What the page middleware adds on the way out (MIDDLEWARE in reverse; the session,
        auth, messages and axes middleware add nothing to a page that did not use them)."""
        response = self.frames.process_response(request, response)
        response = self.csrf.process_response(request, response)
        response = self.common.process_response(request, response)
        response = self.locale.process_response(request, response)
        response = self.policy._add(response)
        return self.security.process_response(request, response)


_page: _Page | None = None


def _first_visit(scope: dict[str, Any]) -> str | None:
    """The join code if this request is a plain first visit of a join page, else None."""
    if scope["type"] != "http" or scope["method"] != "GET" or scope.get("query_string"):
        return None
    found = PATH.fullmatch(scope["path"])
    if found is None:
        return None
    for name, value in scope.get("headers", ()):
        if name == b"cookie" and (_PARTICIPANT_COOKIE in value or b"messages=" in value):
            return None  # joined already (of this session or another), or a message to show
    return found.group(1)


async def _join(scope: dict[str, Any], code: str) -> HttpResponseBase | None:
    """The response for a new phone joining `code`, or None if Django's view should answer."""
    global _page
    page = _page = _page or _Page()
    set_script_prefix(get_script_prefix(scope))
    request = ASGIRequest(scope, io.BytesIO())
    try:
        request.get_host()  # ALLOWED_HOSTS (Django answers 400)
    except DisallowedHost:
        return None
    if page.security.process_request(request) is not None:
        return None  # to HTTPS first (Django redirects)
    language = translation.get_language_from_request(request)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    device = device_of(request)
    ask = services.JoinAsk(
        code=code,
        address=device.address,
        device_id=device.id,
        device_new=device.new,
        language=language,
    )
    try:
        participant = await writer.writer_of(writer.JoinWriter).submit(ask)
    except Exception:  # busy, or the batch failed: nothing was joined; the view tries
        return None
    if participant is None:
        return None
    session = participant.session
    kept = phone_page.kept(request, session)
    if kept is not None:
        response = phone_page.personalised(request, kept)
    else:
        response = await database_sync_to_async(_render)(request, participant)
    joined_cookies_set(response, participant, device)
    return page.finish(request, response)


def _render(request: HttpRequest, participant: Participant) -> HttpResponse:
    from samrad.live.views import question_context

    session = participant.session
    return phone_page.render_new_phone(
        request, session, lambda: question_context(request, session, participant, new=True)
    )


def fast_joins(django_app: Any) -> Any:
    """`django_app` with a new phone's first visit of a join page answered here."""

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        code = _first_visit(scope) if settings.SAMRAD_FAST_JOINS else None
        if code is not None:
            response = await _join(scope, code)
            if response is not None:
                await _page.sender.send_response(response, send)  # type: ignore[union-attr]
                return None
        return await django_app(scope, receive, send)

    return app
