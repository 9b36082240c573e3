"""The NinjaAPI instance and the error shape every endpoint shares: {"detail": "..."}."""

from ninja import NinjaAPI
from ninja.errors import ValidationError

from samrad.live.apis import router as participate_router
from samrad.live.errors import Refused

api = NinjaAPI(
    title="Samråd API",
    version="1",
    description="Citizen dialogue: participant endpoints (join, current question, respond).",
    urls_namespace="api-v1",
)


@api.exception_handler(Refused)
def refused(request, exc: Refused):
    return api.create_response(request, {"detail": exc.message, "code": exc.code}, status=exc.status)


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    return api.create_response(
        request, {"detail": "The request body is not valid.", "errors": exc.errors}, status=422
    )


api.add_router("/participate/", participate_router)
