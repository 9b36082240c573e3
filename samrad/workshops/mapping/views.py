"""Pages of the portfolio mapping: the board (fragments, placing from laptops and phones,
undo), the portfolio (typed, imported with a preview, printable code cards), the target
images, the discussion notes, the citizens' poll to compare with, and the report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from samrad.core.ids import id_or_404, number_or
from samrad.core.ratelimit import client_address
from samrad.live import services as live_services
from samrad.live.errors import refused_as_page
from samrad.workshops import cards, formats, report, rules, selectors, services
from samrad.workshops.mapping import selectors as mapping_selectors
from samrad.workshops.mapping import services as mapping_services
from samrad.workshops.mapping.forms import (
    FrameworkForm,
    ImportForm,
    NoteForm,
    ProjectForm,
    SettingsForm,
)
from samrad.workshops.participants import participant_for
from samrad.workshops.portfolio_import import parse_projects

IMPORT_SALT = "samrad.workshops.import"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _runner_workshop(request, pk):
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=pk)
    if not rules.can_run_workshop(request.user, workshop):
        raise PermissionDenied
    return workshop


# --- The board ---------------------------------------------------------------------------


def _board_response(request, workshop, screen, *, participant=None, refusal=None, message=None):
    step = workshop.current_step
    context = {
        "workshop": workshop,
        "step": step,
        "screen": screen,
        "participant": participant,
        "editable": screen == "phone" or rules.can_run_workshop(request.user, workshop),
        "board": mapping_selectors.board(workshop),
        "refusal": refusal,
        "message": message,
        **formats.board_urls(workshop, screen),
    }
    if screen == "facilitator":
        context["history"] = mapping_selectors.history(workshop, limit=15)
    template = {
        "phone": "workshops/mapping/_board_phone.html",
        "projector": "workshops/mapping/_board_projector.html",
    }.get(screen, "workshops/mapping/_board.html")
    if screen == "projector":
        with translation.override(workshop.language):
            return render(request, template, context)
    return render(request, template, context)


@login_required
def board(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=pk)
    screen = request.GET.get("screen", "facilitator")
    if screen not in ("facilitator", "projector"):
        screen = "facilitator"
    return _board_response(request, workshop, screen)


def _place(request, workshop, *, actor=None, participant=None):
    """Apply the posted action; returns (refusal, message)."""
    project = get_object_or_404(workshop.projects, pk=id_or_404(request.POST.get("project")))
    images = workshop.framework.images.all() if workshop.framework_id else []
    action = request.POST.get("action", "place")
    image_pk, area_pk = request.POST.get("image"), request.POST.get("area")
    if request.POST.get("spot"):  # the card menu: "image" or "image:sub-area"
        image_pk, _sep, area_pk = request.POST["spot"].partition(":")
    image = None
    if image_pk:
        image = get_object_or_404(images, pk=id_or_404(image_pk))
    area = None
    if image is not None and area_pk:
        area = get_object_or_404(image.areas, pk=id_or_404(area_pk))
    from_image = None
    if request.POST.get("from_image"):
        from_pk = request.POST["from_image"]
        from_image = get_object_or_404(images, pk=id_or_404(from_pk))
    who = {"actor": actor, "participant": participant}
    try:
        if action == "remove" and (from_image or image):
            mapping_services.placement_remove(project=project, image=from_image or image, **who)
            return None, _("%(code)s removed from %(image)s.") % {
                "code": project.code,
                "image": (from_image or image).name,
            }
        if image is None:
            raise Http404
        if action == "toggle" and project.placements.filter(image=image).exists():
            mapping_services.placement_remove(project=project, image=image, **who)
            return None, _("%(code)s removed from %(image)s.") % {
                "code": project.code,
                "image": image.name,
            }
        if action in ("move", "replace") and from_image is not None:
            mapping_services.placement_move(
                project=project, from_image=from_image, to_image=image, area=area, **who
            )
        else:
            mapping_services.placement_place(project=project, image=image, area=area, **who)
        return None, _("%(code)s placed on %(image)s.") % {
            "code": project.code,
            "image": image.name,
        }
    except mapping_services.PlacementRefused as refused:
        refused.wanted = image
        return refused, None


@login_required
@require_POST
def place(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _runner_workshop(request, pk)
    refusal, message = _place(request, workshop, actor=request.user)
    if not _is_htmx(request):
        if refusal:
            messages.error(request, refusal.message)
        return redirect("workshops:run", pk=workshop.pk)
    return _board_response(request, workshop, "facilitator", refusal=refusal, message=message)


@login_required
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _runner_workshop(request, pk)
    refusal = message = None
    try:
        entry = mapping_services.placement_undo(workshop=workshop, actor=request.user)
        message = (
            _("Undone: %(code)s on %(image)s.")
            % {"code": entry.project.code, "image": entry.image.name}
            if entry
            else _("Nothing to undo.")
        )
    except mapping_services.PlacementRefused as refused:
        refusal = refused
    if not _is_htmx(request):
        if message:
            messages.info(request, message)
        return redirect("workshops:run", pk=workshop.pk)
    return _board_response(request, workshop, "facilitator", refusal=refusal, message=message)


def _phone_workshop(request, code):
    live_services.session_by_code_counted(code=code, address=client_address(request))
    workshop = selectors.workshop_by_code(code)
    if workshop is None:
        raise Http404
    participant = participant_for(request, workshop)
    return workshop, participant


@refused_as_page
def phone_board(request: HttpRequest, code: str) -> HttpResponse:
    workshop, participant = _phone_workshop(request, code)
    if participant is None:
        raise PermissionDenied
    return _board_response(request, workshop, "phone", participant=participant)


@require_POST
@refused_as_page
def phone_place(request: HttpRequest, code: str) -> HttpResponse:
    workshop, participant = _phone_workshop(request, code)
    if not rules.participant_may_act(workshop, participant):
        raise PermissionDenied
    if workshop.current_step is None or workshop.current_step.format != "workshops.mapping":
        refusal = mapping_services.PlacementRefused(
            "not_mapping", _("The mapping is not open right now. Look at the big screen.")
        )
        return _board_response(request, workshop, "phone", participant=participant, refusal=refusal)
    refusal, message = _place(request, workshop, participant=participant)
    if not _is_htmx(request):
        return redirect("workshops:phone", code=code)
    return _board_response(
        request, workshop, "phone", participant=participant, refusal=refusal, message=message
    )


# --- Portfolio ---------------------------------------------------------------------------


@login_required
def portfolio(request: HttpRequest, pk: int) -> HttpResponse:
    """The workshop's projects: add one, import a list (preview first), print code cards,
    choose the target images and the limits."""
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=pk)
    editable = rules.can_run_workshop(request.user, workshop)
    organisation = workshop.dialogue.organisation
    project_form = ProjectForm(request.POST if "add_project" in request.POST else None)
    settings_form = SettingsForm(
        request.POST if "save_settings" in request.POST else None,
        frameworks=selectors.frameworks_for_organisation(organisation),
        initial={
            "framework": workshop.framework_id,
            "max_per_project": workshop.max_per_project,
            "over_factor": workshop.over_factor,
        },
    )
    import_form = ImportForm()
    preview = None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if "add_project" in request.POST and project_form.is_valid():
            try:
                project = mapping_services.project_add(
                    workshop=workshop, actor=request.user, **project_form.cleaned_data
                )
                messages.success(request, _("Project %(code)s added.") % {"code": project.code})
                return redirect("workshops:portfolio", pk=workshop.pk)
            except mapping_services.ImportRefused as refused:
                project_form.add_error("code", refused.errors[0])
        elif "save_settings" in request.POST and settings_form.is_valid():
            try:
                mapping_services.workshop_settings_update(
                    workshop=workshop, actor=request.user, **settings_form.cleaned_data
                )
                messages.success(request, _("Settings saved."))
                return redirect("workshops:portfolio", pk=workshop.pk)
            except mapping_services.PlacementRefused as refused:
                settings_form.add_error(None, refused.message)
        elif "delete_project" in request.POST:
            project = get_object_or_404(
                workshop.projects, pk=id_or_404(request.POST["delete_project"])
            )
            mapping_services.project_delete(project=project, actor=request.user)
            messages.success(request, _("Project %(code)s removed.") % {"code": project.code})
            return redirect("workshops:portfolio", pk=workshop.pk)
        elif "preview_import" in request.POST:
            import_form = ImportForm(request.POST, request.FILES)
            if import_form.is_valid():
                upload = import_form.cleaned_data["file"]
                preview = parse_projects(upload.read(), upload.name)
                if preview.ok:
                    preview.payload = signing.dumps(preview.rows, salt=IMPORT_SALT, compress=True)
        elif "confirm_import" in request.POST:
            try:
                rows = signing.loads(request.POST.get("payload", ""), salt=IMPORT_SALT)
            except signing.BadSignature:
                messages.error(request, _("The preview has expired. Choose the file again."))
                return redirect("workshops:portfolio", pk=workshop.pk)
            try:
                created = mapping_services.projects_import(
                    workshop=workshop, actor=request.user, rows=rows
                )
                messages.success(request, _("%(n)d projects imported.") % {"n": len(created)})
                return redirect("workshops:portfolio", pk=workshop.pk)
            except mapping_services.ImportRefused as refused:
                for error in refused.errors:
                    messages.error(request, error)
                messages.error(request, _("Nothing was imported."))
                return redirect("workshops:portfolio", pk=workshop.pk)
    return render(
        request,
        "workshops/portfolio.html",
        {
            "workshop": workshop,
            "projects": workshop.projects.all(),
            "project_form": project_form,
            "settings_form": settings_form,
            "import_form": import_form,
            "preview": preview,
            "editable": editable,
            "board": mapping_selectors.board(workshop),
        },
        status=422 if preview is not None and not preview.ok else 200,
    )


@login_required
@require_safe
def code_cards(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=pk)
    pdf = cards.code_cards_pdf(workshop)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(workshop.title) or "workshop"
    response["Content-Disposition"] = f'attachment; filename="{name}-cards.pdf"'
    return response


@login_required
def framework_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the workshop's target images: names, descriptions, sub-areas, one more image."""
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=pk)
    if workshop.framework is None:
        raise Http404
    editable = rules.can_run_workshop(request.user, workshop)
    framework = workshop.framework
    form = FrameworkForm(request.POST or None, framework=framework)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid() and "save_as_new" in request.POST:
            if workshop.placements.exists():
                form.add_error(
                    None,
                    _(
                        "Projects are already placed: remove them before choosing other "
                        "target images."
                    ),
                )
            else:
                copy = mapping_services.framework_copy(
                    framework=framework, actor=request.user, name=form.cleaned_data["name"]
                )
                mapping_services.framework_update(
                    framework=copy,
                    actor=request.user,
                    name=form.cleaned_data["name"],
                    images=form.images(for_copy_of=framework, copy=copy),
                )
                mapping_services.workshop_settings_update(
                    workshop=workshop,
                    actor=request.user,
                    framework=copy,
                    max_per_project=workshop.max_per_project,
                    over_factor=workshop.over_factor,
                )
                messages.success(
                    request, _("A new set of target images was saved for this workshop.")
                )
                return redirect("workshops:portfolio", pk=workshop.pk)
        elif form.is_valid():
            mapping_services.framework_update(
                framework=framework,
                actor=request.user,
                name=form.cleaned_data["name"],
                images=form.images(),
            )
            messages.success(request, _("Target images saved."))
            return redirect("workshops:portfolio", pk=workshop.pk)
    return render(
        request,
        "workshops/framework_edit.html",
        {"workshop": workshop, "framework": framework, "form": form, "editable": editable},
    )


# --- Discussion and comparison -------------------------------------------------------------


@login_required
@require_POST
def note_save(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    workshop = _runner_workshop(request, pk)
    step = get_object_or_404(workshop.steps, pk=step_pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "workshops/discussion/_note_saved.html",
            {"error": " ".join(map(str, form.errors.get("text", []))) or _("Check the note.")},
            status=422,
        )
    keys = {q["key"] for q in step.options.get("questions", [])}
    if form.cleaned_data["key"] not in keys:
        raise Http404
    services.note_save(
        step=step, key=form.cleaned_data["key"], text=form.cleaned_data["text"], actor=request.user
    )
    if not _is_htmx(request):
        messages.success(request, _("Notes saved."))
        return redirect("workshops:run", pk=workshop.pk)
    return render(
        request, "workshops/discussion/_note_saved.html", {"key": form.cleaned_data["key"]}
    )


@login_required
@require_POST
def discussion_show(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """Put question number `index` on the projector."""
    workshop = _runner_workshop(request, pk)
    step = get_object_or_404(workshop.steps, pk=step_pk)
    count = len(step.options.get("questions", []))
    index = number_or(request.POST.get("index"), 0)
    services.step_set_option(step=step, name="current", value=max(0, min(index, count - 1)))
    return redirect("workshops:run", pk=workshop.pk)


@login_required
@require_POST
def compare_choose(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _runner_workshop(request, pk)
    question = None
    wanted = request.POST.get("question")
    if wanted:
        question = next(
            (q for q in mapping_selectors.poll_candidates(workshop) if str(q.pk) == wanted), None
        )
        if question is None:  # another dialogue's question, or not a poll of target images
            raise Http404
    mapping_services.compare_question_set(workshop=workshop, question=question, actor=request.user)
    messages.success(request, _("Citizens' poll chosen."))
    return redirect("workshops:run", pk=workshop.pk)


@login_required
def theme_map(request: HttpRequest, pk: int) -> HttpResponse:
    """Which target image each theme of the citizens' inputs speaks to (question f compares
    through it): one menu per theme, "none" allowed; nothing is matched by name."""
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=pk)
    editable = rules.can_run_workshop(request.user, workshop)
    images = mapping_selectors.images_of(workshop)
    rows = mapping_selectors.theme_rows(workshop)
    refused = []
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        by_pk = {str(image.pk): image for image in images}
        wanted = {}
        for row in rows:
            value = request.POST.get(f"theme_{row['theme'].pk}")
            if value is None:
                continue
            if value and value not in by_pk:
                refused.append(row["theme"].name)
                continue
            wanted[row["theme"]] = by_pk.get(value)
        if not refused:
            changes = mapping_services.theme_map_set(
                workshop=workshop, images=wanted, actor=request.user
            )
            messages.success(
                request,
                ngettext(
                    "Saved: %(n)s theme mapped anew.",
                    "Saved: %(n)s themes mapped anew.",
                    len(changes),
                )
                % {"n": len(changes)},
            )
            return redirect("workshops:theme_map", pk=workshop.pk)
    return render(
        request,
        "workshops/theme_map.html",
        {
            "workshop": workshop,
            "editable": editable,
            "images": images,
            "rows": rows,
            "coverage": mapping_selectors.inputs_coverage(workshop),
            "refused": refused,
        },
    )


# --- Report ------------------------------------------------------------------------------


@login_required
@require_safe
def workshop_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=pk)
    if fmt not in ("pdf", "docx"):
        raise Http404
    content_type = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }[fmt]
    response = HttpResponse(report.render(workshop, fmt), content_type=content_type)
    name = slugify(workshop.title) or "workshop"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
