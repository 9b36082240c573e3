"""Django without the page middleware, for the participant API's hot path.

Every answer from a phone goes through `/api/v1/participate/…`. Those endpoints authenticate
with the signed participant token in a header and use no session, CSRF cookie, messages or
logged-in user, yet each of Django's page middlewares costs a hop between the event loop and
a worker thread (measured: about a third of the server's CPU per answer). This handler runs
the same URL resolver and views with none of them; it keeps what those endpoints need: the
participant's language (Accept-Language / language cookie, as LocaleMiddleware would) and the
security headers SecurityMiddleware would add.
"""

import asyncio
import weakref

from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.exception import convert_exception_to_response
from django.utils import translation


class LeanASGIHandler(ASGIHandler):
    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        get_response = self._get_response_async if is_async else self._get_response

        async def chain(request):
            language = translation.get_language_from_request(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
            response = await get_response(request)
            if settings.SECURE_CONTENT_TYPE_NOSNIFF:
                response.headers.setdefault("X-Content-Type-Options", "nosniff")
            if settings.SECURE_REFERRER_POLICY:
                response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
            response.headers.setdefault("Content-Language", language)
            return response

        if not is_async:
            raise RuntimeError("LeanASGIHandler serves ASGI only")
        self._middleware_chain = convert_exception_to_response(chain)


def routed(default_app, lean_app, prefixes: tuple[str, ...], *, concurrency: int | None = None):
    """An ASGI app that sends HTTP requests under `prefixes` to `lean_app`, at most
    `concurrency` at a time (the rest wait in the event loop, in arrival order)."""
    limit = concurrency or settings.SAMRAD_PARTICIPANT_API_CONCURRENCY
    gates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # one per event loop

    async def app(scope, receive, send):
        if scope["type"] == "http" and scope["path"].startswith(prefixes):
            loop = asyncio.get_running_loop()
            gate = gates.get(loop)
            if gate is None:
                gate = gates[loop] = asyncio.Semaphore(limit)
            async with gate:
                return await lean_app(scope, receive, send)
        return await default_app(scope, receive, send)

    return app
