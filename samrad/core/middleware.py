"""WhiteNoise that runs in Django's async request path.

WhiteNoise's middleware is synchronous only. Under ASGI, one synchronous middleware makes
Django hop from the event loop into a thread and back again for every request, whatever the
view; measured with bench/request_cost.py this async-capable subclass saves that hop.
Static files are served as WhiteNoise serves them.
"""

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from whitenoise.middleware import WhiteNoiseMiddleware


class AsyncWhiteNoiseMiddleware(WhiteNoiseMiddleware):
    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        super().__init__(get_response)
        self._async = iscoroutinefunction(get_response)
        if self._async:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self._async:
            return self._acall(request)
        return super().__call__(request)

    async def _acall(self, request):
        if self.autorefresh:
            static_file = await sync_to_async(self.find_file)(request.path_info)
        else:
            static_file = self.files.get(request.path_info)
        if static_file is not None:
            return await sync_to_async(self.serve)(static_file, request)
        return await self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Send `settings.SAMRAD_CSP` with every response that does not set its own.

    Only our origin may supply scripts, styles, images, fonts and connections (WebSockets
    included: 'self' covers ws:/wss: of the same host); no inline script runs, so HTML that
    slipped through escaping still could not execute. Style attributes are allowed: result
    bars carry their width in one. See docs/architecture/security.md.
    """

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.policy = settings.SAMRAD_CSP
        self._async = iscoroutinefunction(get_response)
        if self._async:
            markcoroutinefunction(self)

    def _add(self, response):
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response

    def __call__(self, request):
        if self._async:
            return self._acall(request)
        return self._add(self.get_response(request))

    async def _acall(self, request):
        return self._add(await self.get_response(request))
