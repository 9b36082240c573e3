"""Builders for the planning tests: a goal to hang measures on, and live answers made with
factories (rows written directly: these tests are about reading them)."""

from datetime import timedelta

from django.utils import timezone

from samrad.dialogues.models import Meeting
from samrad.live.models import Response
from samrad.planning import services
from tests.factories import ChoiceQuestionFactory, QuestionFactory


def goal_in(dialogue, user=None):
    purpose = services.purpose_create(dialogue=dialogue, title="Samhörighet", actor=user)
    return services.goal_create(purpose=purpose, title="Många deltar", actor=user)


def answer(question, participant, *, choices=(), value=None):
    return Response.objects.create(
        question=question,
        participant=participant,
        slot=0,
        choices=[c.pk for c in choices],
        value=value,
    )


def composition_question(session, labels=("Under 18", "18–29", "30–44", "45–64")):
    """The ready-made age question (same template key in every session)."""
    question = ChoiceQuestionFactory(session=session, options=list(labels), prompt="Ålder?")
    question.template_key = "age_band"
    question.role = "composition"
    question.save()
    return question


def choice(question, label):
    return question.choices.get(label=label)


def scale_question(session, key=""):
    return QuestionFactory(
        session=session, kind="scale", scale_min=1, scale_max=5, template_key=key
    )


def meeting(dialogue, days, kind="open"):
    return Meeting.objects.create(
        dialogue=dialogue,
        title=f"Möte {days}",
        starts_at=timezone.now() + timedelta(days=days),
        kind=kind,
    )
