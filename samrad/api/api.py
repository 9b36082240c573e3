"""The NinjaAPI instance, the error shape every endpoint shares ({"detail", "code"}) and the
routers the apps register (samrad.core.plugins.API_ROUTERS)."""

from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.parser import Parser

from samrad.core import plugins
from samrad.core.refusals import Refusal


class ObjectParser(Parser):
    """Every JSON body of this API is an object: anything else ("AAA", a list, a number) is
    refused (400) before a schema sees it. Django Ninja would otherwise read a schema's fields
    from a string's attributes ("AAA".title) and create a dialogue titled "Aaa"."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        return data


api = NinjaAPI(
    parser=ObjectParser(),
    title="Samråd API",
    version="1",
    description=(
        "Citizen dialogue. Participant endpoints (join, current question, respond) with the "
        "X-Participant-Token header; facilitator endpoints (dialogues, sessions, questions, "
        "control, results, exports) with a personal token: `Authorization: Bearer …` "
        "(`samrad apitoken create USERNAME`). See docs/api.md."
    ),
    urls_namespace="api-v1",
)


@api.exception_handler(Refusal)
def refused(request, exc: Refusal):
    # A participant hears the refusal in the language they chose when joining; anyone else in
    # the language of their request (LocaleMiddleware).
    language = getattr(getattr(request, "auth", None), "language", "") or translation.get_language()
    with translation.override(language):
        detail = exc.message
    return api.create_response(request, {"detail": detail, "code": exc.code}, status=exc.status)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc: AuthenticationError):
    # A forged, expired or garbage token, or none: the same clean 401 in the request's language.
    detail = _("The token is missing, not valid or has expired. Join the session again.")
    if request.headers.get("Authorization"):
        detail = _("The API token is missing, not valid or has been revoked.")
    return api.create_response(request, {"detail": detail, "code": "unauthenticated"}, status=401)


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    return api.create_response(
        request, {"detail": "The request body is not valid.", "errors": exc.errors}, status=422
    )


# Where the API and its participant part live: defined here once (config/urls.py mounts the
# API at ROOT; config/asgi.py serves PARTICIPANT_PREFIX without the page middleware).
ROOT = "api/v1/"
PARTICIPANT_PREFIX = f"/{ROOT}participate/"
# The routers live in the apps, which register them from their AppConfig.ready
# (samrad.core.plugins.API_ROUTERS): this module is imported once the apps are ready.
if not plugins.API_ROUTERS.apps():
    raise ImproperlyConfigured("samrad.api.api was imported before the apps were ready")
for contribution in plugins.API_ROUTERS.contributions():
    api.add_router(contribution.key, contribution.value)
