"""Pages of the statements kind: the phone's card (refetched when statements change), the
facilitator's statements page (seed, approve, hide), the Pol.is export and import. Views
check and call services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from samrad.core.ids import id_or_none
from samrad.dialogues.selectors import dialogue_editable_or_404
from samrad.live.errors import Refused
from samrad.live.models import Moderation, Question, QuestionKind
from samrad.live.views import _session_for_facilitator, question_context
from samrad.live.views_qa import _phone
from samrad.opinions import services
from samrad.opinions.analysis.polis import PolisFormatError
from samrad.opinions.analysis.polis_export import read_upload, write_zip
from samrad.opinions.errors import polis_error_message
from samrad.opinions.exports import question_conversation
from samrad.opinions.forms import PolisImportForm
from samrad.opinions.models import Statement
from samrad.opinions.report import question_report, report_csv, report_xlsx

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
@require_safe
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


@login_required
def import_polis(request: HttpRequest, dialogue_pk: int) -> HttpResponse:
    """Upload a Pol.is export (a zip, or its CSV files) as a new statements question of one
    of the dialogue's live sessions. All or nothing; the first problem is shown naming the
    file and line, in the facilitator's language."""
    # Only who may edit this dialogue (a role on the dialogue counts), even to see the form.
    dialogue, _editable = dialogue_editable_or_404(user=request.user, pk=dialogue_pk, change=True)
    form = PolisImportForm(request.POST or None, request.FILES or None, dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        uploads = [(upload.name, upload.read()) for upload in form.cleaned_data["files"]]
        try:
            conversation = read_upload(uploads)
            prompt = (
                form.cleaned_data["prompt"].strip()
                or conversation.topic.strip()
                or _("Imported from Pol.is")
            )
            question, counts = services.conversation_import(
                session=form.cleaned_data["session"],
                conversation=conversation,
                prompt=prompt,
                actor=request.user,
            )
        except PolisFormatError as error:
            form.add_error(
                "files",
                _("Nothing was imported. %(problem)s") % {"problem": polis_error_message(error)},
            )
        else:
            messages.success(
                request,
                ngettext(
                    "Imported %(statements)d statement",
                    "Imported %(statements)d statements",
                    counts["statements"],
                )
                % counts
                + " · "
                + ngettext("%(votes)d vote", "%(votes)d votes", counts["votes"]) % counts
                + " · "
                + ngettext(
                    "%(participants)d participant",
                    "%(participants)d participants",
                    counts["participants"],
                )
                % counts,
            )
            return redirect("opinions:moderation", pk=question.session_id, question_pk=question.pk)
    return render(request, "opinions/import.html", {"dialogue": dialogue, "form": form})


@login_required
def report(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """The facilitator's report of a statements question: the map, the groups and their
    statements, common ground, divisive, every statement's counts; exports; and sending
    statements to the dialogue's input board."""
    session, question = _statements_question(request, pk, question_pk)
    context = {"session": session, **question_report(question)}
    return render(request, "opinions/report.html", context)


EXPORTS = {
    "csv": (report_csv, "text/csv; charset=utf-8"),
    "xlsx": (report_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@login_required
@require_safe
def report_export(request: HttpRequest, pk: int, question_pk: int, fmt: str) -> HttpResponse:
    session, question = _statements_question(request, pk, question_pk)
    if fmt not in EXPORTS:
        return HttpResponse(status=404)
    build, content_type = EXPORTS[fmt]
    name = f"samrad-statements-{session.pk}-{question.pk}.{fmt}"
    return HttpResponse(
        build(question),
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@login_required
@require_POST
def to_board(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    session, question = _statements_question(request, pk, question_pk)
    ids = [n for n in (id_or_none(v) for v in request.POST.getlist("statement")) if n]
    if not ids:
        messages.error(request, _("Choose at least one statement to send."))
    else:
        done = services.statements_to_board(
            question=question, statement_ids=ids, actor=request.user
        )
        messages.success(
            request,
            ngettext(
                "%(n)d statement sent to the input board.",
                "%(n)d statements sent to the input board.",
                done["created"] + done["updated"],
            )
            % {"n": done["created"] + done["updated"]},
        )
    return redirect("opinions:report", pk=session.pk, question_pk=question.pk)
