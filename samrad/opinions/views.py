"""Pages of the statements kind: the phone's card (refetched when statements change) and
the facilitator's statements page (seed, approve, hide). Views check and call services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samrad.live.errors import Refused
from samrad.live.models import Moderation, Question, QuestionKind
from samrad.live.views import _session_for_facilitator, question_context
from samrad.live.views_qa import _phone
from samrad.opinions import services
from samrad.opinions.analysis.polis_export import write_zip
from samrad.opinions.exports import question_conversation
from samrad.opinions.models import Statement

ACTIONS = {"approve": Moderation.APPROVED, "hide": Moderation.HIDDEN}


def phone_card(request: HttpRequest, code: str, question_id: int) -> HttpResponse:
    """The statement to vote on next (or "none left"), for the phone's refetch."""
    session, participant, page = _phone(request, code)
    if page:
        return page
    question = get_object_or_404(
        Question, pk=question_id, session=session, kind=QuestionKind.STATEMENTS
    )
    context = question_context(request, session, participant, question=question)
    return render(request, "opinions/_phone_card.html", context)


def _statements_question(request, pk: int, question_pk: int):
    session = _session_for_facilitator(request, pk)
    question = get_object_or_404(
        Question, pk=question_pk, session=session, kind=QuestionKind.STATEMENTS
    )
    return session, question


@login_required
def moderation(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    session, question = _statements_question(request, pk, question_pk)
    draft = ""
    if request.method == "POST":
        draft = request.POST.get("text", "")
        try:
            services.statement_seed(question=question, text=draft)
            messages.success(request, _("The statement was added."))
            return redirect("opinions:moderation", pk=session.pk, question_pk=question.pk)
        except Refused as refused:
            messages.error(request, refused.message)
    statements = list(
        Statement.objects.filter(question=question)
        .select_related("duplicate_of")
        .order_by("-moderation", "id")
    )
    waiting = [s for s in statements if s.moderation == Moderation.PENDING]
    others = [s for s in statements if s.moderation != Moderation.PENDING]
    context = {
        "session": session,
        "question": question,
        "waiting": waiting,
        "others": others,
        "draft": draft,
        "limit": 280,
    }
    return render(request, "opinions/moderation.html", context)


@login_required
@require_POST
def moderate(
    request: HttpRequest, pk: int, question_pk: int, statement_pk: int, action: str
) -> HttpResponse:
    session, question = _statements_question(request, pk, question_pk)
    statement = get_object_or_404(Statement, pk=statement_pk, question=question)
    if action not in ACTIONS:
        return HttpResponse(status=404)
    services.statement_moderate(statement=statement, moderation=ACTIONS[action])
    return redirect("opinions:moderation", pk=session.pk, question_pk=question.pk)


@login_required
def export_polis(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """The question as a Pol.is open data export: comments, votes, participants-votes and
    summary CSV files in one zip."""
    session, question = _statements_question(request, pk, question_pk)
    data = write_zip(question_conversation(question=question))
    name = f"samrad-statements-{session.pk}-{question.pk}-polis.zip"
    return HttpResponse(
        data,
        content_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
