"""Fixtures of the input board tests: a dialogue with a facilitator, and inputs made the way
the board makes them (through its services)."""

import pytest
from django.utils import timezone

from samrad.accounts.models import Role
from samrad.insights import services
from samrad.insights.models import Input, InputChannel
from tests.factories import DialogueFactory, member_of


@pytest.fixture
def dialogue(db):
    return DialogueFactory(language="sv")


@pytest.fixture
def owner(dialogue):
    return member_of(dialogue.organisation, Role.FACILITATOR)


@pytest.fixture
def viewer(dialogue):
    return member_of(dialogue.organisation, Role.VIEWER)


@pytest.fixture
def logged_in(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def make_input(dialogue):
    def make(text="Fler bänkar i parken", **fields):
        fields.setdefault("channel", InputChannel.IMPORT)
        fields.setdefault("created_at", timezone.now())
        return Input.objects.create(dialogue=fields.pop("dialogue", dialogue), text=text, **fields)

    return make


@pytest.fixture
def theme(dialogue):
    return services.theme_create(dialogue=dialogue, name="Trygghet")


@pytest.fixture(autouse=True)
def fresh_suggesters():
    """Trained suggesters are kept per process by dialogue id; ids repeat between tests."""
    from samrad.insights import learning

    learning.clear()
    yield
    learning.clear()
