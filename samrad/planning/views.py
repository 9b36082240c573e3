"""Facilitator pages of the plan and the evaluation. Each page gets its dialogue through
`dialogue_for_user_or_404` (another organisation's → 404) and everything else through that
dialogue; a POST by a viewer is refused (403). Forms validate, services write.

Every page has several small forms; the button pressed says which (`action`)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samrad.core.ids import id_or_404
from samrad.dialogues.selectors import dialogue_editable_or_404
from samrad.live.errors import NoCodesLeft
from samrad.planning import forms, measures, selectors, services
from samrad.planning.models import (
    ActivityStatus,
    CoCreationLab,
    CommsActivity,
    Decision,
    Goal,
    KeyActor,
    Lesson,
    Measure,
    Purpose,
    TargetGroup,
)


def _bound(request: HttpRequest, action: str):
    """The POST data for the form of `action`, None for the other forms on the page."""
    return request.POST if request.POST.get("action") == action else None


def _back(request: HttpRequest, name: str, pk: int, message: str, anchor: str = ""):
    messages.success(request, message)
    return redirect(reverse(f"planning:{name}", args=[pk]) + (f"#{anchor}" if anchor else ""))


def _refused(request: HttpRequest, error: ValueError) -> None:
    messages.error(request, _("Not saved: %(reason)s") % {"reason": error})


# --- The plan: purposes, timeline, decisions -----------------------------------------------


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    phase_form = forms.PhasePlanForm(
        _bound(request, "phase"), dialogue=dialogue, auto_id="phase-%s"
    )
    decision_form = forms.DecisionForm(_bound(request, "decision"), auto_id="decision-%s")
    action = request.POST.get("action")
    if action == "phase" and phase_form.is_valid():
        services.phase_plan_set(actor=request.user, **phase_form.cleaned_data)
        return _back(request, "plan", pk, _("Phase saved."), "timeline-heading")
    if action == "decision" and decision_form.is_valid():
        services.decision_create(
            dialogue=dialogue, actor=request.user, **decision_form.cleaned_data
        )
        return _back(request, "plan", pk, _("Decision added."), "decisions-heading")
    if action == "publish_decision":
        decision = get_object_or_404(
            Decision, dialogue=dialogue, pk=id_or_404(request.POST.get("decision"))
        )
        public = request.POST.get("public") == "1"
        services.decision_publish(decision=decision, public=public, actor=request.user)
        message = _("Shown on the public page.") if public else _("Taken off the public page.")
        return _back(request, "plan", pk, message, "decisions-heading")
    if action == "delete_decision":
        decision = get_object_or_404(
            Decision, dialogue=dialogue, pk=id_or_404(request.POST.get("decision"))
        )
        services.decision_delete(decision=decision, actor=request.user)
        return _back(request, "plan", pk, _("Decision removed."), "decisions-heading")
    return render(
        request,
        "planning/plan.html",
        {
            "dialogue": dialogue,
            "editable": editable,
            "purposes": dialogue.purposes.all(),
            "timeline": selectors.timeline(dialogue),
            "decisions": dialogue.decisions.all(),
            "matrix": selectors.goal_matrix(dialogue),
            "phase_form": phase_form,
            "decision_form": decision_form,
            "open_form": action,
        },
    )


# --- Goal matrix ---------------------------------------------------------------------------


@login_required
def goals(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    settings = selectors.plan_settings(dialogue)
    purpose_form = forms.PurposeForm(_bound(request, "purpose"), auto_id="purpose-%s")
    goal_form = forms.GoalForm(_bound(request, "goal"), dialogue=dialogue, auto_id="goal-%s")
    measure_form = forms.MeasureForm(
        _bound(request, "measure"), dialogue=dialogue, auto_id="measure-%s"
    )
    settings_form = forms.SettingsForm(
        _bound(request, "settings"),
        initial={"close_margin": settings.close_margin},
        auto_id="settings-%s",
    )
    action = request.POST.get("action")
    try:
        if action == "purpose" and purpose_form.is_valid():
            services.purpose_create(
                dialogue=dialogue, actor=request.user, **purpose_form.cleaned_data
            )
            return _back(request, "goals", pk, _("Purpose added."))
        if action == "goal" and goal_form.is_valid():
            services.goal_create(actor=request.user, **goal_form.cleaned_data)
            return _back(request, "goals", pk, _("Goal added."))
        if action == "measure" and measure_form.is_valid():
            services.measure_create(
                goal=measure_form.cleaned_data["goal"],
                actor=request.user,
                **measure_form.service_kwargs(),
            )
            return _back(request, "goals", pk, _("Measure added."))
        if action == "settings" and settings_form.is_valid():
            services.settings_update(
                dialogue=dialogue, actor=request.user, **settings_form.cleaned_data
            )
            return _back(request, "goals", pk, _("Margin saved."))
        if action == "delete_purpose":
            purpose = get_object_or_404(
                Purpose, dialogue=dialogue, pk=id_or_404(request.POST.get("purpose"))
            )
            services.purpose_delete(purpose=purpose, actor=request.user)
            return _back(request, "goals", pk, _("Purpose removed."))
        if action == "delete_goal":
            goal = get_object_or_404(
                Goal, purpose__dialogue=dialogue, pk=id_or_404(request.POST.get("goal"))
            )
            services.goal_delete(goal=goal, actor=request.user)
            return _back(request, "goals", pk, _("Goal removed."))
    except ValueError as error:
        _refused(request, error)
    return render(
        request,
        "planning/goals.html",
        {
            "dialogue": dialogue,
            "editable": editable,
            "matrix": selectors.goal_matrix(dialogue),
            "purpose_form": purpose_form,
            "goal_form": goal_form,
            "measure_form": measure_form,
            "settings_form": settings_form,
            "sources": measures.SOURCES.values(),
            "open_form": action,
        },
    )


@login_required
def measure(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    item = get_object_or_404(
        Measure.objects.select_related("goal__purpose", "question"),
        goal__purpose__dialogue=dialogue,
        pk=measure_pk,
    )
    initial = {
        "title": item.title,
        "method": item.method,
        "source": item.source,
        "target": item.target,
        "direction": item.direction,
        "close_margin": item.close_margin,
        "due_on": item.due_on,
        "question": item.question_id,
        "choices": item.choice_ids,
        "threshold": item.threshold,
    }
    edit_form = forms.MeasureForm(
        _bound(request, "edit"),
        dialogue=dialogue,
        with_goal=False,
        initial=initial,
        auto_id="edit-%s",
    )
    record_form = forms.RecordForm(
        _bound(request, "record"),
        auto_id="record-%s",
        initial={
            "manual_value": item.manual_value,
            "evidence": item.evidence,
            "recorded_on": item.recorded_on or timezone.localdate(),
        },
    )
    action = request.POST.get("action")
    try:
        if action == "edit" and edit_form.is_valid():
            services.measure_update(measure=item, actor=request.user, **edit_form.service_kwargs())
            messages.success(request, _("Measure saved."))
            return redirect("planning:measure", pk, item.pk)
        if action == "record" and record_form.is_valid():
            data = record_form.cleaned_data
            services.measure_record(
                measure=item,
                value=data["manual_value"],
                evidence=data["evidence"],
                recorded_on=data["recorded_on"],
                actor=request.user,
            )
            messages.success(request, _("Value recorded."))
            return redirect("planning:measure", pk, item.pk)
        if action == "delete":
            services.measure_delete(measure=item, actor=request.user)
            return _back(request, "goals", pk, _("Measure removed."))
    except ValueError as error:
        _refused(request, error)
    row = selectors.measure_row(
        item,
        dialogue,
        margin=selectors.plan_settings(dialogue).close_margin,
        today=timezone.localdate(),
    )
    return render(
        request,
        "planning/measure.html",
        {
            "dialogue": dialogue,
            "editable": editable,
            "row": row,
            "item": item,
            "edit_form": edit_form,
            "record_form": record_form,
        },
    )


# --- Target groups and meetings ------------------------------------------------------------


def _month(request: HttpRequest, dialogue) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        date(year, month, 1)
        return year, month
    except (TypeError, ValueError, OverflowError):
        return selectors.calendar_month_for(dialogue)


@login_required
def reach(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    group_form = forms.TargetGroupForm(_bound(request, "group"), dialogue=dialogue)
    action = request.POST.get("action")
    try:
        if action == "group" and group_form.is_valid():
            data = group_form.cleaned_data
            services.target_group_save(
                dialogue=dialogue,
                name=data["name"],
                reach_goal=data["reach_goal"],
                question=data["question"],
                choice_ids=data["choice_ids"],
                manual_count=data["manual_count"],
                meetings=list(data["meetings"]),
                actor=request.user,
            )
            return _back(request, "reach", pk, _("Target group added."), "groups-heading")
        if action == "delete_group":
            group = get_object_or_404(
                TargetGroup, dialogue=dialogue, pk=id_or_404(request.POST.get("group"))
            )
            services.target_group_delete(group=group, actor=request.user)
            return _back(request, "reach", pk, _("Target group removed."), "groups-heading")
    except ValueError as error:
        _refused(request, error)
    year, month = _month(request, dialogue)
    first = date(year, month, 1)
    previous = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return render(
        request,
        "planning/reach.html",
        {
            "dialogue": dialogue,
            "editable": editable,
            "reach": selectors.reach(dialogue),
            "group_form": group_form,
            "weeks": selectors.month_calendar(dialogue, year, month),
            "month": first,
            "previous": previous,
            "following": following,
            "meetings": dialogue.meetings.prefetch_related("target_groups", "sessions"),
            "now": timezone.now(),
            "open_form": action,
        },
    )


@login_required
def target_group(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    group = get_object_or_404(TargetGroup, dialogue=dialogue, pk=group_pk)
    form = forms.TargetGroupForm(
        request.POST or None,
        dialogue=dialogue,
        initial={
            "name": group.name,
            "reach_goal": group.reach_goal,
            "question": group.question_id,
            "choices": group.choice_ids,
            "manual_count": group.manual_count,
            "meetings": list(group.meetings.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.target_group_save(
                dialogue=dialogue,
                group=group,
                name=data["name"],
                reach_goal=data["reach_goal"],
                question=data["question"],
                choice_ids=data["choice_ids"],
                manual_count=data["manual_count"],
                meetings=list(data["meetings"]),
                actor=request.user,
            )
            return _back(request, "reach", pk, _("Target group saved."), "groups-heading")
        except ValueError as error:
            _refused(request, error)
    return render(
        request,
        "planning/target_group.html",
        {"dialogue": dialogue, "editable": editable, "group": group, "form": form},
    )


# --- Communication plan --------------------------------------------------------------------


@login_required
def comms(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    form = forms.CommsForm(_bound(request, "activity"), dialogue=dialogue)
    action = request.POST.get("action")
    if action == "activity" and form.is_valid():
        services.comms_create(dialogue=dialogue, actor=request.user, **form.cleaned_data)
        return _back(request, "comms", pk, _("Activity added."))
    if action in ("status", "delete"):
        activity = get_object_or_404(
            CommsActivity, dialogue=dialogue, pk=id_or_404(request.POST.get("activity"))
        )
        if action == "delete":
            services.comms_delete(activity=activity, actor=request.user)
            return _back(request, "comms", pk, _("Activity removed."))
        if request.POST.get("status") in ActivityStatus.values:
            services.comms_set_status(
                activity=activity, status=request.POST["status"], actor=request.user
            )
            return _back(request, "comms", pk, _("Status saved."))
    rows = selectors.comms_plan(dialogue)
    return render(
        request,
        "planning/comms.html",
        {
            "dialogue": dialogue,
            "editable": editable,
            "rows": rows,
            "overdue": sum(1 for row in rows if row["overdue"]),
            "statuses": ActivityStatus.choices,
            "form": form,
            "open_form": action,
        },
    )


# --- Evaluation ----------------------------------------------------------------------------


@login_required
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    lesson_form = forms.LessonForm(_bound(request, "lesson"))
    action = request.POST.get("action")
    if action == "questionnaire":
        try:
            session = services.process_evaluation_create(dialogue=dialogue, actor=request.user)
        except NoCodesLeft as refused:
            messages.error(request, refused.message)
            return redirect("planning:evaluation", pk)
        messages.success(
            request,
            _("Questionnaire created. Share the join code %(code)s with the project group.")
            % {"code": session.code},
        )
        return redirect("planning:evaluation", pk)
    if action == "lesson" and lesson_form.is_valid():
        services.lesson_create(dialogue=dialogue, actor=request.user, **lesson_form.cleaned_data)
        return _back(request, "evaluation", pk, _("Lesson added."), "lessons-heading")
    if action == "delete_lesson":
        lesson = get_object_or_404(
            Lesson, dialogue=dialogue, pk=id_or_404(request.POST.get("lesson"))
        )
        services.lesson_delete(lesson=lesson, actor=request.user)
        return _back(request, "evaluation", pk, _("Lesson removed."), "lessons-heading")
    return render(
        request,
        "planning/evaluation.html",
        {
            "dialogue": dialogue,
            "editable": editable,
            "matrix": selectors.goal_matrix(dialogue),
            "process": selectors.process_summary(dialogue),
            "lessons": dialogue.lessons.all(),
            "lesson_form": lesson_form,
            "open_form": action,
        },
    )


# --- Co-creation lab -----------------------------------------------------------------------


@login_required
def labs(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    form = forms.LabForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lab = services.lab_create(dialogue=dialogue, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Lab created."))
        return redirect("planning:lab", pk, lab.pk)
    return render(
        request,
        "planning/labs.html",
        {"dialogue": dialogue, "editable": editable, "labs": dialogue.labs.all(), "form": form},
    )


@login_required
def lab(request: HttpRequest, pk: int, lab_pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    item = get_object_or_404(CoCreationLab, dialogue=dialogue, pk=lab_pk)
    actor_form = forms.ActorForm(_bound(request, "actor"), auto_id="actor-%s")
    measure_form = forms.LabMeasureForm(_bound(request, "measure"), auto_id="labmeasure-%s")
    value_form = forms.LabValueForm(_bound(request, "value"), lab=item, auto_id="value-%s")
    action = request.POST.get("action")
    here = reverse("planning:lab", args=[pk, item.pk])
    if action == "actor" and actor_form.is_valid():
        services.key_actor_add(lab=item, actor=request.user, **actor_form.cleaned_data)
        messages.success(request, _("Key actor added."))
        return redirect(here + "#actors-heading")
    if action == "delete_actor":
        actor = get_object_or_404(KeyActor, lab=item, pk=id_or_404(request.POST.get("actor")))
        services.key_actor_delete(key_actor=actor, actor=request.user)
        messages.success(request, _("Key actor removed."))
        return redirect(here + "#actors-heading")
    if action == "measure" and measure_form.is_valid():
        services.lab_measure_add(lab=item, actor=request.user, **measure_form.cleaned_data)
        messages.success(request, _("Measure added."))
        return redirect(here + "#measures-heading")
    if action == "value" and value_form.is_valid():
        services.lab_value_record(actor=request.user, **value_form.cleaned_data)
        messages.success(request, _("Value recorded."))
        return redirect(here + "#measures-heading")
    return render(
        request,
        "planning/lab.html",
        {
            "dialogue": dialogue,
            "editable": editable,
            "lab": item,
            "actors": item.actors.all(),
            "series": selectors.lab_series(item),
            "actor_form": actor_form,
            "measure_form": measure_form,
            "value_form": value_form,
            "open_form": action,
        },
    )
