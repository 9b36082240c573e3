"""Facilitator pages of the input board: the board (htmx rows and keyboard coding), the
codebook, proposed groups, near-duplicates, import, comparisons, exports and a preview of
the public section.

Members of the organisation (viewers too) read; only owners and facilitators change (403).
Another organisation's dialogue, input, theme or import answers 404.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from samrad.accounts.rules import can_facilitate
from samrad.core.ids import id_or_404, id_or_none, ids_of
from samrad.dialogues.models import Dialogue
from samrad.dialogues.selectors import dialogue_editable_or_404, dialogue_for_user_or_404
from samrad.insights import exports, foreign, importing, selectors, services, services_foreign
from samrad.insights.forms import (
    INPUTS,
    AnswerForm,
    ImportRowsForm,
    MappingForm,
    MergeThemeForm,
    ThemeForm,
    UploadForm,
)
from samrad.insights.models import ImportStatus, Input, InputChannel, InputStatus, Theme
from samrad.live.models import InputKind


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _editable_or_403(user, dialogue: Dialogue) -> None:
    if not can_facilitate(user, dialogue):
        raise PermissionDenied


def _input(request, pk: int) -> Input:
    item = selectors.input_for_user_or_404(user=request.user, pk=pk)
    _editable_or_403(request.user, item.dialogue)
    return item


# --- The board -----------------------------------------------------------------------------


def input_urls(pk: int) -> dict[str, str]:
    """The row's URLs, built from one reverse(): a 50-row page would otherwise spend more on
    reversing than on its queries (tests check they match urls.py)."""
    base = _inputs_base()
    return {
        "row_base": base,
        "row": f"{base}{pk}/",
        "code": f"{base}{pk}/code/",
        "answer": f"{base}{pk}/answer/",
        "publish": f"{base}{pk}/publish/",
    }


def _inputs_base() -> str:
    return reverse("insights:input_row", args=[0]).removesuffix("0/")


def present(items: list[Input]) -> list[Input]:
    """Per-row values computed once in Python, not by the template engine for each use."""
    kinds = {value: str(label) for value, label in InputKind.choices}
    statuses = {value: str(label) for value, label in InputStatus.choices}
    channels = {value: str(label) for value, label in InputChannel.choices}
    for item in items:
        item.theme_list = list(item.themes.all())
        item.duplicate_list = list(item.duplicates.all())
        item.total_upvotes = selectors.total_upvotes(item)
        item.kind_label = kinds.get(item.kind, item.kind)
        item.status_label = statuses.get(item.status, item.status)
        item.channel_label = channels.get(item.channel, item.channel)
        item.urls = input_urls(item.pk)
    return items


def _board_context(request, dialogue: Dialogue, filters: selectors.BoardFilters, page=1):
    board = selectors.board_page(dialogue, filters, page)
    present(board.inputs)
    query = filters.as_query()
    return {
        "dialogue": dialogue,
        "board": board,
        "filters": filters,
        "query": urlencode(query),
        "query_items": query.items(),
        "editable": can_facilitate(request.user, dialogue),
        "statuses": InputStatus.choices,
        "number_keys": [t for t in board.themes if t.key],
    }


@login_required
def board(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = dialogue_for_user_or_404(user=request.user, pk=pk)
    filters = selectors.BoardFilters.from_query(request.GET)
    if _is_htmx(request) and request.headers.get("HX-Target") == "board-results":
        # Filtering and paging within an open board: it synced when it opened.
        context = _board_context(request, dialogue, filters, request.GET.get("page", 1))
        return render(request, "insights/_board_results.html", context)
    services.inputs_sync(dialogue=dialogue)
    context = _board_context(request, dialogue, filters, request.GET.get("page", 1))
    context["facets"] = selectors.facets(dialogue)
    context["imports_running"] = selectors.imports_running(dialogue)
    return render(request, "insights/board.html", context)


def _row(request, item: Input, *, editing: bool = False, announce: str = "") -> HttpResponse:
    item = present([selectors.with_details(Input.objects.filter(pk=item.pk)).get()])[0]
    suggested = (
        selectors.suggestions(item.dialogue, [item]).get(item.pk, []) if not item.theme_list else []
    )
    return render(
        request,
        "insights/_input_row.html",
        {
            "item": item,
            "suggested": suggested,
            "editable": True,
            "editing": editing,
            "answer_form": AnswerForm(initial={"answer": item.answer, "status": item.status})
            if editing
            else None,
            "announce": announce,
            "dialogue": item.dialogue,
        },
    )


@login_required
def input_row(request: HttpRequest, pk: int) -> HttpResponse:
    return _row(request, _input(request, pk))


@login_required
def input_code(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the row's theme menu (loaded when first opened). POST: toggle a theme
    (`theme`), or put it on (`on=1`) / take it off (`on=0`)."""
    item = _input(request, pk)
    if request.method != "POST":
        return render(
            request,
            "insights/_theme_menu.html",
            {
                "themes": selectors.codebook(item.dialogue),
                "coded": set(item.codings.values_list("theme_id", flat=True)),
                "code_url": request.path,
                "dialogue": item.dialogue,
            },
        )
    try:
        theme = item.dialogue.themes.get(pk=id_or_404(request.POST.get("theme")))
    except (ValueError, Theme.DoesNotExist) as error:
        raise Http404 from error
    on = {"1": True, "0": False}.get(request.POST.get("on", ""))
    has = services.input_code(input=item, theme=theme, on=on, actor=request.user)
    if settings.SAMRAD_SUGGESTER_IN_BACKGROUND:
        # Online learning: the next rows are suggested by a model that knows this coding.
        selectors.suggester(item.dialogue, wait_first=False)
    announce = (_("Theme %(name)s added.") if has else _("Theme %(name)s removed.")) % {
        "name": theme.name
    }
    return _row(request, item, announce=announce)


@login_required
def input_answer(request: HttpRequest, pk: int) -> HttpResponse:
    item = _input(request, pk)
    if request.method != "POST":
        return _row(request, item, editing=True)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _row(request, item, editing=True, announce=_("The answer was not saved."))
    services.input_answer(
        input=item,
        answer=form.cleaned_data["answer"],
        status=form.cleaned_data["status"],
        actor=request.user,
    )
    return _row(request, item, announce=_("Answer saved."))


@login_required
@require_POST
def input_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = _input(request, pk)
    status = request.POST.get("status", "")
    if status not in InputStatus.values:
        raise Http404
    services.input_set_status(input=item, status=status, actor=request.user)
    return _row(request, item, announce=_("Status saved."))


@login_required
@require_POST
def input_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = _input(request, pk)
    published = request.POST.get("published", "1") == "1"
    try:
        services.input_publish(input=item, published=published, actor=request.user)
    except services.Refused as refusal:
        return _row(request, item, announce=str(refusal))
    return _row(request, item, announce=_("Published.") if published else _("Unpublished."))


@login_required
@require_POST
def input_unmerge(request: HttpRequest, pk: int) -> HttpResponse:
    item = _input(request, pk)
    keep = item.duplicate_of
    services.input_unmerge(input=item, actor=request.user)
    return _row(request, keep or item, announce=_("Taken out of the merge."))


@login_required
@require_POST
def board_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, _editable = dialogue_editable_or_404(user=request.user, pk=pk, change=True)
    ids = ids_of(request.POST.getlist("ids"))
    action, value = request.POST.get("action", ""), request.POST.get("value", "")
    if action.startswith("theme:") or action.startswith("status:"):
        action, value = action.split(":", 1)
    if not ids:
        messages.error(request, _("Choose inputs first (the boxes at their left, or x)."))
    else:
        try:
            changed = services.inputs_bulk(
                dialogue=dialogue, input_ids=ids, action=action, value=value, actor=request.user
            )
        except (ValueError, Theme.DoesNotExist):
            messages.error(request, _("Choose what to do with the inputs."))
        else:
            messages.success(
                request,
                ngettext("%(n)d input changed.", "%(n)d inputs changed.", changed) % {"n": changed},
            )
    filters = selectors.BoardFilters.from_query(request.POST)
    if _is_htmx(request):
        context = _board_context(request, dialogue, filters, request.POST.get("page", 1))
        context["flash"] = list(messages.get_messages(request))
        return render(request, "insights/_board_results.html", context)
    return redirect(
        reverse("insights:board", args=[dialogue.pk]) + "?" + urlencode(filters.as_query())
    )


# --- Codebook ------------------------------------------------------------------------------


@login_required
def codebook(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    form = ThemeForm(request.POST or None, dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        theme = services.theme_create(dialogue=dialogue, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Theme %(name)s added.") % {"name": theme.name})
        return redirect("insights:codebook", pk=dialogue.pk)
    themes = selectors.theme_counts(dialogue)
    return render(
        request,
        "insights/codebook.html",
        {"dialogue": dialogue, "rows": themes, "form": form, "editable": editable},
    )


@login_required
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme = selectors.theme_for_user_or_404(user=request.user, pk=pk)
    dialogue = theme.dialogue
    _editable_or_403(request.user, dialogue)
    form = ThemeForm(
        request.POST if "save" in request.POST else None,
        dialogue=dialogue,
        theme=theme,
        initial={
            "name": theme.name,
            "parent": theme.parent_id,
            "colour": theme.colour,
            "description": theme.description,
        },
    )
    merge_form = MergeThemeForm(request.POST if "merge" in request.POST else None, theme=theme)
    if request.method == "POST":
        if "save" in request.POST and form.is_valid():
            services.theme_update(theme=theme, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Theme saved."))
            return redirect("insights:codebook", pk=dialogue.pk)
        if "merge" in request.POST and merge_form.is_valid():
            target = merge_form.cleaned_data["target"]
            services.theme_merge(source=theme, target=target, actor=request.user)
            messages.success(
                request, _("%(a)s merged into %(b)s.") % {"a": theme.name, "b": target.name}
            )
            return redirect("insights:codebook", pk=dialogue.pk)
        if "delete" in request.POST:
            services.theme_delete(theme=theme, actor=request.user)
            messages.success(request, _("Theme %(name)s deleted.") % {"name": theme.name})
            return redirect("insights:codebook", pk=dialogue.pk)
    return render(
        request,
        "insights/theme_edit.html",
        {"dialogue": dialogue, "theme": theme, "form": form, "merge_form": merge_form},
    )


# --- Groups and duplicates -----------------------------------------------------------------


@login_required
def groups(request: HttpRequest, pk: int) -> HttpResponse:
    """Proposed groups of similar uncoded inputs; one click makes a group a theme."""
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    if request.method == "POST":
        label = request.POST.get("label", "").strip()
        ids = ids_of(request.POST.getlist("ids"))
        if label and ids:
            theme = services.group_to_theme(
                dialogue=dialogue, label=label, input_ids=ids, actor=request.user
            )
            messages.success(
                request,
                ngettext(
                    "Theme %(name)s made; %(n)d input coded.",
                    "Theme %(name)s made; %(n)d inputs coded.",
                    len(ids),
                )
                % {"name": theme.name, "n": len(ids)},
            )
        return redirect("insights:groups", pk=dialogue.pk)
    return render(
        request,
        "insights/groups.html",
        {"dialogue": dialogue, "groups": selectors.proposed_groups(dialogue), "editable": editable},
    )


SIMILARITIES = ("0.9", "0.8", "0.7", "0.6", "0.5")


def _similarity(data) -> str:
    similarity = data.get("similarity", "0.8")
    return similarity if similarity in SIMILARITIES else "0.8"


@login_required
def duplicates(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    if request.method == "POST":
        keep_id = id_or_none(request.POST.get("keep"))
        keep = (
            Input.objects.filter(dialogue=dialogue, pk=keep_id).select_related("dialogue").first()
            if keep_id is not None
            else None
        )
        ticked = ids_of(request.POST.getlist("ids"))
        inputs = {
            i.pk: i
            for i in Input.objects.filter(dialogue=dialogue, pk__in=ticked)
            if keep is None or i.pk != keep.pk
        }
        if keep is None:
            messages.error(request, _("Choose the input to keep."))
        else:
            try:
                services.inputs_merge(keep=keep, others=list(inputs.values()), actor=request.user)
            except services.Refused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(
                    request,
                    ngettext("%(n)d input merged.", "%(n)d inputs merged.", len(inputs))
                    % {"n": len(inputs)},
                )
        # The similarity the coordinator chose stays after the merge (issue 13).
        similarity = _similarity(request.POST)
        url = reverse("insights:duplicates", args=[dialogue.pk])
        return redirect(f"{url}?similarity={similarity}")
    similarity = _similarity(request.GET)
    found = selectors.near_duplicate_groups(dialogue, threshold=float(similarity))
    return render(
        request,
        "insights/duplicates.html",
        {
            "dialogue": dialogue,
            "groups": found,
            "editable": editable,
            "similarity": similarity,
            "similarities": SIMILARITIES,
        },
    )


# --- Import --------------------------------------------------------------------------------


@login_required
def import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, _editable = dialogue_editable_or_404(user=request.user, pk=pk, change=True)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.import_upload(
                dialogue=dialogue, filename=upload.name, data=upload.read(), actor=request.user
            )
        except importing.ImportProblem as problem:
            form.add_error("file", str(problem))
        else:
            return redirect("insights:import_preview", pk=batch.pk)
    return render(request, "insights/import_upload.html", {"dialogue": dialogue, "form": form})


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The first rows, a menu per column (recognised names preselected), what the rows are
    (inputs, or word-cloud answers split as chosen, with the first rows as they will be
    split), and on submit the import — or the list of every row that stops it (then nothing
    is stored)."""
    batch = selectors.batch_for_user_or_404(user=request.user, pk=pk)
    dialogue = batch.dialogue
    _editable_or_403(request.user, dialogue)
    if batch.status in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        # a second click on Import, or back to the page: how far the import has come
        return redirect("insights:import_progress", pk=batch.pk)
    if not batch.runnable:
        messages.info(request, importing.already_imported_message())
        return redirect("insights:board", pk=dialogue.pk)
    table = importing.read_table(bytes(batch.data), batch.filename)
    bound = "run" in request.POST or "again" in request.POST
    form = MappingForm(
        request.POST if bound else None,
        header=table.header,
        # the columns chosen for the last (refused) run, else the names recognised
        initial_mapping={int(column): name for column, name in batch.mapping.items()}
        or importing.guess_mapping(table.header),
    )
    rows_form = ImportRowsForm(request.POST if bound else None)
    rows_as = rows_form.choice() if bound else INPUTS
    # the rows that stopped the last background run, until the facilitator tries again
    errors = [importing.RowError(line, message) for line, message in batch.problems]
    split_rows: list[dict] = []
    found = None
    if request.method == "POST":
        if "discard" in request.POST:
            services.import_discard(batch=batch, actor=request.user)
            messages.info(request, _("The file was put aside; nothing was imported."))
            return redirect("insights:board", pk=dialogue.pk)
        if rows_as != INPUTS and form.is_valid():
            found, errors = _wordcloud_of(table, form.mapping())
            if found is not None:
                split_rows = [
                    {"line": line, "entries": parts}
                    for line, parts, _n in found.questions[0].entries(rows_as)[
                        : importing.PREVIEW_ROWS
                    ]
                ]
        if "run" in request.POST and form.is_valid() and rows_as != INPUTS and found:
            session = services_foreign.foreign_run(
                batch=batch,
                found=found,
                split=rows_as,
                title=batch.filename.rsplit(".", 1)[0] or batch_prompt(),
                actor=request.user,
            )
            if session is None:
                messages.info(request, importing.already_imported_message())
                return redirect("insights:board", pk=dialogue.pk)
            n = found.total(rows_as)
            messages.success(
                request,
                ngettext(
                    "%(n)d word-cloud answer imported as the session “%(title)s”.",
                    "%(n)d word-cloud answers imported as the session “%(title)s”.",
                    n,
                )
                % {"n": n, "title": session.title},
            )
            return redirect("live:session_control", pk=session.pk)
        if "run" in request.POST and form.is_valid() and rows_as == INPUTS:
            if services.import_in_background(batch):
                services.import_start(
                    batch=batch,
                    mapping=form.mapping(),
                    actor=request.user,
                    language=translation.get_language(),
                )
                return redirect("insights:import_progress", pk=batch.pk)
            count, errors = services.import_run(
                batch=batch, mapping=form.mapping(), actor=request.user
            )
            if not errors:
                messages.success(
                    request,
                    ngettext("%(n)d input imported.", "%(n)d inputs imported.", count)
                    % {"n": count},
                )
                return redirect("insights:board", pk=dialogue.pk)
    return render(
        request,
        "insights/import_preview.html",
        {
            "dialogue": dialogue,
            "batch": batch,
            "table": table,
            "preview": table.rows[: importing.PREVIEW_ROWS],
            "form": form,
            "rows_form": rows_form,
            "split_rows": split_rows,
            "errors": errors[:200],
            "more_errors": max(0, len(errors) - 200),
        },
    )


def _wordcloud_of(table: importing.Table, mapping: dict[int, str]):
    """The table's text column as one word-cloud question (`foreign.from_column`), or the
    row that stops it."""
    column = next(index for index, name in mapping.items() if name == importing.TEXT)
    cells = [row[column] for row in table.rows]
    lines = [table.line(index) for index in range(len(table.rows))]
    prompt = table.header[column].strip() or batch_prompt()
    try:
        return foreign.from_column(prompt, cells, lines), []
    except foreign.ForeignProblem as problem:
        too_long = (
            line for cell, line in zip(cells, lines, strict=True) if len(cell) > foreign.MAX_ROW
        )
        return None, [importing.RowError(next(too_long, 1), str(problem))]


def batch_prompt() -> str:
    return _("Imported word cloud")


# --- Compare, exports, public preview ------------------------------------------------------


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = dialogue_for_user_or_404(user=request.user, pk=pk)
    dimension = request.GET.get("by", "theme")
    if dimension not in selectors.DIMENSIONS:
        dimension = "theme"
    options = selectors.compare_options(dialogue, dimension)
    a = request.GET.get("a") or (options[0][0] if options else "")
    b = request.GET.get("b") or selectors.REST
    result = selectors.compare_groups(dialogue, dimension, a, b) if a else None
    names = dict(options)
    return render(
        request,
        "insights/compare.html",
        {
            "dialogue": dialogue,
            "dimension": dimension,
            "dimensions": [
                ("theme", _("Theme")),
                ("segment", _("Group of participants")),
                ("meeting", _("Meeting")),
                ("session", _("Session")),
            ],
            "options": options,
            "a": a,
            "b": b,
            "name_a": names.get(a, ""),
            "name_b": names.get(b, _("Everyone else")),
            "rest": selectors.REST,
            "result": result,
        },
    )


@login_required
@require_safe
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    dialogue = dialogue_for_user_or_404(user=request.user, pk=pk)
    if fmt not in exports.FORMATS:
        raise Http404
    built = exports.build(dialogue, fmt)
    response = HttpResponse(built.content, content_type=built.content_type)
    response["Content-Disposition"] = content_disposition_header(True, built.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def exports_page(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = dialogue_for_user_or_404(user=request.user, pk=pk)
    answered, total = selectors.answered_share(dialogue)
    return render(
        request,
        "insights/exports.html",
        {"dialogue": dialogue, "answered": answered, "total": total},
    )


@login_required
def public_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The public page's section of this app, as the public will see it."""
    dialogue = dialogue_for_user_or_404(user=request.user, pk=pk)
    return render(request, "insights/public_preview.html", {"dialogue": dialogue})


@login_required
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """How far a background import has come (polled by htmx every second while it runs;
    `seen` is what the page shows, answered with 204 while it is still true), then its result:
    the inputs imported, or the rows that stopped it. POST `undo` takes back an import whose
    worker stopped half-way."""
    batch = selectors.batch_for_user_or_404(user=request.user, pk=pk)
    dialogue = batch.dialogue
    _editable_or_403(request.user, dialogue)
    state = selectors.import_state(batch)
    if request.method == "POST" and "undo" in request.POST:
        if state == "stalled":
            services.import_undo(batch=batch, actor=request.user)
            return redirect("insights:import_preview", pk=batch.pk)
        return redirect("insights:import_progress", pk=batch.pk)
    if request.GET.get("seen") == f"{state}-{batch.done_rows}":
        return HttpResponse(status=204)  # nothing new: htmx swaps nothing, nothing re-announced
    problems = [importing.RowError(line, message) for line, message in batch.problems]
    context = {
        "dialogue": dialogue,
        "batch": batch,
        "state": state,
        "imported": ngettext("%(n)d input imported.", "%(n)d inputs imported.", batch.rows)
        % {"n": batch.rows},
        "errors": problems[:200],
        "more_errors": max(0, len(problems) - 200),
    }
    if request.headers.get("HX-Request"):
        return render(request, "insights/_import_progress.html", context)
    return render(request, "insights/import_progress.html", context)
