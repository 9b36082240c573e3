"""ASGI entry point: Django for HTTP, Channels for WebSockets (served by uvicorn)."""

import gc
import os

from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs Django set up first)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from channels.sessions import CookieMiddleware  # noqa: E402

from samrad.api.api import PARTICIPANT_PREFIX  # noqa: E402
from samrad.core.lean import LeanASGIHandler, routed  # noqa: E402
from samrad.live.joining import fast_joins  # noqa: E402
from samrad.live.routing import websocket_urlpatterns  # noqa: E402
from samrad.workshops.routing import websocket_urlpatterns as workshop_patterns  # noqa: E402

# Phones' sockets need their cookies, not the login: no session or user lookup (a thread hop
# per connect) for the 10,000 phones of a room (docs/architecture/rooms.md).
PHONE_SOCKETS = "/ws/live/"
phone_sockets = CookieMiddleware(URLRouter(websocket_urlpatterns))
other_sockets = AuthMiddlewareStack(URLRouter(websocket_urlpatterns + workshop_patterns))


async def websockets(scope, receive, send):
    if scope["path"].startswith(PHONE_SOCKETS):
        return await phone_sockets(scope, receive, send)
    return await other_sockets(scope, receive, send)


# Phones' answers skip the page middleware (samrad/core/lean.py; measured in docs/performance.md).
PARTICIPANT_API = (PARTICIPANT_PREFIX,)

application = ProtocolTypeRouter(
    {
        # A new phone's first visit of a join page joins in batches (samrad/live/joining.py).
        "http": routed(fast_joins(django_asgi_app), LeanASGIHandler(), PARTICIPANT_API),
        "websocket": AllowedHostsOriginValidator(websockets),
    }
)

# Load the lemmatizer's lexicons while the server waits for its first request (2–8 s, once).
from samrad.insights.textanalysis.wordcloud import warm_lexicons  # noqa: E402

warm_lexicons(getattr(settings, "SAMRAD_LEXICON_LANGUAGES", ("sv", "nb", "da", "en")))

# What start-up built lives as long as the process: keep the collector off it
# (samrad/core/memory.py).
gc.collect()
gc.freeze()
