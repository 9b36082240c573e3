"""Download links of the facilitator pages: a session's or a dialogue's export in one format.

Members of the organisation (viewers too) may download; anyone else gets 404.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from samrad.core import audit
from samrad.dialogues.selectors import dialogue_for_user_or_404
from samrad.live import exports, selectors


def export_response(export: exports.Export) -> HttpResponse:
    """The file as an attachment; the API returns exports through here too."""
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = content_disposition_header(True, export.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_download(user, target, fmt: str) -> HttpResponse:
    """Build the export, note the download in the audit log, and serve it (pages and API)."""
    organisation = getattr(target, "organisation", None) or target.dialogue.organisation
    audit.record(user, "live.export", target, organisation=organisation, summary=fmt)
    return export_response(exports.build(target, fmt))


def _download(request, target, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    return export_download(request.user, target, fmt)


@login_required
@require_safe
def session_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return _download(request, selectors.session_for_user_or_404(user=request.user, pk=pk), fmt)


@login_required
@require_safe
def dialogue_export(request: HttpRequest, dialogue_pk: int, fmt: str) -> HttpResponse:
    return _download(request, dialogue_for_user_or_404(user=request.user, pk=dialogue_pk), fmt)
