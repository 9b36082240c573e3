"""Facilitator pages for dialogues: list, create, plan (phases) and the sessions in them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samrad.accounts.rules import can_facilitate, can_read_audit
from samrad.accounts.selectors import current_organisation
from samrad.core import plugins
from samrad.core.ids import id_or_404
from samrad.dialogues import services
from samrad.dialogues.forms import DialogueForm, MeetingForm, PhasesForm
from samrad.dialogues.selectors import (
    dialogue_editable_or_404,
    dialogue_key_numbers,
    dialogues_for_user,
    meetings_with_session_counts,
)


@login_required
def dialogue_list(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(user=request.user)
    return render(
        request,
        "dialogues/list.html",
        {
            "organisation": organisation,
            "dialogues": dialogues_for_user(user=request.user),
            "editable": organisation is not None and can_facilitate(request.user, organisation),
            "audit": organisation is not None and can_read_audit(request.user, organisation),
        },
    )


@login_required
def dialogue_create(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(user=request.user)
    if organisation is None or not can_facilitate(request.user, organisation):
        raise PermissionDenied
    form = DialogueForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        dialogue = services.dialogue_create(
            organisation=organisation, actor=request.user, **form.cleaned_data
        )
        return redirect("dialogues:detail", pk=dialogue.pk)
    return render(request, "dialogues/form.html", {"form": form})


@login_required
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    phases = list(dialogue.phases.all())
    form = DialogueForm(
        request.POST if "save_dialogue" in request.POST else None,
        initial={
            "title": dialogue.title,
            "description": dialogue.description,
            "language": dialogue.language,
        },
    )
    phases_form = PhasesForm(
        request.POST if "save_phases" in request.POST else None,
        initial={"phases": "\n".join(p.name for p in phases)},
    )
    # The prefix keeps the meeting form's ids (id_meeting-title) apart from the dialogue form's.
    meeting_form = MeetingForm(
        request.POST if "save_meeting" in request.POST else None, prefix="meeting"
    )
    if request.method == "POST":
        if "save_meeting" in request.POST and meeting_form.is_valid():
            services.meeting_create(
                dialogue=dialogue, actor=request.user, **meeting_form.cleaned_data
            )
            messages.success(request, _("Meeting added."))
            return redirect("dialogues:detail", pk=dialogue.pk)
        if "delete_meeting" in request.POST:
            meeting = get_object_or_404(
                dialogue.meetings, pk=id_or_404(request.POST["delete_meeting"])
            )
            services.meeting_delete(meeting=meeting, actor=request.user)
            messages.success(request, _("Meeting removed."))
            return redirect("dialogues:detail", pk=dialogue.pk)
        if "save_dialogue" in request.POST and form.is_valid():
            services.dialogue_update(dialogue=dialogue, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Dialogue saved."))
            return redirect("dialogues:detail", pk=dialogue.pk)
        if "save_phases" in request.POST and phases_form.is_valid():
            services.phases_set(
                dialogue=dialogue, names=phases_form.cleaned_data["phases"], actor=request.user
            )
            messages.success(request, _("Phases saved."))
            return redirect("dialogues:detail", pk=dialogue.pk)
    return render(
        request,
        "dialogues/detail.html",
        {
            "dialogue": dialogue,
            "phases": phases,
            # A workshop's session is listed (and closed) with its workshop, not here too.
            "sessions": dialogue.sessions.filter(workshop__isnull=True),
            "form": form,
            "phases_form": phases_form,
            "meetings": meetings_with_session_counts(dialogue=dialogue),
            "numbers": dialogue_key_numbers(dialogue=dialogue),
            "meeting_form": meeting_form,
            "editable": editable,
            # every app's part of the page, by stage (samrad.core.plugins)
            "sections": plugins.dialogue_sections(),
        },
    )
