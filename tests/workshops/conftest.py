"""Fixtures for workshop tests: a small template of three steps registered for the tests."""

import pytest

from samrad.accounts.models import Role
from samrad.workshops import services, templates_registry
from tests.factories import DialogueFactory, member_of

SCRIPT = "Hälsa alla välkomna. Inga idéer är fel."


def build_three_steps(workshop, language):
    services.step_add(
        workshop=workshop, format="workshops.text", title="Välkommen", body="Ramar", script=SCRIPT
    )
    services.step_add(workshop=workshop, format="workshops.text", title="Steg två", body="Mitten")
    services.step_add(workshop=workshop, format="workshops.text", title="Slut", body="Tack")


@pytest.fixture
def three_steps():
    templates_registry.register("test.three", "Three steps", build_three_steps)
    yield "test.three"
    templates_registry.WORKSHOP_TEMPLATES.pop("test.three", None)


@pytest.fixture
def dialogue(db):
    return DialogueFactory()


@pytest.fixture
def runner(dialogue):
    return member_of(dialogue.organisation, Role.FACILITATOR)


@pytest.fixture
def viewer(dialogue):
    return member_of(dialogue.organisation, Role.VIEWER)


@pytest.fixture
def stranger(db):
    return member_of(DialogueFactory().organisation, Role.OWNER)


@pytest.fixture
def workshop(dialogue, runner, three_steps):
    return services.workshop_create(dialogue, three_steps, runner)
