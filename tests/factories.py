"""factory_boy factories for every app's models."""

import factory

from samrad.accounts.models import Membership, Organisation, Role
from samrad.dialogues.models import Dialogue
from samrad.live.models import (
    Choice,
    LiveSession,
    Participant,
    Question,
    QuestionKind,
    SessionStatus,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Kommun {n}")
    slug = factory.Sequence(lambda n: f"kommun-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()


class FacilitatorFactory(UserFactory):
    membership = factory.RelatedFactory(
        "tests.factories.MembershipFactory", factory_related_name="user"
    )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.FACILITATOR


class DialogueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dialogue

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Dialog {n}")
    language = "sv"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiveSession

    dialogue = factory.SubFactory(DialogueFactory)
    title = factory.Sequence(lambda n: f"Möte {n}")
    code = factory.Sequence(lambda n: f"{100000 + n}")


class OpenSessionFactory(SessionFactory):
    status = SessionStatus.OPEN


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    session = factory.SubFactory(OpenSessionFactory)
    kind = QuestionKind.OPEN
    prompt = factory.Sequence(lambda n: f"Fråga {n}?")
    position = factory.Sequence(lambda n: n)


class ChoiceQuestionFactory(QuestionFactory):
    class Meta:
        skip_postgeneration_save = True

    kind = QuestionKind.CHOICE

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        labels = extracted or ["Trygghet", "Kollektivitet", "Smidighet"]
        for position, label in enumerate(labels):
            Choice.objects.create(question=self, label=label, position=position)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    session = factory.SubFactory(OpenSessionFactory)


def member_of(organisation, role=Role.FACILITATOR):
    """A user who belongs to `organisation` with `role` (and to no other organisation)."""
    return MembershipFactory(organisation=organisation, role=role).user


def put_on_screen(question):
    """Make `question` the session's current one (what the facilitator's Next does)."""
    question.session.current_question = question
    question.session.save()
    return question
