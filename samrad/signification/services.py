"""Writes for signification surveys. Facilitator actions are audited; a story is written
only through `story_submit`, which validates everything before touching the database."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction

from samrad.core import audit
from samrad.dialogues.models import Dialogue
from samrad.signification.answers import CleanStory, clean_story
from samrad.signification.errors import SurveyClosed
from samrad.signification.examples import example_for
from samrad.signification.models import (
    LABEL_COUNTS,
    Signifier,
    SignifierAnswer,
    Story,
    Survey,
    SurveyStatus,
)

SURVEY_FIELDS = ("title", "prompt", "intro", "ask_title", "consent_text")


def _record(actor, action: str, target, survey: Survey, summary: str = "") -> None:
    audit.record(
        actor,
        f"signification.{action}",
        target,
        organisation=survey.dialogue.organisation,
        summary=summary or survey.title,
    )


def check_labels(kind: str, labels: list[str]) -> list[str]:
    """The labels trimmed; ValueError if their number does not fit the kind."""
    cleaned = [label.strip() for label in labels if label and label.strip()]
    fewest, most = LABEL_COUNTS[kind]
    if not fewest <= len(cleaned) <= most:
        raise ValueError(kind)
    return cleaned


@transaction.atomic
def survey_create(
    *,
    dialogue: Dialogue,
    actor,
    title: str,
    prompt: str,
    intro: str = "",
    ask_title: bool = True,
    consent_text: str = "",
    with_example_signifiers: bool = False,
) -> Survey:
    survey = Survey.objects.create(
        dialogue=dialogue,
        title=title,
        prompt=prompt,
        intro=intro,
        ask_title=ask_title,
        consent_text=consent_text,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if with_example_signifiers:
        for kind, question, labels in example_for(dialogue.language)["signifiers"]:
            _signifier_create(survey=survey, kind=kind, prompt=question, labels=labels)
    _record(actor, "survey_create", survey, survey)
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, actor, **fields) -> Survey:
    for name in SURVEY_FIELDS:
        if name in fields:
            setattr(survey, name, fields[name])
    survey.save()
    _record(actor, "survey_update", survey, survey)
    return survey


@transaction.atomic
def survey_set_status(*, survey: Survey, actor, status: str) -> Survey:
    if status not in SurveyStatus.values:
        raise ValueError(status)
    survey.status = status
    survey.save(update_fields=["status", "updated_at"])
    _record(actor, f"survey_{status}", survey, survey)
    return survey


@transaction.atomic
def survey_delete(*, survey: Survey, actor) -> None:
    _record(
        actor,
        "survey_delete",
        survey,
        survey,
        summary=f"{survey.title}: {survey.stories.count()} stories",
    )
    survey.delete()


@transaction.atomic
def peek_update(*, survey: Survey, actor, enabled: bool, shows_stories: bool) -> Survey:
    survey.peek_enabled = enabled
    survey.peek_shows_stories = shows_stories
    survey.save(update_fields=["peek_enabled", "peek_shows_stories", "updated_at"])
    state = "on" if enabled else "off"
    stories = ", stories shown" if enabled and shows_stories else ""
    _record(
        actor, "peek_update", survey, survey, summary=f"{survey.title}: sneak peek {state}{stories}"
    )
    return survey


def _signifier_create(
    *,
    survey: Survey,
    kind: str,
    prompt: str,
    labels: list[str],
    allow_na: bool = True,
    required: bool = False,
) -> Signifier:
    position = survey.signifiers.count()
    return Signifier.objects.create(
        survey=survey,
        position=position,
        kind=kind,
        prompt=prompt,
        labels=check_labels(kind, labels),
        allow_na=allow_na,
        required=required,
    )


@transaction.atomic
def signifier_add(
    *,
    survey: Survey,
    actor,
    kind: str,
    prompt: str,
    labels: list[str],
    allow_na: bool = True,
    required: bool = False,
) -> Signifier:
    signifier = _signifier_create(
        survey=survey, kind=kind, prompt=prompt, labels=labels, allow_na=allow_na, required=required
    )
    _record(actor, "signifier_add", signifier, survey, summary=f"{survey.title}: {prompt}"[:300])
    return signifier


@transaction.atomic
def signifier_update(
    *, signifier: Signifier, actor, prompt: str, labels: list[str], allow_na: bool, required: bool
) -> Signifier:
    """Texts may change at any time; the number of labels only while nobody has answered
    (stored values point at labels by position)."""
    labels = check_labels(signifier.kind, labels)
    if len(labels) != len(signifier.labels) and signifier.answers.exists():
        raise ValueError("answered")
    signifier.prompt = prompt
    signifier.labels = labels
    signifier.allow_na = allow_na
    signifier.required = required
    signifier.save()
    _record(actor, "signifier_update", signifier, signifier.survey, summary=prompt[:300])
    return signifier


@transaction.atomic
def signifier_delete(*, signifier: Signifier, actor) -> None:
    survey = signifier.survey
    _record(actor, "signifier_delete", signifier, survey, summary=signifier.prompt[:300])
    signifier.delete()
    for position, item in enumerate(survey.signifiers.all()):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def signifier_move(*, signifier: Signifier, actor, offset: int) -> None:
    items = list(signifier.survey.signifiers.select_for_update())
    index = next(i for i, item in enumerate(items) if item.pk == signifier.pk)
    target = min(max(index + offset, 0), len(items) - 1)
    items.insert(target, items.pop(index))
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    _record(actor, "signifier_move", signifier, signifier.survey, summary=signifier.prompt[:300])


# --- Stories -------------------------------------------------------------------------------


def _write_values(story: Story, clean: CleanStory) -> None:
    story.answers.all().delete()
    SignifierAnswer.objects.bulk_create(
        SignifierAnswer(
            story=story,
            signifier_id=signifier_id,
            not_applicable=value.not_applicable,
            a=value.weights[0] if value.weights else None,
            b=value.weights[1] if value.weights else None,
            c=value.weights[2] if value.weights else None,
            value=value.value,
            choices=value.choices,
        )
        for signifier_id, value in clean.values.items()
    )


def story_submit(
    *, survey: Survey, respondent: uuid.UUID, data, client_id: uuid.UUID | None = None
) -> tuple[Story, bool]:
    """Store a phone's story (new, or its edit while the survey is open) → (story, created).

    Raises SurveyClosed or InvalidStory (nothing stored). A form sent twice with the same
    `client_id` is stored once: the second send returns the first story unchanged.
    """
    survey.refresh_from_db(fields=["status"])
    if not survey.is_open:
        raise SurveyClosed
    signifiers = list(survey.signifiers.all())
    clean = clean_story(survey=survey, signifiers=signifiers, data=data)
    if client_id is not None:
        resent = Story.objects.filter(survey=survey, client_id=client_id).first()
        if resent is not None:
            return resent, False
    try:
        with transaction.atomic():
            story, created = Story.objects.select_for_update().get_or_create(
                survey=survey,
                respondent=respondent,
                defaults={
                    "text": clean.text,
                    "title": clean.title,
                    "consented": clean.consented,
                    "client_id": client_id,
                },
            )
            if not created:
                story.text, story.title, story.consented = clean.text, clean.title, clean.consented
                story.client_id = client_id
                story.save()
            _write_values(story, clean)
    except IntegrityError:
        # Two sends of the same form raced each other: the first one won and is kept.
        story = Story.objects.filter(
            survey=survey, client_id=client_id
        ).first() or Story.objects.get(survey=survey, respondent=respondent)
        return story, False
    return story, created
