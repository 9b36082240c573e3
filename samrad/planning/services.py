"""Writes for the plan and the evaluation. Views, the demo and the method import call these and
nothing else; each records what it did in the audit log."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max

from samrad.core import audit, editing
from samrad.dialogues.models import Dialogue, Meeting, Phase
from samrad.live import services as live
from samrad.live.models import LiveSession, Question, SessionMode
from samrad.planning import measures, questionnaire
from samrad.planning.models import (
    ActivityStatus,
    CoCreationLab,
    CommsActivity,
    Decision,
    Direction,
    Goal,
    KeyActor,
    LabMeasure,
    LabValue,
    Lesson,
    Measure,
    PhasePlan,
    PlanSettings,
    Purpose,
    TargetGroup,
)


def _log(actor, action: str, target, dialogue: Dialogue, summary: str = "") -> None:
    audit.record(
        actor, f"planning.{action}", target, organisation=dialogue.organisation, summary=summary
    )


def _edit(obj, *, values: dict, version: str, actor, thing: str, dialogue: Dialogue) -> list[dict]:
    """Edit in place (core/editing.py): refused if changed since `version`, audited old → new."""
    return editing.apply(
        obj=obj,
        values=values,
        version=version,
        actor=actor,
        action=f"planning.{thing}.update",
        organisation=dialogue.organisation,
    )


def _next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


def _check_question(dialogue: Dialogue, question: Question | None, choice_ids: list[int]) -> None:
    if question is None:
        if choice_ids:
            raise ValueError("options without a question")
        return
    if question.session.dialogue_id != dialogue.pk:
        raise ValueError("the question belongs to another dialogue")
    own = set(question.choices.values_list("pk", flat=True))
    if not set(choice_ids) <= own:
        raise ValueError("an option that is not the question's")


# --- Settings, phases, decisions -----------------------------------------------------------


@transaction.atomic
def settings_update(*, dialogue: Dialogue, close_margin: float, actor) -> PlanSettings:
    if not 0 <= close_margin <= 100:
        raise ValueError("the margin is a percentage from 0 to 100")
    plan, _created = PlanSettings.objects.get_or_create(dialogue=dialogue)
    plan.close_margin = close_margin
    plan.save(update_fields=["close_margin"])
    _log(actor, "settings.update", plan, dialogue, f"close margin {close_margin} %")
    return plan


@transaction.atomic
def phase_plan_set(
    *,
    phase: Phase,
    starts_on: date | None,
    ends_on: date | None,
    contents: str = "",
    outcome: str = "",
    actor,
) -> PhasePlan:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValueError("the phase ends before it starts")
    plan, _created = PhasePlan.objects.get_or_create(phase=phase)
    plan.starts_on, plan.ends_on, plan.contents = starts_on, ends_on, contents.strip()
    plan.outcome = outcome.strip()
    plan.save()
    _log(actor, "phase.plan", phase, phase.dialogue, phase.name)
    return plan


@transaction.atomic
def decision_create(
    *,
    dialogue: Dialogue,
    decided_on: date,
    body: str,
    decision: str,
    consequence: str = "",
    public: bool = False,
    actor,
) -> Decision:
    made = Decision.objects.create(
        dialogue=dialogue,
        decided_on=decided_on,
        body=body.strip(),
        decision=decision.strip(),
        consequence=consequence.strip(),
        public=bool(public),
    )
    _log(actor, "decision.create", made, dialogue, f"{decided_on} {body}"[:300])
    return made


@transaction.atomic
def decision_publish(*, decision: Decision, public: bool, actor) -> Decision:
    """Show the decision on the public page, or take it off (what is public decides the rest)."""
    decision.public = bool(public)
    decision.save(update_fields=["public", "updated_at"])
    _log(actor, "decision.publish", decision, decision.dialogue, "public" if public else "internal")
    return decision


@transaction.atomic
def decision_update(*, decision: Decision, values: dict, version: str, actor) -> list[dict]:
    """Date, who decided, the decision, what it means, shown on the public page or not."""
    return _edit(
        decision,
        values=values,
        version=version,
        actor=actor,
        thing="decision",
        dialogue=decision.dialogue,
    )


@transaction.atomic
def decision_delete(*, decision: Decision, actor) -> None:
    _log(actor, "decision.delete", decision, decision.dialogue)
    decision.delete()


# --- The goal matrix -----------------------------------------------------------------------


@transaction.atomic
def purpose_create(*, dialogue: Dialogue, title: str, actor) -> Purpose:
    purpose = Purpose.objects.create(
        dialogue=dialogue, title=title.strip(), position=_next_position(dialogue.purposes)
    )
    _log(actor, "purpose.create", purpose, dialogue, purpose.title)
    return purpose


@transaction.atomic
def purpose_update(*, purpose: Purpose, values: dict, version: str, actor) -> list[dict]:
    return _edit(
        purpose,
        values=values,
        version=version,
        actor=actor,
        thing="purpose",
        dialogue=purpose.dialogue,
    )


@transaction.atomic
def purpose_delete(*, purpose: Purpose, actor) -> None:
    _log(actor, "purpose.delete", purpose, purpose.dialogue, purpose.title)
    purpose.delete()


@transaction.atomic
def goal_create(*, purpose: Purpose, title: str, actor) -> Goal:
    goal = Goal.objects.create(
        purpose=purpose, title=title.strip(), position=_next_position(purpose.goals)
    )
    _log(actor, "goal.create", goal, purpose.dialogue, goal.title)
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, values: dict, version: str, actor) -> list[dict]:
    return _edit(
        goal,
        values=values,
        version=version,
        actor=actor,
        thing="goal",
        dialogue=goal.purpose.dialogue,
    )


@transaction.atomic
def goal_delete(*, goal: Goal, actor) -> None:
    _log(actor, "goal.delete", goal, goal.purpose.dialogue, goal.title)
    goal.delete()


MEASURE_FIELDS = (
    "title",
    "method",
    "source",
    "target",
    "direction",
    "close_margin",
    "due_on",
    "question",
    "choice_ids",
    "threshold",
)


def _measure_fields(dialogue: Dialogue, fields: dict) -> dict:
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"unknown measure fields {sorted(unknown)}")
    source = measures.source_of(fields.get("source", "manual"))
    if source is None:
        raise ValueError(f"unknown source {fields.get('source')!r}")
    if fields.get("direction", Direction.AT_LEAST) not in Direction.values:
        raise ValueError("direction is 'min' or 'max'")
    if "question" in source.needs and fields.get("question") is None:
        raise ValueError(f"the source {source.key} needs a question")
    if "choices" in source.needs and not fields.get("choice_ids"):
        raise ValueError(f"the source {source.key} needs options")
    if "question" not in source.needs:
        fields = {**fields, "question": None, "choice_ids": [], "threshold": None}
    question = fields.get("question")
    kinds = source.question_kinds
    if question is not None and kinds and question.kind not in kinds:
        raise ValueError(f"a {question.kind} question does not fit the source {source.key}")
    _check_question(dialogue, question, list(fields.get("choice_ids") or []))
    return fields


@transaction.atomic
def measure_create(*, goal: Goal, actor, **fields) -> Measure:
    dialogue = goal.purpose.dialogue
    fields = _measure_fields(dialogue, fields)
    measure = Measure.objects.create(goal=goal, position=_next_position(goal.measures), **fields)
    _log(actor, "measure.create", measure, dialogue, measure.title)
    return measure


@transaction.atomic
def measure_update(*, measure: Measure, actor, **fields) -> Measure:
    dialogue = measure.goal.purpose.dialogue
    for name, value in _measure_fields(dialogue, fields).items():
        setattr(measure, name, value)
    measure.save()
    _log(actor, "measure.update", measure, dialogue, measure.title)
    return measure


@transaction.atomic
def measure_record(
    *, measure: Measure, value: float | None, evidence: str, recorded_on: date | None, actor
) -> Measure:
    """The value of a measure entered by hand, with its evidence and date."""
    if measure.source != "manual":
        raise ValueError("only a manual measure takes a value by hand")
    measure.manual_value = value
    measure.evidence = evidence.strip()
    measure.recorded_on = recorded_on
    measure.save(update_fields=["manual_value", "evidence", "recorded_on"])
    _log(actor, "measure.record", measure, measure.goal.purpose.dialogue, f"value {value}")
    return measure


@transaction.atomic
def measure_delete(*, measure: Measure, actor) -> None:
    _log(actor, "measure.delete", measure, measure.goal.purpose.dialogue, measure.title)
    measure.delete()


# --- Target groups and meetings ------------------------------------------------------------


@transaction.atomic
def target_group_save(
    *,
    dialogue: Dialogue,
    name: str,
    reach_goal: int,
    question: Question | None = None,
    choice_ids: list[int] | None = None,
    manual_count: int | None = None,
    meetings: list[Meeting] | None = None,
    group: TargetGroup | None = None,
    actor,
) -> TargetGroup:
    """Create a target group (or change `group`); it is counted from the composition answer
    when it has a question, else by hand."""
    choice_ids = list(choice_ids or [])
    _check_question(dialogue, question, choice_ids)
    if question is not None and not choice_ids:
        raise ValueError("a composition question needs the options that define the group")
    if any(meeting.dialogue_id != dialogue.pk for meeting in meetings or []):
        raise ValueError("a meeting of another dialogue")
    if group is None:
        group = TargetGroup(dialogue=dialogue, position=_next_position(dialogue.target_groups))
    elif group.dialogue_id != dialogue.pk:
        raise ValueError("the group belongs to another dialogue")
    group.name = name.strip()
    group.reach_goal = reach_goal
    group.question = question
    group.choice_ids = choice_ids
    group.manual_count = None if question is not None else manual_count
    group.save()
    if meetings is not None:
        group.meetings.set(meetings)
    _log(actor, "target_group.save", group, dialogue, group.name)
    return group


@transaction.atomic
def target_group_delete(*, group: TargetGroup, actor) -> None:
    _log(actor, "target_group.delete", group, group.dialogue, group.name)
    group.delete()


# --- Communication plan --------------------------------------------------------------------


@transaction.atomic
def comms_create(
    *,
    dialogue: Dialogue,
    channel: str,
    planned_on: date,
    message: str,
    audience: TargetGroup | None = None,
    responsible: str = "",
    status: str = ActivityStatus.PLANNED,
    actor,
) -> CommsActivity:
    if audience is not None and audience.dialogue_id != dialogue.pk:
        raise ValueError("the audience belongs to another dialogue")
    activity = CommsActivity.objects.create(
        dialogue=dialogue,
        channel=channel,
        planned_on=planned_on,
        message=message.strip(),
        audience=audience,
        responsible=responsible.strip(),
        status=status,
    )
    _log(actor, "comms.create", activity, dialogue, f"{planned_on} {channel}")
    return activity


@transaction.atomic
def comms_set_status(*, activity: CommsActivity, status: str, actor) -> CommsActivity:
    if status not in ActivityStatus.values:
        raise ValueError(f"unknown status {status!r}")
    activity.status = status
    activity.save(update_fields=["status", "updated_at"])
    _log(actor, "comms.status", activity, activity.dialogue, status)
    return activity


@transaction.atomic
def comms_update(*, activity: CommsActivity, values: dict, version: str, actor) -> list[dict]:
    audience = values.get("audience")
    if audience is not None and audience.dialogue_id != activity.dialogue_id:
        raise ValueError("the audience belongs to another dialogue")
    if "status" in values and values["status"] not in ActivityStatus.values:
        raise ValueError(f"unknown status {values['status']!r}")
    return _edit(
        activity,
        values=values,
        version=version,
        actor=actor,
        thing="comms",
        dialogue=activity.dialogue,
    )


@transaction.atomic
def comms_delete(*, activity: CommsActivity, actor) -> None:
    _log(actor, "comms.delete", activity, activity.dialogue)
    activity.delete()


# --- Evaluation ----------------------------------------------------------------------------


@transaction.atomic
def process_evaluation_create(*, dialogue: Dialogue, actor) -> LiveSession:
    """A self-paced live session with the process-evaluation questions in the dialogue's
    language, opened so that the project group answers when it suits them."""
    title, questions = questionnaire.questions_in(dialogue.language)
    session = live.session_create(dialogue=dialogue, title=title, created_by=actor)
    for spec in questions:
        live.question_add(session=session, **spec)
    live.session_update(session=session, title=title, mode=SessionMode.SELF_PACED)
    live.session_open(session=session)
    plan, _created = PlanSettings.objects.get_or_create(dialogue=dialogue)
    plan.process_session = session
    plan.save(update_fields=["process_session"])
    _log(actor, "process_evaluation.create", session, dialogue, title)
    return session


@transaction.atomic
def lesson_create(*, dialogue: Dialogue, category: str, text: str, actor) -> Lesson:
    lesson = Lesson.objects.create(dialogue=dialogue, category=category, text=text.strip())
    _log(actor, "lesson.create", lesson, dialogue, category)
    return lesson


@transaction.atomic
def lesson_update(*, lesson: Lesson, values: dict, version: str, actor) -> list[dict]:
    return _edit(
        lesson,
        values=values,
        version=version,
        actor=actor,
        thing="lesson",
        dialogue=lesson.dialogue,
    )


@transaction.atomic
def lesson_delete(*, lesson: Lesson, actor) -> None:
    _log(actor, "lesson.delete", lesson, lesson.dialogue)
    lesson.delete()


# --- Co-creation lab -----------------------------------------------------------------------


@transaction.atomic
def lab_create(*, dialogue: Dialogue, title: str, description: str = "", actor) -> CoCreationLab:
    lab = CoCreationLab.objects.create(
        dialogue=dialogue, title=title.strip(), description=description.strip(), created_by=actor
    )
    _log(actor, "lab.create", lab, dialogue, lab.title)
    return lab


@transaction.atomic
def lab_update(*, lab: CoCreationLab, values: dict, version: str, actor) -> list[dict]:
    return _edit(
        lab, values=values, version=version, actor=actor, thing="lab", dialogue=lab.dialogue
    )


@transaction.atomic
def key_actor_add(
    *,
    lab: CoCreationLab,
    name: str,
    role: str = "",
    organisation_type: str,
    involvement: str,
    actor,
) -> KeyActor:
    key_actor = KeyActor.objects.create(
        lab=lab,
        name=name.strip(),
        role=role.strip(),
        organisation_type=organisation_type,
        involvement=involvement,
    )
    _log(actor, "lab.actor_add", key_actor, lab.dialogue, key_actor.name)
    return key_actor


@transaction.atomic
def key_actor_update(*, key_actor: KeyActor, values: dict, version: str, actor) -> list[dict]:
    return _edit(
        key_actor,
        values=values,
        version=version,
        actor=actor,
        thing="lab.actor",
        dialogue=key_actor.lab.dialogue,
    )


@transaction.atomic
def key_actor_delete(*, key_actor: KeyActor, actor) -> None:
    _log(actor, "lab.actor_delete", key_actor, key_actor.lab.dialogue, key_actor.name)
    key_actor.delete()


@transaction.atomic
def lab_measure_add(*, lab: CoCreationLab, name: str, unit: str = "", actor) -> LabMeasure:
    measure = LabMeasure.objects.create(lab=lab, name=name.strip(), unit=unit.strip())
    _log(actor, "lab.measure_add", measure, lab.dialogue, measure.name)
    return measure


@transaction.atomic
def lab_measure_update(*, measure: LabMeasure, values: dict, version: str, actor) -> list[dict]:
    return _edit(
        measure,
        values=values,
        version=version,
        actor=actor,
        thing="lab.measure",
        dialogue=measure.lab.dialogue,
    )


@transaction.atomic
def lab_value_record(*, measure: LabMeasure, measured_on: date, value: float, actor) -> LabValue:
    """One dated value; a second value for the same day replaces the first."""
    recorded, _created = LabValue.objects.update_or_create(
        measure=measure, measured_on=measured_on, defaults={"value": value}
    )
    _log(actor, "lab.value_record", recorded, measure.lab.dialogue, f"{measured_on}: {value}")
    return recorded
