"""Moderation of word-cloud and open-input entries (hide, show, approve, pre-moderation),
inside the control page, and the organisation's word filter page.

Both need a facilitator of the session's (or the organisation's) organisation; viewers may
read the word filter. Another organisation's session or organisation: 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samrad.accounts.rules import can_facilitate
from samrad.accounts.selectors import organisations_for_user
from samrad.live import selectors, services, wordfilter
from samrad.live.models import Question, Response
from samrad.live.views import _is_htmx, _session_for_facilitator


def _entry_question(request, pk: int, question_pk: int) -> Question:
    session = _session_for_facilitator(request, pk)
    return get_object_or_404(
        Question.objects.select_related("session", "session__dialogue"),
        pk=question_pk,
        session=session,
        kind__in=services.ENTRY_KINDS,
    )


def _panel(request, question: Question, done: str = "") -> HttpResponse:
    if not _is_htmx(request):
        return redirect("live:session_control", pk=question.session_id)
    context = {
        "session": question.session,
        "question": question,
        "entries": selectors.entries_moderation(question),
        "done": done,
    }
    return render(request, "live/_entry_moderation.html", context)


@login_required
def entry_moderation(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """The panel as an htmx fragment (refetched when the presenter socket says it changed)."""
    return _panel(request, _entry_question(request, pk, question_pk))


@login_required
@require_POST
def entry_action(
    request: HttpRequest, pk: int, question_pk: int, response_pk: int, action: str
) -> HttpResponse:
    question = _entry_question(request, pk, question_pk)
    entry = get_object_or_404(Response, pk=response_pk, question=question)
    if action not in services.ENTRY_MODERATION_ACTIONS:
        raise Http404
    services.entry_moderate(response=entry, action=action, actor=request.user)
    return _panel(request, question, done=_("Shown.") if action == "approve" else _("Hidden."))


@login_required
@require_POST
def entry_premoderation(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _entry_question(request, pk, question_pk)
    on = request.POST.get("premoderated") == "1"
    services.question_set_premoderated(question=question, premoderated=on, actor=request.user)
    question.refresh_from_db(fields=["premoderated"])
    done = _("New entries wait for your approval.") if on else _("New entries are shown at once.")
    return _panel(request, question, done=done)


LANGUAGE_NAMES = {"sv": "Svenska", "nb": "Norsk bokmål", "da": "Dansk", "en": "English"}


@login_required
def word_filter(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    organisation = get_object_or_404(organisations_for_user(user=request.user), pk=organisation_pk)
    editable = can_facilitate(request.user, organisation)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        language = request.POST.get("language", "")
        if language not in wordfilter.LANGUAGES:
            raise Http404
        services.blocked_words_set(
            organisation=organisation,
            language=language,
            words=wordfilter.parse_list(request.POST.get("words", "")),
            actor=request.user,
        )
        messages.success(request, _("Word list saved."))
        return redirect("live:word_filter", organisation_pk=organisation.pk)
    lists = [
        {**item, "name": LANGUAGE_NAMES[item["language"]]}
        for item in selectors.word_lists(organisation)
    ]
    context = {"organisation": organisation, "lists": lists, "editable": editable}
    return render(request, "live/word_filter.html", context)
