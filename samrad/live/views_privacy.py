"""The phone's "My data" page: what is stored about this phone in this session, as a page
and as a JSON download, and erasure (see live/privacy.py for what goes and why).

It works whether the session is open or has ended, and never joins anyone: without this
session's participant cookie it says that nothing is stored about this phone.
"""

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samrad.core import personal_data
from samrad.core.ratelimit import client_address
from samrad.live import privacy, services
from samrad.live.errors import refused_as_page
from samrad.live.models import LiveSession
from samrad.live.tokens import cookie_name, participant_from_token


def _session_and_participant(request: HttpRequest, code: str):
    session = services.session_by_code_counted(code=code, address=client_address(request))
    if session is None:
        raise Http404
    token = request.COOKIES.get(cookie_name(session.pk))
    return session, participant_from_token(token, session_id=session.pk)


def _page(request, session: LiveSession, participant, *, message=None, error=None, status=200):
    held = personal_data.held_by(request)
    data = privacy.participant_export(participant, held=held) if participant else None
    context = {
        "session": session,
        "data": data,
        # Kept apart from the answers; found through the keys in this phone's cookies.
        "subscriptions": data and data.get("feedback.subscriptions"),
        "stories": data and data.get("signification.stories"),
        "joined_at": participant and participant.joined_at,
        "message": message,
        "error": error,
    }
    return render(request, "live/my_data.html", context, status=status)


@require_http_methods(["GET", "POST"])
@refused_as_page
def my_data(request: HttpRequest, code: str) -> HttpResponse:
    session, participant = _session_and_participant(request, code)
    if request.method == "POST":
        if participant is None:
            return _page(request, session, None)
        if request.POST.get("confirm") != "yes":
            error = _("Please tick the box to confirm that your answers are to be deleted.")
            return _page(request, session, participant, error=error, status=422)
        privacy.participant_erase(participant=participant, held=personal_data.held_by(request))
        response = _page(
            request, session, None, message=_("Your answers were deleted from this session.")
        )
        response.delete_cookie(cookie_name(session.pk), samesite="Lax")
        return response
    return _page(request, session, participant)


@require_safe
@refused_as_page
def my_data_download(request: HttpRequest, code: str) -> HttpResponse:
    session, participant = _session_and_participant(request, code)
    if participant is None:
        raise Http404
    data = privacy.participant_export(participant, held=personal_data.held_by(request))
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"samrad-{session.code}-my-data.json"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response
