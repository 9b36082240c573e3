"""Django without the page middleware, for the participant API's hot path.

Every answer from a phone goes through `/api/v1/participate/…`. Those endpoints authenticate
with the signed participant token in a header and use no session, CSRF cookie, messages or
logged-in user, yet each of Django's page middlewares costs a hop between the event loop and
a worker thread (measured: about a third of the server's CPU per answer). This handler runs
the same URL resolver and views with none of them; it keeps what those endpoints need: the
participant's language (Accept-Language / language cookie, as LocaleMiddleware would), the
host check (ALLOWED_HOSTS) and SecurityMiddleware (HTTPS redirect in production, headers).

`routed` also guards bodies before any handler reads them: too large → 413 (nothing spooled to
disk), a participant API body that does not arrive in time → 408 before it takes a place.
"""

import asyncio
import json
import weakref

from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.exception import convert_exception_to_response
from django.middleware.security import SecurityMiddleware
from django.utils import translation
from django.utils.translation import gettext as _


class LeanASGIHandler(ASGIHandler):
    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        get_response = self._get_response_async if is_async else self._get_response  # type: ignore[attr-defined]

        security = SecurityMiddleware(get_response)

        async def chain(request):
            language = translation.get_language_from_request(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
            request.get_host()  # ALLOWED_HOSTS, as CommonMiddleware checks it for pages (400)
            # HTTPS redirect and headers (HSTS, nosniff, referrer, COOP), as for pages
            response = security.process_request(request) or await get_response(request)
            response = security.process_response(request, response)
            response.headers.setdefault("Content-Language", language)
            return response

        if not is_async:
            raise RuntimeError("LeanASGIHandler serves ASGI only")
        self._middleware_chain = convert_exception_to_response(chain)


def _header(scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value
    return None


async def _refuse(send, status: int, message: str) -> None:
    body = json.dumps({"detail": message, "code": "bad_request"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _too_large() -> str:
    return _("What you sent is too large. Please send less at a time.")


def _declared_too_large(scope, limit: int) -> bool:
    length = _header(scope, b"content-length")
    return length is not None and (not length.strip().isdigit() or int(length) > limit)


def limited(receive, send, limit: int):
    """`receive` that stops a body at `limit` bytes: past it the client gets 413 and the
    application sees a disconnect (Django then stops reading: nothing is spooled to disk)."""
    seen = 0

    async def wrapped():
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                with translation.override(settings.LANGUAGE_CODE):
                    await _refuse(send, 413, _too_large())
                return {"type": "http.disconnect"}
        return message

    return wrapped


async def _read_body(receive, limit: int, timeout: float):
    """The whole body, or an HTTP status to refuse it with (408 too slow, 413 too large),
    or None when the client went away."""
    chunks, size = [], 0
    try:
        async with asyncio.timeout(timeout):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return None
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    return 413
                chunks.append(chunk)
                if not message.get("more_body", False):
                    return b"".join(chunks)
    except TimeoutError:
        return 408


def _replay(body: bytes, receive):
    """`receive` that gives the body read beforehand, then waits for the disconnect."""
    sent = False

    async def replayed():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


def routed(default_app, lean_app, prefixes: tuple[str, ...], *, concurrency: int | None = None):
    """An ASGI app that sends HTTP requests under `prefixes` to `lean_app`, at most
    `concurrency` at a time (the rest wait in the event loop, in arrival order).

    A lean request's body is read first, within SAMRAD_BODY_TIMEOUT seconds, and only then
    takes a place: eight phones on a stalled upload cannot hold every place while the room
    waits (408 when the body is late). Every request, lean or not, is refused with 413 when it
    says (Content-Length) or turns out to be larger than its limit, before anything is
    spooled: the participant API's limit is DATA_UPLOAD_MAX_MEMORY_SIZE, pages' (uploads)
    SAMRAD_MAX_REQUEST_BYTES.
    """
    limit = concurrency or settings.SAMRAD_PARTICIPANT_API_CONCURRENCY
    gates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # one per event loop

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return await default_app(scope, receive, send)
        lean = scope["path"].startswith(prefixes)
        largest = (
            settings.DATA_UPLOAD_MAX_MEMORY_SIZE if lean else settings.SAMRAD_MAX_REQUEST_BYTES
        )
        if _declared_too_large(scope, largest):
            with translation.override(settings.LANGUAGE_CODE):
                return await _refuse(send, 413, _too_large())
        if not lean:
            return await default_app(scope, limited(receive, send, largest), send)
        body = await _read_body(receive, largest, settings.SAMRAD_BODY_TIMEOUT)
        if body is None:
            return None
        if isinstance(body, int):
            with translation.override(settings.LANGUAGE_CODE):
                message = (
                    _too_large()
                    if body == 413
                    else _("What you sent arrived too slowly. Please try again.")
                )
                return await _refuse(send, body, message)
        loop = asyncio.get_running_loop()
        gate = gates.get(loop)
        if gate is None:
            gate = gates[loop] = asyncio.Semaphore(limit)
        async with gate:
            return await lean_app(scope, _replay(body, receive), send)

    return app
