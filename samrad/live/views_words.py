"""The word groups of a word-cloud question (issue 15.3): each term with the surface forms
the lemmatizer grouped under it ("trygghet ← tryggheten"), and for those who may edit the
dialogue "Split" (a form counts as a term of its own) and "Join again". The projector, the
phones and the public page show only the terms; this page is the facilitator's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samrad.accounts.rules import can_facilitate
from samrad.live import selectors, services
from samrad.live.models import Question, QuestionKind


def _question(request: HttpRequest, pk: int, question_pk: int) -> Question:
    session = selectors.session_for_user_or_404(user=request.user, pk=pk)
    return get_object_or_404(
        Question.objects.select_related("session", "session__dialogue"),
        pk=question_pk,
        session=session,
        kind=QuestionKind.WORDCLOUD,
    )


@login_required
def word_groups(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _question(request, pk, question_pk)
    context = {
        "session": question.session,
        "question": question,
        "groups": selectors.word_groups(question),
        "editable": can_facilitate(request.user, question.session.dialogue),
    }
    return render(request, "live/word_groups.html", context)


@login_required
@require_POST
def word_group_action(request: HttpRequest, pk: int, question_pk: int, action: str) -> HttpResponse:
    question = _question(request, pk, question_pk)
    if not can_facilitate(request.user, question.session.dialogue):
        raise PermissionDenied
    form = request.POST.get("form", "")
    if action == "split":
        services.term_split(question=question, form=form, actor=request.user)
        messages.success(request, _("“%(form)s” is counted on its own now.") % {"form": form})
    elif action == "join":
        services.term_join(question=question, form=form, actor=request.user)
        messages.success(request, _("“%(form)s” is counted in its group again.") % {"form": form})
    else:
        raise Http404
    return redirect("live:word_groups", pk=question.session_id, question_pk=question.pk)
