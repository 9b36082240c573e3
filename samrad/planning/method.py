"""The plan as part of a method template that the next municipality can reuse.

`export(dialogue)` gives purposes → goals → measure definitions (no values, no evidence, no
dates), target groups with their goals, a skeleton of the communication plan (channel,
message, audience, responsible, days from its first activity) and the lessons learned.
`import_(dialogue, data, actor)` builds them in another dialogue, all or nothing.

A measure or target group bound to a live question names it by the ready-made poll key
(`template_key`) or its prompt, and its options by label; on import they are looked up among
the new dialogue's questions. A measure whose question is not found there becomes a manual
measure (its method says which question it read), and a target group is counted by hand.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal, overload

from django.db import transaction
from django.utils import timezone

from samrad.dialogues.models import Dialogue
from samrad.live.models import Question
from samrad.planning import measures, selectors, services
from samrad.planning.models import ActivityStatus, Channel, Direction, LessonCategory

VERSION = 1
MAX_ITEMS = 500
MAX_TEXT = 2000


class MethodImportError(ValueError):
    """The template cannot be imported; nothing was changed."""


# --- Export --------------------------------------------------------------------------------


def _question_ref(question: Question | None, choice_ids: list[int]) -> dict[str, Any] | None:
    if question is None:
        return None
    labels = list(
        question.choices.filter(pk__in=choice_ids)
        .order_by("position")
        .values_list("label", flat=True)
    )
    return {
        "template_key": question.template_key,
        "prompt": question.prompt,
        "kind": question.kind,
        "choices": labels,
    }


def export(dialogue: Dialogue) -> dict[str, Any]:
    purposes = []
    for purpose in selectors.purposes_with_goals(dialogue):
        goals = []
        for goal in purpose.goals.all():
            goals.append(
                {
                    "title": goal.title,
                    "measures": [
                        {
                            "title": m.title,
                            "method": m.method,
                            "source": m.source,
                            "target": m.target,
                            "direction": m.direction,
                            "close_margin": m.close_margin,
                            "threshold": m.threshold,
                            "question": _question_ref(m.question, m.choice_ids),
                        }
                        for m in goal.measures.all()
                    ],
                }
            )
        purposes.append({"title": purpose.title, "goals": goals})
    activities = list(dialogue.comms_activities.select_related("audience"))
    start = activities[0].planned_on if activities else date.min  # days count from the first
    return {
        "version": VERSION,
        "language": dialogue.language,
        "close_margin": selectors.plan_settings(dialogue).close_margin,
        "purposes": purposes,
        "target_groups": [
            {
                "name": group.name,
                "reach_goal": group.reach_goal,
                "question": _question_ref(group.question, group.choice_ids),
            }
            for group in dialogue.target_groups.select_related("question")
        ],
        "communication": [
            {
                "channel": activity.channel,
                "message": activity.message,
                "audience": activity.audience.name if activity.audience else None,
                "responsible": activity.responsible,
                "day": (activity.planned_on - start).days,
            }
            for activity in activities
        ],
        "lessons": [
            {"category": lesson.category, "text": lesson.text} for lesson in dialogue.lessons.all()
        ],
    }


# --- Import --------------------------------------------------------------------------------


def _list(data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise MethodImportError(f"'{key}' must be a list of at most {MAX_ITEMS} items")
    for item in value:
        if not isinstance(item, dict):
            raise MethodImportError(f"every item of '{key}' must be an object")
    return value


def _text(item: dict, key: str, *, required: bool = True, limit: int = 300) -> str:
    value = item.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise MethodImportError(f"'{key}' must be a text")
    if len(value) > limit:
        raise MethodImportError(f"'{key}' is longer than {limit} characters")
    return value


@overload
def _number(item: dict, key: str, *, required: Literal[True] = ...) -> float: ...
@overload
def _number(item: dict, key: str, *, required: bool) -> float | None: ...
def _number(item: dict, key: str, *, required: bool = True) -> float | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise MethodImportError(f"'{key}' must be a number")
    return float(value)


def _resolve(dialogue: Dialogue, ref: Any) -> tuple[Question | None, list[int]]:
    """The new dialogue's question for an exported reference, and its options by label."""
    if ref is None:
        return None, []
    if not isinstance(ref, dict):
        raise MethodImportError("'question' must be an object")
    questions = Question.objects.filter(session__dialogue=dialogue).order_by(
        "session__created_at", "position", "id"
    )
    if ref.get("kind"):
        questions = questions.filter(kind=ref["kind"])
    question = None
    if ref.get("template_key"):
        question = questions.filter(template_key=ref["template_key"]).first()
    if question is None and isinstance(ref.get("prompt"), str):
        question = questions.filter(prompt=ref["prompt"]).first()
    if question is None:
        return None, []
    labels = ref.get("choices") or []
    if not isinstance(labels, list):
        raise MethodImportError("'choices' must be a list of labels")
    choice_ids = list(
        question.choices.filter(label__in=[str(label) for label in labels]).values_list(
            "pk", flat=True
        )
    )
    return question, choice_ids


def _import_measure(goal, item: dict, dialogue: Dialogue, actor) -> None:
    source = _text(item, "source", limit=40)
    kind = measures.source_of(source)
    if kind is None:
        raise MethodImportError(f"unknown measure source {source!r}")
    direction = item.get("direction", Direction.AT_LEAST)
    if direction not in Direction.values:
        raise MethodImportError("'direction' must be 'min' or 'max'")
    close_margin = _number(item, "close_margin", required=False)
    if close_margin is not None and not 0 <= close_margin <= 100:
        raise MethodImportError("'close_margin' must be from 0 to 100")
    method = _text(item, "method", required=False, limit=MAX_TEXT)
    question, choice_ids = _resolve(dialogue, item.get("question"))
    needs = kind.needs
    missing = ("question" in needs and question is None) or ("choices" in needs and not choice_ids)
    if missing:
        prompt = (item.get("question") or {}).get("prompt", "")
        method = f"{method}\n({prompt})".strip() if prompt else method
        source, question, choice_ids = "manual", None, []
    services.measure_create(
        goal=goal,
        title=_text(item, "title"),
        method=method,
        source=source,
        target=_number(item, "target"),
        direction=direction,
        close_margin=close_margin,
        due_on=None,
        question=question,
        choice_ids=choice_ids,
        threshold=_number(item, "threshold", required=False),
        actor=actor,
    )


@transaction.atomic
def import_(dialogue: Dialogue, data: Any, actor, *, start: date | None = None) -> dict[str, int]:
    """Add the template's plan to `dialogue`; the communication plan starts on `start`
    (today by default). Returns how many of each were created. All or nothing."""
    if not isinstance(data, dict):
        raise MethodImportError("the template must be an object")
    if data.get("version") != VERSION:
        raise MethodImportError(f"unsupported template version {data.get('version')!r}")
    start = start or timezone.localdate()
    counts = {"purposes": 0, "goals": 0, "measures": 0, "target_groups": 0}
    counts.update(communication=0, lessons=0)
    try:
        margin = _number(data, "close_margin", required=False)
        if margin is not None:
            services.settings_update(dialogue=dialogue, close_margin=margin, actor=actor)
        for purpose_item in _list(data, "purposes"):
            purpose = services.purpose_create(
                dialogue=dialogue, title=_text(purpose_item, "title"), actor=actor
            )
            counts["purposes"] += 1
            for goal_item in _list(purpose_item, "goals"):
                goal = services.goal_create(
                    purpose=purpose, title=_text(goal_item, "title"), actor=actor
                )
                counts["goals"] += 1
                for measure_item in _list(goal_item, "measures"):
                    _import_measure(goal, measure_item, dialogue, actor)
                    counts["measures"] += 1
        groups = {}
        for item in _list(data, "target_groups"):
            question, choice_ids = _resolve(dialogue, item.get("question"))
            reach_goal = _number(item, "reach_goal")
            if reach_goal < 1:
                raise MethodImportError("'reach_goal' must be at least 1")
            if question is not None and not choice_ids:
                question = None
            group = services.target_group_save(
                dialogue=dialogue,
                name=_text(item, "name", limit=200),
                reach_goal=int(reach_goal),
                question=question,
                choice_ids=choice_ids,
                actor=actor,
            )
            groups[group.name] = group
            counts["target_groups"] += 1
        for item in _list(data, "communication"):
            channel = item.get("channel")
            if channel not in Channel.values:
                raise MethodImportError(f"unknown channel {channel!r}")
            day = _number(item, "day", required=False) or 0
            services.comms_create(
                dialogue=dialogue,
                channel=channel,
                planned_on=start + timedelta(days=int(day)),
                message=_text(item, "message", limit=MAX_TEXT),
                audience=groups.get(item.get("audience")),
                responsible=_text(item, "responsible", required=False, limit=200),
                status=ActivityStatus.PLANNED,
                actor=actor,
            )
            counts["communication"] += 1
        for item in _list(data, "lessons"):
            category = item.get("category")
            if category not in LessonCategory.values:
                category = LessonCategory.OTHER
            services.lesson_create(
                dialogue=dialogue,
                category=category,
                text=_text(item, "text", limit=MAX_TEXT),
                actor=actor,
            )
            counts["lessons"] += 1
    except MethodImportError:
        raise
    except (ValueError, TypeError, OverflowError) as error:
        raise MethodImportError(str(error)) from error
    return counts
