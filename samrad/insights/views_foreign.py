"""Importing results of Mentimeter and Slido as a session of the dialogue (issue 15.2): upload,
a preview of what will be created (sessions, questions, answers each; how word-cloud rows are
split), then the import, all or nothing. A file of neither shape goes to the general import's
column mapping."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samrad.dialogues.selectors import dialogue_editable_or_404
from samrad.insights import foreign, importing, selectors, services, services_foreign
from samrad.insights.forms import ForeignForm, ForeignUploadForm
from samrad.insights.models import ImportBatch, ImportStatus
from samrad.insights.views import _editable_or_403
from samrad.live.models import QuestionKind

PREVIEW_ROWS = 5


@login_required
def foreign_upload(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, _editable = dialogue_editable_or_404(user=request.user, pk=pk, change=True)
    form = ForeignUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            found = foreign.read(data, upload.name)
        except foreign.ForeignProblem as problem:
            form.add_error("file", str(problem))
        else:
            if found.tool:
                batch = ImportBatch.objects.create(
                    dialogue=dialogue,
                    filename=upload.name[:200],
                    data=data,
                    rows=len(found.questions),
                    created_by=request.user if request.user.is_authenticated else None,
                )
                return redirect("insights:foreign_preview", pk=batch.pk)
            # Neither tool's shape: the general importer's column mapping covers it.
            try:
                batch = services.import_upload(
                    dialogue=dialogue, filename=upload.name, data=data, actor=request.user
                )
            except importing.ImportProblem as problem:
                form.add_error("file", str(problem))
            else:
                messages.info(
                    request,
                    _(
                        "The file is neither a Mentimeter nor a Slido export as we know them: "
                        "choose what each column holds."
                    ),
                )
                return redirect("insights:import_preview", pk=batch.pk)
    return render(request, "insights/foreign_upload.html", {"dialogue": dialogue, "form": form})


def _split_rows(found: foreign.Found, split: str) -> list[dict]:
    rows = []
    for question in found.questions:
        if question.kind != QuestionKind.WORDCLOUD:
            continue
        for line, parts, _count in question.entries(split)[:PREVIEW_ROWS]:
            rows.append({"question": question.prompt, "line": line, "entries": parts})
    return rows


@login_required
def foreign_preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_for_user_or_404(user=request.user, pk=pk)
    dialogue = batch.dialogue
    _editable_or_403(request.user, dialogue)
    if batch.status != ImportStatus.DRAFT:
        messages.info(request, importing.already_imported_message())
        return redirect("insights:board", pk=dialogue.pk)
    try:
        found = foreign.read(bytes(batch.data), batch.filename)
    except foreign.ForeignProblem:
        found = foreign.Found()
    if not found.tool:  # an upload of the general import: its column mapping
        return redirect("insights:import_preview", pk=batch.pk)
    data = request.POST if request.method == "POST" else request.GET
    form = ForeignForm(
        data if "split" in data else None,
        initial={"split": "words", "title": batch.filename.rsplit(".", 1)[0]},
    )
    split = foreign.split_of(data.get("split", "words"))
    if request.method == "POST":
        if "discard" in request.POST:
            services.import_discard(batch=batch, actor=request.user)
            messages.info(request, _("The file was put aside; nothing was imported."))
            return redirect("insights:board", pk=dialogue.pk)
        if "run" in request.POST and form.is_valid():
            session = services_foreign.foreign_run(
                batch=batch,
                found=found,
                split=split,
                title=form.cleaned_data["title"],
                actor=request.user,
            )
            if session is None:
                messages.info(request, importing.already_imported_message())
            else:
                n = found.total(split)
                messages.success(
                    request,
                    ngettext(
                        "%(n)d answer imported as the session “%(title)s”.",
                        "%(n)d answers imported as the session “%(title)s”.",
                        n,
                    )
                    % {"n": n, "title": session.title},
                )
            return redirect("insights:board", pk=dialogue.pk)
    questions = [
        {"kind": QuestionKind(q.kind).label, "prompt": q.prompt, "answers": q.answers(split)}
        for q in found.questions
    ]
    return render(
        request,
        "insights/foreign_preview.html",
        {
            "dialogue": dialogue,
            "batch": batch,
            "tool": {"mentimeter": "Mentimeter", "slido": "Slido"}[found.tool],
            "questions": questions,
            "total": found.total(split),
            "split_rows": _split_rows(found, split),
            "form": form,
        },
    )
