"""Surveys for the signification tests: one open survey with a triad, a dyad, tags and a
segment, in an organisation with a facilitator."""

import uuid

import pytest

from samrad.accounts.models import Role
from samrad.signification import services
from tests.factories import DialogueFactory, member_of


@pytest.fixture
def dialogue(db):
    return DialogueFactory(language="sv")


@pytest.fixture
def owner(dialogue):
    return member_of(dialogue.organisation, Role.FACILITATOR)


@pytest.fixture
def survey(dialogue, owner):
    survey = services.survey_create(
        dialogue=dialogue, actor=owner, title="Hemma", prompt="Berätta om en gång när …"
    )
    services.signifier_add(
        survey=survey,
        actor=owner,
        kind="triad",
        prompt="Vad var viktigast?",
        labels=["Människorna", "Platsen", "Att bidra"],
    )
    services.signifier_add(
        survey=survey, actor=owner, kind="dyad", prompt="Hur ofta?", labels=["Sällan", "Ofta"]
    )
    services.signifier_add(
        survey=survey,
        actor=owner,
        kind="tags",
        prompt="Var?",
        labels=["Parken", "Torget", "Skolan"],
    )
    services.signifier_add(
        survey=survey, actor=owner, kind="segment", prompt="Ålder", labels=["Ung", "Vuxen", "Äldre"]
    )
    return services.survey_set_status(survey=survey, actor=owner, status="open")


@pytest.fixture
def signifiers(survey):
    triad, dyad, tags, segment = survey.signifiers.all()
    return {"triad": triad, "dyad": dyad, "tags": tags, "segment": segment}


@pytest.fixture
def submit(survey, signifiers):
    """Store a story like a phone's form would send it; returns (story, created)."""

    def send(
        text="En berättelse",
        *,
        triad=None,
        dyad=None,
        tags=(),
        segment=None,
        respondent=None,
        client_id=None,
        target=None,
        **extra,
    ):
        s = signifiers
        data = {"text": text, **extra}
        if triad is not None:
            for corner, value in zip("abc", triad, strict=True):
                data[f"s{s['triad'].pk}_{corner}"] = str(value)
        if dyad is not None:
            data[f"s{s['dyad'].pk}"] = str(dyad)
        if tags:
            data[f"s{s['tags'].pk}"] = [str(t) for t in tags]
        if segment is not None:
            data[f"s{s['segment'].pk}"] = [str(segment)]
        return services.story_submit(
            survey=target or survey,
            respondent=respondent or uuid.uuid4(),
            data=data,
            client_id=client_id,
        )

    return send
