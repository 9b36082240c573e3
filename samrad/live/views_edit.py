"""Editing a question (text, options, settings, image) and putting it anywhere in the list.

An edit that touches answers is saved only after the facilitator has read what happens to
them (`editing.question_edit_effects`): the warning's list is fingerprinted into the "Save
anyway" button, so a list that changed in between (new answers) is shown again. Every form
carries a one-time key: the same form sent twice (a double click) is saved once.
"""

import hashlib
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samrad.live import editing, services
from samrad.live.forms import QuestionEditForm
from samrad.live.models import Question, QuestionRole
from samrad.live.views import _session_for_facilitator

ONCE_SECONDS = 3600


def first_time(key: str) -> bool:
    """True the first time a form's one-time key is used (shared by processes via the cache)."""
    return bool(key) and cache.add(f"samrad:once:{key}", 1, timeout=ONCE_SECONDS)


def _back(request, session) -> str:
    if request.GET.get("from") == "control":
        return reverse("live:session_control", args=[session.pk])
    return reverse("live:session_edit", args=[session.pk])


def _fingerprint(effects: list[str]) -> str:
    return hashlib.sha256("\n".join(effects).encode()).hexdigest()[:16]


@login_required
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    session = _session_for_facilitator(request, pk)
    question = get_object_or_404(Question, pk=question_pk, session=session)
    back = _back(request, session)
    form = QuestionEditForm(request.POST or None, request.FILES or None, question=question)
    effects: list[str] = []
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        effects = editing.question_edit_effects(question, changes)
        if not effects or request.POST.get("confirm") == _fingerprint(effects):
            if first_time(request.POST.get("once", "")):
                question = editing.question_update(
                    question=question, changes=changes, actor=request.user
                )
                data = form.cleaned_data
                if data.get("image"):
                    services.question_set_image(
                        question=question,
                        image=data["image"],
                        alt=data["image_alt"],
                        actor=request.user,
                    )
                elif question.image and data.get("image_alt", "").strip() != question.image_alt:
                    editing.question_set_image_alt(
                        question=question, alt=data["image_alt"], actor=request.user
                    )
            messages.success(request, _("Question saved."))
            return redirect(back)
    return render(
        request,
        "live/question_edit.html",
        {
            "session": session,
            "question": question,
            "form": form,
            "effects": effects,
            "confirm": _fingerprint(effects) if effects else "",
            "once": uuid.uuid4().hex,
            "back": back,
        },
    )


@login_required
@require_POST
def poll_first(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """A ready-made poll's questions to the start of the session, in one step."""
    session = _session_for_facilitator(request, pk)
    if key not in {QuestionRole.COMPOSITION, QuestionRole.EVALUATION}:
        raise Http404
    editing.poll_move_first(session=session, key=key, actor=request.user)
    return redirect("live:session_edit", pk=session.pk)
