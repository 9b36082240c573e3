"""Shared pieces of the security suite: one organisation's complete set of objects (a
dialogue with a meeting, a session with every kind of thing a URL can name) and bearer
tokens for the facilitator API."""

import copy
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction

from samrad.accounts.models import Role
from samrad.accounts.services import apitoken_create
from samrad.dialogues.models import Dialogue, Meeting
from samrad.live import services
from samrad.live.kinds import Answer
from samrad.live.models import LiveSession, Participant, Question, Response
from tests.factories import (
    ChoiceQuestionFactory,
    DialogueFactory,
    OpenSessionFactory,
    ParticipantFactory,
    QuestionFactory,
    member_of,
)


@dataclass
class World:
    """Everything one organisation owns that a URL can point at."""

    owner: object
    dialogue: Dialogue
    meeting: Meeting
    session: LiveSession
    question: Question
    qa_question: Question
    post: Response
    participant: Participant
    respondent: Participant  # a paper form typed in by a facilitator
    apps: dict  # the newer apps' objects, made by their demo loaders (see _load_app_demos)


# The apps whose objects a URL can name, filled the way `samrad demo` fills them: each app's
# demo loader on this world's dialogue (realistic objects made through the apps' services).
APP_DEMOS = ("insights", "workshops", "concerns", "planning", "signification")


def _load_app_demos(dialogue, owner) -> dict:
    from importlib import import_module

    from samrad.concerns.models import Action
    from samrad.feedback import services as feedback
    from samrad.feedback.models import FeedbackSubscriber, PublicPage
    from samrad.insights.models import ImportBatch, Input, Theme
    from samrad.planning.models import CoCreationLab, Measure, TargetGroup
    from samrad.signification.models import Survey
    from samrad.workshops.models import Workshop

    for app in APP_DEMOS:
        import_module(f"samrad.{app}.demo").load(dialogue, owner)
    # feedback's demo takes one fixed address; each world needs its own
    page = feedback.page_save(
        actor=owner,
        dialogue=dialogue,
        slug=f"dialog-{dialogue.pk}",
        intro="Tack",
        next_steps="",
        contact="",
    )
    feedback.page_publish(actor=owner, page=page, published=True)
    feedback.subscriber_add(
        session=dialogue.sessions.first(), email="anna@example.org", language="sv", consent=True
    )
    mapping = Workshop.objects.get(dialogue=dialogue, template="mapping")
    concerns = Workshop.objects.get(dialogue=dialogue, template="concerns")
    from samrad.concerns import screens

    survey = Survey.objects.filter(dialogue=dialogue).first()
    mailing = feedback.mailing_create(dialogue=dialogue, actor=owner, subject="Tack", body="Hej")
    return {
        "input": Input.objects.filter(dialogue=dialogue).first(),
        "theme": Theme.objects.filter(dialogue=dialogue).first(),
        "batch": ImportBatch.objects.filter(dialogue=dialogue).first(),
        "workshop": mapping,
        "workshop_step": mapping.steps.first(),
        "concerns_workshop": concerns,
        "concerns_step": concerns.steps.filter(format__in=screens.FORMAT_FRAGMENTS).first(),
        "action": Action.objects.filter(dialogue=dialogue).first(),
        "measure": Measure.objects.filter(goal__purpose__dialogue=dialogue).first(),
        "target_group": TargetGroup.objects.filter(dialogue=dialogue).first(),
        "lab": CoCreationLab.objects.filter(dialogue=dialogue).first(),
        "survey": survey,
        "signifier": survey.signifiers.first(),
        "public_page": PublicPage.objects.get(dialogue=dialogue),
        "mailing": mailing,
        "subscriber": FeedbackSubscriber.objects.filter(dialogue=dialogue).first(),
    }


def build_world(*, apps: bool = False) -> World:
    """One organisation's objects; with `apps`, also the newer apps' (slower: their demos)."""
    dialogue = DialogueFactory()
    owner = member_of(dialogue.organisation, Role.OWNER)
    meeting = Meeting.objects.create(dialogue=dialogue, title="Öppet möte")
    session = OpenSessionFactory(dialogue=dialogue)
    question = ChoiceQuestionFactory(session=session)
    qa_question = QuestionFactory(session=session, kind="qa")
    session.current_question = qa_question
    session.save()
    participant = ParticipantFactory(session=session)
    post = services.response_submit(
        question=qa_question, participant=participant, answer=Answer(text="Varför?")
    )
    respondent = services.proxy_participant_create(session=session, channel="paper")
    apps = _load_app_demos(dialogue, owner) if apps else {}
    return World(
        owner,
        dialogue,
        meeting,
        session,
        question,
        qa_question,
        post,
        participant,
        respondent,
        apps,
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def other_world(db) -> World:
    return build_world()


def worlds_per_module(*builds: Callable[[], World]):
    """A module-scoped fixture of worlds built once (a world with every app's demo takes
    seconds), the way Django's TestCase.setUpTestData works: built inside a transaction that
    is rolled back after the module; each test runs in its own savepoint (pytest-django's
    `db`), so what it writes is undone after it, and gets deep copies of the worlds, so what it
    caches on them (objects made on first use) goes too. In a test module:

        module_worlds_built, module_worlds = worlds_per_module(lambda: build_world(apps=True))

    and a test asks for `module_worlds` (a tuple, one world per build). Only for modules whose
    tests use `db`, not `transactional_db` (its flush would empty the module's worlds)."""

    @pytest.fixture(scope="module", name="module_worlds_built")
    def worlds(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                built = tuple(build() for build in builds)
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        try:
            yield built
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)

    @pytest.fixture(name="module_worlds")
    def fresh_copies(module_worlds_built, db) -> tuple[World, ...]:
        return copy.deepcopy(module_worlds_built)

    return worlds, fresh_copies


def bearer(user) -> dict[str, str]:
    _token, secret = apitoken_create(user=user, name="security test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
