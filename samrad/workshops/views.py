"""Workshop pages: the template list (create), the facilitator's run page, the projector and
the phone, and the fragments their screens reload when the step changes.

Views validate input and call services; each step is drawn by its format's template
(`screens.step_context`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samrad.core.ids import id_or_404
from samrad.core.links import absolute_url, qr_svg
from samrad.core.ratelimit import client_address
from samrad.dialogues.selectors import dialogue_editable_or_404
from samrad.live import services as live_services
from samrad.live.errors import NoCodesLeft, Refused, refused_as_page
from samrad.workshops import rules, selectors, services
from samrad.workshops.forms import StepForm, WorkshopCreateForm
from samrad.workshops.participants import participant_for
from samrad.workshops.screens import step_context
from samrad.workshops.templates_registry import WORKSHOP_TEMPLATES


def _workshop_for_runner(request: HttpRequest, pk: int):
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=pk)
    if not rules.can_run_workshop(request.user, workshop):
        raise PermissionDenied
    return workshop


# --- Create from a template --------------------------------------------------------------


@login_required
def template_list(request: HttpRequest, dialogue_pk: int) -> HttpResponse:
    """Every registered workshop template, each with its button; POST creates one."""
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=dialogue_pk, change=request.method == "POST"
    )
    form = WorkshopCreateForm(request.POST or None, initial={"language": dialogue.language})
    status = 200
    if request.method == "POST":
        key = request.POST.get("template", "")
        if key not in WORKSHOP_TEMPLATES:
            raise Http404
        if form.is_valid():
            try:
                workshop = services.workshop_create(
                    dialogue,
                    key,
                    request.user,
                    title=form.cleaned_data["title"],
                    language=form.cleaned_data["language"],
                )
            except NoCodesLeft as refused:
                form.add_error(None, refused.message)
                status = refused.status
            else:
                messages.success(request, _("Workshop created."))
                return redirect("workshops:run", pk=workshop.pk)
    templates = sorted(WORKSHOP_TEMPLATES.values(), key=lambda t: str(t.label))
    return render(
        request,
        "workshops/template_list.html",
        {
            "dialogue": dialogue,
            "templates": templates,
            "form": form,
            "editable": editable,
            "workshops": dialogue.workshops.all(),
        },
        status=status,
    )


# --- Facilitator -------------------------------------------------------------------------


def _run_context(request, workshop) -> dict:
    editable = rules.can_run_workshop(request.user, workshop)
    context = step_context(
        request, workshop, workshop.current_step, "facilitator", editable=editable
    )
    context["steps"] = selectors.steps_of(workshop)
    return context


@login_required
def run(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitator's screen: the steps, the current one with its speaker note."""
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=pk)
    context = _run_context(request, workshop)
    context["join_url"] = absolute_url(
        request, reverse("live:join_code", args=[workshop.session.code])
    )
    return render(request, "workshops/run.html", context)


@login_required
def run_step(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=pk)
    return render(request, "workshops/_run_step.html", _run_context(request, workshop))


@login_required
@require_POST
def command(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Next, previous or a chosen step (the run page's buttons, keys and the projector's);
    close or open the workshop (its live session)."""
    workshop = _workshop_for_runner(request, pk)
    if action == "next":
        services.workshop_step(workshop=workshop, offset=1, actor=request.user)
    elif action == "previous":
        services.workshop_step(workshop=workshop, offset=-1, actor=request.user)
    elif action == "goto":
        step = get_object_or_404(workshop.steps, pk=id_or_404(request.POST.get("step")))
        services.workshop_go_to(workshop=workshop, step=step, actor=request.user)
    elif action in ("close", "open"):
        services.workshop_set_open(workshop=workshop, open=action == "open", actor=request.user)
    else:
        raise Http404
    if request.headers.get("HX-Request") == "true":
        return HttpResponse(status=204)
    return redirect("workshops:run", pk=workshop.pk)


@login_required
def step_edit(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=pk)
    step = get_object_or_404(workshop.steps, pk=step_pk)
    editable = rules.can_run_workshop(request.user, workshop)
    form = StepForm(
        request.POST or None,
        initial={"title": step.title, "body": step.body, "script": step.script},
    )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            services.step_update(step=step, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Step saved."))
            return redirect("workshops:run", pk=workshop.pk)
    return render(
        request,
        "workshops/step_edit.html",
        {"workshop": workshop, "step": step, "form": form, "editable": editable},
    )


# --- Projector ---------------------------------------------------------------------------


@login_required
def projector(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=pk)
    url = absolute_url(request, reverse("live:join_code", args=[workshop.session.code]))
    # The projector speaks the workshop's language, like the fragments it reloads.
    with translation.override(workshop.language):
        context = step_context(
            request,
            workshop,
            workshop.current_step,
            "projector",
            editable=rules.can_run_workshop(request.user, workshop),
        )
        context.update(
            join_url=url,
            join_host=url.split("//", 1)[-1].split("/j/")[0],
            qr=qr_svg(url, _("QR code to join the workshop")),
        )
        return render(request, "workshops/projector.html", context)


@login_required
def projector_step(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=pk)
    with translation.override(workshop.language):
        context = step_context(
            request,
            workshop,
            workshop.current_step,
            "projector",
            editable=rules.can_run_workshop(request.user, workshop),
        )
        return render(request, "workshops/_projector_step.html", context)


# --- Phone -------------------------------------------------------------------------------


def _phone_workshop(request: HttpRequest, code: str):
    """The workshop of an open session with this code and the phone's participant in it."""
    live_services.session_by_code_counted(code=code, address=client_address(request))
    workshop = selectors.workshop_by_code(code)
    if workshop is None:
        raise Http404
    participant = participant_for(request, workshop)
    return workshop, participant


@refused_as_page
def phone(request: HttpRequest, code: str) -> HttpResponse:
    workshop, participant = _phone_workshop(request, code)
    if participant is None:  # not joined yet (or the cookie expired): join first
        return redirect("live:join_code", code=code)
    if not workshop.session.is_open:
        return render(
            request,
            "workshops/phone_closed.html",
            {"workshop": workshop, "error": Refused("session_closed").message},
            status=410,
        )
    context = step_context(
        request, workshop, workshop.current_step, "phone", participant=participant
    )
    return render(request, "workshops/phone.html", context)


@refused_as_page
def phone_step(request: HttpRequest, code: str) -> HttpResponse:
    workshop, participant = _phone_workshop(request, code)
    if participant is None:
        return HttpResponse(
            status=204, headers={"HX-Redirect": reverse("live:join_code", args=[code])}
        )
    if not workshop.session.is_open:
        return render(
            request,
            "workshops/_phone_closed.html",
            {"error": Refused("session_closed").message},
        )
    context = step_context(
        request, workshop, workshop.current_step, "phone", participant=participant
    )
    return render(request, "workshops/_phone_step.html", context)
