"""Error pages that say what went wrong, in the visitor's language.

Django answers a request body over DATA_UPLOAD_MAX_MEMORY_SIZE (or with too many fields) by
raising RequestDataTooBig / TooManyFieldsSent, which end in `handler400`: here they become
413 with a clear message (JSON for the API, a page otherwise). Other bad requests stay 400.
An API address that names no operation is JSON too (`not_found`), as the API's own 404s.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found


def _message(exception: Exception | None) -> tuple[int, str]:
    if isinstance(exception, RequestDataTooBig):
        return 413, _("What you sent is too large. Please send less at a time.")
    if isinstance(exception, TooManyFieldsSent):
        return 413, _("The form has too many fields. Please send less at a time.")
    return 400, _("The request could not be understood. Please reload the page and try again.")


def error_page(message: str, *, status: int) -> HttpResponse:
    """A page with one message (the visitor's language is already active)."""
    html = render_to_string("error.html", {"message": message, "status": status}, request=None)
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    status, message = _message(exception)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "bad_request"}, status=status)
    return error_page(message, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": "Not Found"}, status=404, content_type="application/json; charset=utf-8"
        )
    return page_not_found(request, exception)
