"""Reads for the plan and the evaluation: live figures for measures and target groups, the goal
matrix with statuses, reach, overdue communication, the process evaluation's results and the
lab's time series. Every page gets its dialogue through `dialogue_for_user_or_404` first and
reads only what hangs under it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from samrad.dialogues.models import Dialogue
from samrad.live.models import Choice, Question, QuestionKind, Response
from samrad.planning import status as status_rules
from samrad.planning.models import (
    ActivityStatus,
    CoCreationLab,
    CommsActivity,
    Measure,
    PhasePlan,
    PlanSettings,
    Purpose,
    TargetGroup,
)

# --- Live figures --------------------------------------------------------------------------


def question_family(question: Question) -> QuerySet[Question]:
    """The question and, for a ready-made poll question (same `template_key`), the same
    question in every session of the dialogue: "how old are you?" asked at ten meetings
    counts as one."""
    if not question.template_key:
        return Question.objects.filter(pk=question.pk)
    return Question.objects.filter(
        session__dialogue_id=question.session.dialogue_id,
        template_key=question.template_key,
        kind=question.kind,
    )


def _family_choice_ids(question: Question, choice_ids: list[int]) -> set[int]:
    """The chosen options, and the options with the same labels in the question's family."""
    labels = set(question.choices.filter(pk__in=choice_ids).values_list("label", flat=True))
    family = question_family(question)
    return set(
        Choice.objects.filter(question__in=family, label__in=labels).values_list("pk", flat=True)
    )


def choice_reach(question: Question, choice_ids: list[int]) -> tuple[int, int]:
    """(participants who picked one of the options, participants who answered the question)."""
    wanted = _family_choice_ids(question, choice_ids)
    respondents: set[int] = set()
    picked: set[int] = set()
    rows = Response.objects.filter(question__in=question_family(question)).values_list(
        "participant_id", "choices"
    )
    for participant_id, choices in rows:
        respondents.add(participant_id)
        if wanted.intersection(choices or []):
            picked.add(participant_id)
    return len(picked), len(respondents)


def answer_mean(question: Question) -> tuple[float | None, int]:
    numbers = Response.objects.filter(
        question__in=question_family(question), value__isnull=False
    ).aggregate(mean=Avg("value"), count=Count("id"))
    return numbers["mean"], numbers["count"]


def answers_at_least(question: Question, threshold: float) -> tuple[int, int]:
    numbers = Response.objects.filter(
        question__in=question_family(question), value__isnull=False
    ).aggregate(total=Count("id"), high=Count("id", filter=Q(value__gte=threshold)))
    return numbers["high"], numbers["total"]


def live_questions(dialogue: Dialogue, kinds: tuple[str, ...] = ()) -> QuerySet[Question]:
    """Questions of the dialogue's sessions a measure or a target group may read."""
    questions = Question.objects.filter(session__dialogue=dialogue).select_related("session")
    if kinds:
        questions = questions.filter(kind__in=kinds)
    return questions.prefetch_related("choices").order_by("session__created_at", "position")


# --- The goal matrix -----------------------------------------------------------------------


def plan_settings(dialogue: Dialogue) -> PlanSettings:
    """The dialogue's settings, or the defaults (unsaved) when nobody has changed them."""
    return PlanSettings.objects.filter(dialogue=dialogue).first() or PlanSettings(dialogue=dialogue)


def purposes_with_goals(dialogue: Dialogue) -> list[Purpose]:
    return list(
        dialogue.purposes.prefetch_related("goals__measures__question__choices").order_by(
            "position", "id"
        )
    )


def measure_row(
    measure: Measure, dialogue: Dialogue, *, margin: float, today: date
) -> dict[str, Any]:
    from samrad.planning import measures

    reading = measures.read(measure, dialogue)
    source = measures.source_of(measure.source)
    value = reading.value if reading.available else None
    return {
        "measure": measure,
        "source": source,
        "unit": source.unit if source else "",
        "reading": reading,
        "margin": measure.close_margin if measure.close_margin is not None else margin,
        "status": status_rules.measure_status(
            value,
            measure.target,
            direction=measure.direction,
            margin_pct=measure.close_margin if measure.close_margin is not None else margin,
            due_on=measure.due_on,
            today=today,
        ),
    }


def goal_matrix(dialogue: Dialogue, *, today: date | None = None) -> dict[str, Any]:
    """Purposes → goals → measure rows (measure, reading, status), and the status summary."""
    today = today or timezone.localdate()
    margin = plan_settings(dialogue).close_margin
    purposes = []
    statuses: list[str] = []
    for purpose in purposes_with_goals(dialogue):
        goals = []
        for goal in purpose.goals.all():
            rows = [
                measure_row(m, dialogue, margin=margin, today=today) for m in goal.measures.all()
            ]
            statuses.extend(row["status"] for row in rows)
            goals.append({"goal": goal, "rows": rows})
        purposes.append({"purpose": purpose, "goals": goals})
    return {
        "purposes": purposes,
        "summary": status_rules.Summary.of(statuses),
        "margin": margin,
    }


# --- Target groups -------------------------------------------------------------------------


def reached(group: TargetGroup) -> int | None:
    """How many participants of the group took part: from the composition answer when the
    group has one, else the number counted by hand (None when neither is known)."""
    if group.question is not None:
        return choice_reach(group.question, group.choice_ids)[0]
    return group.manual_count


def reach(dialogue: Dialogue) -> list[dict[str, Any]]:
    rows = []
    for group in dialogue.target_groups.select_related("question").prefetch_related("meetings"):
        count = reached(group)
        share = None if count is None or not group.reach_goal else 100.0 * count / group.reach_goal
        rows.append(
            {
                "group": group,
                "reached": count,
                "percent": share,
                "bar": min(share or 0, 100.0),
                "met": count is not None and count >= group.reach_goal,
                "counted": "live" if group.question_id else "manual",
            }
        )
    return rows


# --- Communication -------------------------------------------------------------------------


def is_overdue(activity: CommsActivity, today: date) -> bool:
    return activity.planned_on < today and activity.status not in (
        ActivityStatus.DONE,
        ActivityStatus.CANCELLED,
    )


def comms_plan(dialogue: Dialogue, *, today: date | None = None) -> list[dict[str, Any]]:
    today = today or timezone.localdate()
    return [
        {"activity": activity, "overdue": is_overdue(activity, today)}
        for activity in dialogue.comms_activities.select_related("audience")
    ]


# --- Process evaluation --------------------------------------------------------------------


def process_summary(dialogue: Dialogue) -> dict[str, Any] | None:
    """The process-evaluation questionnaire's results, question by question."""
    from samrad.live import selectors as live_selectors

    session = plan_settings(dialogue).process_session
    if session is None:
        return None
    questions = []
    for question in session.questions.prefetch_related("choices"):
        results = live_selectors.question_results(question)
        entry: dict[str, Any] = {"question": question, "results": results}
        if question.kind == QuestionKind.SCALE:
            entry["mean"], entry["count"] = answer_mean(question)
        elif question.kind == QuestionKind.OPEN:
            entry["texts"] = list(
                live_selectors.shown_responses(question).values_list("text", flat=True)
            )
            entry["count"] = len(entry["texts"])
        questions.append(entry)
    return {
        "session": session,
        "respondents": session.participants.count(),
        "questions": questions,
    }


# --- The co-creation lab -------------------------------------------------------------------


def lab_series(lab: CoCreationLab, *, width: int = 560, height: int = 220) -> list[dict]:
    """Each measure's dated values, and the points of a small inline SVG line chart."""
    series = []
    pad = 30  # room for the axis labels
    for measure in lab.measures.prefetch_related("values"):
        values = list(measure.values.all())
        dots: list[tuple[str, str]] = []
        low = high = None
        if values:
            days = [(v.measured_on - values[0].measured_on).days for v in values]
            span_days = max(days[-1], 1)
            low = min(0.0, min(v.value for v in values))
            high = max(v.value for v in values)
            span = (high - low) or 1.0
            dots = [
                (
                    f"{pad + (width - 2 * pad) * d / span_days:.1f}",
                    f"{height - pad - (height - 2 * pad) * (v.value - low) / span:.1f}",
                )
                for d, v in zip(days, values, strict=True)
            ]
        series.append(
            {
                "measure": measure,
                "values": values,
                "points": " ".join(f"{x},{y}" for x, y in dots),
                "dots": dots,
                "low": low,
                "high": high,
                "latest": values[-1] if values else None,
                "first": values[0] if values else None,
            }
        )
    return series


# --- Timeline and calendar -----------------------------------------------------------------


def timeline(dialogue: Dialogue) -> dict[str, Any]:
    """The phases in order with their dates, and where each sits on a common time axis (per
    cent from the first start to the last end), for a simple bar timeline."""
    phases = list(dialogue.phases.select_related("plan"))
    rows = []
    dated = [p.plan for p in phases if hasattr(p, "plan") and p.plan.starts_on and p.plan.ends_on]
    first = min((plan.starts_on for plan in dated if plan.starts_on), default=None)
    last = max((plan.ends_on for plan in dated if plan.ends_on), default=None)
    span = max(((last - first).days + 1) if first and last else 1, 1)
    today = timezone.localdate()
    for phase in phases:
        plan = getattr(phase, "plan", None)
        row: dict[str, Any] = {"phase": phase, "plan": plan, "offset": None, "width": None}
        if plan and plan.starts_on and plan.ends_on and first:
            row["offset"] = round(100 * (plan.starts_on - first).days / span, 2)
            row["width"] = max(round(100 * ((plan.ends_on - plan.starts_on).days + 1) / span, 2), 1)
            row["current"] = plan.starts_on <= today <= plan.ends_on
        rows.append(row)
    today_at = None
    if first and last and first <= today <= last:
        today_at = round(100 * (today - first).days / span, 2)
    return {"rows": rows, "first": first, "last": last, "today_at": today_at}


def month_calendar(dialogue: Dialogue, year: int, month: int) -> list[list[dict[str, Any]]]:
    """Weeks (Monday first) of days of the month view, each with the dialogue's meetings."""
    import calendar

    by_day: dict[date, list] = {}
    for meeting in dialogue.meetings.filter(starts_at__isnull=False).prefetch_related(
        "target_groups"
    ):
        by_day.setdefault(timezone.localtime(meeting.starts_at).date(), []).append(meeting)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [
            {"day": day, "in_month": day.month == month, "meetings": by_day.get(day, [])}
            for day in week
        ]
        for week in weeks
    ]


def calendar_month_for(dialogue: Dialogue) -> tuple[int, int]:
    """The month to show first: the next meeting's, else the last meeting's, else today's."""
    now = timezone.now()
    meetings = dialogue.meetings.filter(starts_at__isnull=False)
    meeting = meetings.filter(starts_at__gte=now).order_by("starts_at").first() or (
        meetings.order_by("-starts_at").first()
    )
    when = timezone.localtime(meeting.starts_at) if meeting else timezone.localtime(now)
    return when.year, when.month


def what_happens_next(dialogue: Dialogue, *, today: date | None = None) -> dict[str, Any]:
    """For the public feedback page: the decisions taken, and the phases not yet over."""
    today = today or timezone.localdate()
    phases = (
        PhasePlan.objects.filter(phase__dialogue=dialogue)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .exclude(starts_on__isnull=True, ends_on__isnull=True, contents="")
        .select_related("phase")
        .order_by("phase__position", "phase__id")
    )
    from samrad.feedback import public

    return {"decisions": public.public_decisions(dialogue), "phases": list(phases)}
