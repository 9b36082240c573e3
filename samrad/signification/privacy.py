"""What a story survey stores about a phone, for the registry of personal data
(core/personal_data.py): its story and the values it gave the signifiers.

A story is not linked to a live participant: it is keyed by the survey's own respondent
cookie (`samrad_s<survey>`, signed). The phone holds that cookie, so "My data" reads the
keys from its request (`held`) and finds the stories of the same dialogue; the database
alone cannot tell which participant wrote which story.
"""

import re
import uuid

from django.conf import settings
from django.core import signing

from samrad.core import personal_data
from samrad.signification.models import Story

NAME = "signification.stories"
COOKIE = re.compile(r"samrad_s(\d+)")
RESPONDENT_SALT = "samrad.signification.respondent"  # the phone page's (views.py) signer


def held(request) -> list[str]:
    """ "<survey id>:<respondent>" for every survey cookie the request carries (valid ones)."""
    signer = signing.TimestampSigner(salt=RESPONDENT_SALT)
    keys = []
    for name, value in request.COOKIES.items():
        match = COOKIE.fullmatch(name)
        if not match:
            continue
        try:
            respondent = uuid.UUID(
                signer.unsign(value, max_age=settings.SAMRAD_PARTICIPANT_COOKIE_DAYS * 86400)
            )
        except (signing.BadSignature, ValueError):
            continue
        keys.append(f"{match.group(1)}:{respondent}")
    return keys


def _stories(phone: personal_data.Phone):
    wanted: list[tuple[int, uuid.UUID]] = []
    for key in phone.keys(NAME):
        survey_id, _colon, respondent = key.partition(":")
        try:
            wanted.append((int(survey_id), uuid.UUID(respondent)))
        except ValueError:
            continue
    if not wanted:
        return Story.objects.none()
    stories = Story.objects.none()
    for wanted_survey, wanted_respondent in wanted:
        stories = stories | Story.objects.filter(
            survey_id=wanted_survey, respondent=wanted_respondent
        )
    if phone.participant is not None:  # "My data" of a session: its dialogue's surveys
        stories = stories.filter(survey__dialogue_id=phone.participant.session.dialogue_id)
    return stories


def _export(phone: personal_data.Phone) -> list[dict]:
    stories = _stories(phone).select_related("survey").prefetch_related("answers__signifier")
    return [
        {
            "survey": story.survey.title,
            "title": story.title,
            "text": story.text,
            "consented": story.consented,
            "created_at": story.created_at.isoformat(),
            "updated_at": story.updated_at.isoformat(),
            "signifiers": [
                {
                    "question": answer.signifier.prompt,
                    "not_applicable": answer.not_applicable,
                    "triad": answer.weights,
                    "dyad": answer.value,
                    "choices": [
                        answer.signifier.labels[index]
                        for index in answer.choices
                        if isinstance(index, int) and 0 <= index < len(answer.signifier.labels)
                    ],
                }
                for answer in story.answers.all()
            ],
        }
        for story in stories
    ]


def _erase(phone: personal_data.Phone) -> int:
    """The story and its values go (the survey's plots count one story less)."""
    stories = _stories(phone)
    count = stories.count()
    Story.objects.filter(pk__in=list(stories.values_list("pk", flat=True))).delete()
    return count


def story_erase(*, survey, respondent: uuid.UUID) -> int:
    """A storyteller deletes their story on the survey's page (open or closed), through the
    same entry as "My data"; recorded without an actor and without the text."""
    from samrad.core import audit

    phone = personal_data.Phone(None, {NAME: [f"{survey.pk}:{respondent}"]})
    count = _erase(phone)
    if count:
        audit.record(
            None,
            "signification.story_erase",
            survey,
            organisation=survey.dialogue.organisation,
            summary="a storyteller deleted their story",
        )
    return count


def register_all() -> None:
    personal_data.register(
        NAME,
        models=("signification.Story", "signification.SignifierAnswer"),
        export=_export,
        erase=_erase,
        held=held,
        kept="nothing: the survey's plots count one story less",
    )
