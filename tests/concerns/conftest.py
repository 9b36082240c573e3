"""Fixtures for the concerns tests: a "Lös en farhåga" workshop made by the engine from our
template, with two concerns, and phones in it."""

import pytest

from samrad.concerns import services
from samrad.workshops.services import workshop_create, workshop_go_to
from tests.factories import DialogueFactory, ParticipantFactory, member_of


@pytest.fixture
def dialogue(db):
    return DialogueFactory(title="Storby 2030")


@pytest.fixture
def user(dialogue):
    return member_of(dialogue.organisation)


@pytest.fixture
def concerns(dialogue, user):
    return [
        services.concern_add(dialogue=dialogue, text="Äldre hamnar utanför", actor=user),
        services.concern_add(dialogue=dialogue, text="Kameror och integritet", actor=user),
    ]


@pytest.fixture
def workshop(dialogue, user, concerns):
    workshop = workshop_create(dialogue, "concerns", user)
    first, second = workshop.concern_groups.all()
    services.group_update(group=first, name=first.name, concern=concerns[0], actor=user)
    services.group_update(group=second, name=second.name, concern=concerns[1], actor=user)
    return workshop


def step_of(workshop, step_format):
    return workshop.steps.get(format=step_format)


def go(workshop, step_format):
    """Put the workshop's step of `step_format` on screen; returns that step."""
    step = step_of(workshop, step_format)
    workshop_go_to(workshop=workshop, step=step)
    workshop.refresh_from_db()
    return step


def phone_in(workshop, group=None):
    participant = ParticipantFactory(session=workshop.session)
    if group is not None:
        services.group_join(workshop=workshop, participant=participant, group=group)
    return participant


def groups(workshop):
    return list(workshop.concern_groups.all())
