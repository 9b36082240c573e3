"""What of the plan is edited in place (core/editing.py): purposes, goals, decisions,
communication activities, lessons, co-creation labs, their key actors and their measures.
The goal matrix's measures and the target groups have their own pages with a full form."""

from __future__ import annotations

from django.utils import timezone

from samrad.core.editing import Editable, register
from samrad.planning import forms, selectors, services
from samrad.planning.models import (
    ActivityStatus,
    CoCreationLab,
    CommsActivity,
    Decision,
    Goal,
    KeyActor,
    LabMeasure,
    Lesson,
    Purpose,
)


def _purpose_number(purpose: Purpose) -> dict:
    ids = list(purpose.dialogue.purposes.values_list("pk", flat=True))
    return {"number": ids.index(purpose.pk) + 1}


register(
    Editable(
        key="planning.purpose",
        model=Purpose,
        fields=("title",),
        form=lambda obj, **kw: forms.PurposeForm(**kw),
        update=lambda obj, **kw: services.purpose_update(purpose=obj, **kw),
        dialogue=lambda obj: obj.dialogue,
        row_template="planning/_purpose_row.html",
        name=lambda obj: obj.title,
        context=_purpose_number,
    )
)

register(
    Editable(
        key="planning.goal",
        model=Goal,
        fields=("title",),
        form=lambda obj, **kw: forms.GoalForm(dialogue=obj.purpose.dialogue, **kw),
        update=lambda obj, **kw: services.goal_update(goal=obj, **kw),
        dialogue=lambda obj: obj.purpose.dialogue,
        row_template="planning/_goal_row.html",
        name=lambda obj: obj.title,
        scope=lambda: Goal.objects.select_related("purpose__dialogue"),
    )
)

register(
    Editable(
        key="planning.decision",
        model=Decision,
        fields=("decided_on", "body", "decision", "consequence", "public"),
        form=lambda obj, **kw: forms.DecisionForm(**kw),
        update=lambda obj, **kw: services.decision_update(decision=obj, **kw),
        dialogue=lambda obj: obj.dialogue,
        row_template="planning/_decision_row.html",
        name=lambda obj: f"{obj.decided_on:%Y-%m-%d} {obj.body}",
        tag="tr",
        columns=6,
    )
)

register(
    Editable(
        key="planning.comms",
        model=CommsActivity,
        fields=("channel", "planned_on", "message", "audience", "responsible", "status"),
        form=lambda obj, **kw: forms.CommsForm(dialogue=obj.dialogue, **kw),
        update=lambda obj, **kw: services.comms_update(activity=obj, **kw),
        dialogue=lambda obj: obj.dialogue,
        row_template="planning/_comms_row.html",
        name=lambda obj: f"{obj.planned_on:%Y-%m-%d} {obj.get_channel_display()}",
        tag="tr",
        columns=6,
        context=lambda obj: {
            "row": {"activity": obj, "overdue": selectors.is_overdue(obj, timezone.localdate())},
            "statuses": ActivityStatus.choices,
        },
    )
)

register(
    Editable(
        key="planning.lesson",
        model=Lesson,
        fields=("category", "text"),
        form=lambda obj, **kw: forms.LessonForm(**kw),
        update=lambda obj, **kw: services.lesson_update(lesson=obj, **kw),
        dialogue=lambda obj: obj.dialogue,
        row_template="planning/_lesson_row.html",
        name=lambda obj: obj.text[:40],
        tag="li",
    )
)

register(
    Editable(
        key="planning.actor",
        model=KeyActor,
        fields=("name", "role", "organisation_type", "involvement"),
        form=lambda obj, **kw: forms.ActorForm(**kw),
        update=lambda obj, **kw: services.key_actor_update(key_actor=obj, **kw),
        dialogue=lambda obj: obj.lab.dialogue,
        row_template="planning/_actor_row.html",
        name=lambda obj: obj.name,
        tag="tr",
        columns=5,
        scope=lambda: KeyActor.objects.select_related("lab__dialogue"),
    )
)

register(
    Editable(
        key="planning.lab",
        model=CoCreationLab,
        fields=("title", "description"),
        form=lambda obj, **kw: forms.LabForm(**kw),
        update=lambda obj, **kw: services.lab_update(lab=obj, **kw),
        dialogue=lambda obj: obj.dialogue,
        row_template="planning/_lab_card.html",
        name=lambda obj: obj.title,
        tag="li",
    )
)

register(
    Editable(
        key="planning.lab_measure",
        model=LabMeasure,
        fields=("name", "unit"),
        form=lambda obj, **kw: forms.LabMeasureForm(**kw),
        update=lambda obj, **kw: services.lab_measure_update(measure=obj, **kw),
        dialogue=lambda obj: obj.lab.dialogue,
        row_template="planning/_lab_measure_head.html",
        name=lambda obj: obj.name,
        scope=lambda: LabMeasure.objects.select_related("lab__dialogue"),
    )
)
