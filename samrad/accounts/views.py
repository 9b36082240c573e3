"""Pages of the accounts app: the audit log of facilitators' actions (owners only)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from samrad.accounts.forms import AuditFilterForm
from samrad.accounts.models import Organisation
from samrad.accounts.rules import can_read_audit
from samrad.accounts.selectors import (
    audit_actions,
    audit_entries,
    organisations_for_user,
    organisations_owned,
)
from samrad.core.ids import id_or_404

AUDIT_PAGE_SIZE = 50


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """One organisation's entries (`?organisation=` when the user owns several), filtered by
    action, person and dates, 50 a page. Facilitators and viewers: 403; others' ids: 404."""
    owned = organisations_owned(user=request.user)
    organisation: Organisation | None
    if "organisation" in request.GET:
        organisation = get_object_or_404(
            organisations_for_user(user=request.user), pk=id_or_404(request.GET.get("organisation"))
        )
    else:
        organisation = owned.first()
    if organisation is None or not can_read_audit(request.user, organisation):
        raise PermissionDenied
    form = AuditFilterForm(request.GET, actions=audit_actions(organisation=organisation))
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(
        organisation=organisation,
        action=filters.get("action") or "",
        actor=filters.get("actor") or "",
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = Paginator(entries.select_related("actor"), AUDIT_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit.html",
        {
            "organisation": organisation,
            "organisations": owned if owned.count() > 1 else None,
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )
