"""Statements and votes in the database: submit, moderate, vote, next statement, analysis."""

from __future__ import annotations

import random
import threading

import pytest
from django.core.cache import cache
from django.db import close_old_connections, connection
from django.utils import translation

from samrad.live.errors import Refused
from samrad.live.models import Moderation
from samrad.opinions import selectors, services
from samrad.opinions.analysis.synthetic import planted_votes
from samrad.opinions.models import Statement, StatementVote
from tests.factories import OpenSessionFactory, ParticipantFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(open_session):
    return QuestionFactory(session=open_session, kind="statements", premoderated=True)


@pytest.fixture
def seeded(question):
    return [
        services.statement_seed(question=question, text=text)
        for text in ["Fler cykelbanor", "Längre öppettider på biblioteket", "Mer grönska"]
    ]


def test_a_submitted_statement_waits_for_approval_and_keeps_its_author(question, participant):
    statement = services.statement_submit(
        question=question, participant=participant, text="  Bättre belysning i parken  "
    )
    assert statement.text == "Bättre belysning i parken"
    assert statement.moderation == Moderation.PENDING and statement.author == participant
    question.premoderated = False
    statement = services.statement_submit(question=question, participant=participant, text="Ja")
    assert statement.moderation == Moderation.APPROVED


@pytest.mark.parametrize(
    ("text", "code"), [("", "empty"), ("   ", "empty"), ("x" * 281, "too_long")]
)
def test_a_statement_must_have_1_to_280_characters(question, participant, text, code):
    with pytest.raises(Refused) as refused:
        services.statement_submit(question=question, participant=participant, text=text)
    assert refused.value.code == code
    assert not Statement.objects.exists()
    services.statement_submit(question=question, participant=participant, text="x" * 280)


def test_a_repeated_statement_is_flagged_to_the_moderator(question, participant, seeded):
    question.premoderated = False
    repeat = services.statement_submit(
        question=question, participant=participant, text="fler  CYKELBANOR!"
    )
    assert repeat.duplicate_of == seeded[0]
    assert repeat.moderation == Moderation.PENDING  # waits even without pre-moderation


def test_the_word_filter_holds_a_statement_back_without_pre_moderation(question, participant):
    """Issue 16, item 1: "the word filter applies" — as for word clouds and open answers, a
    statement with a word of the organisation's filter waits for the moderator even when the
    facilitator turned pre-moderation off."""
    from samrad.live import services as live

    question.premoderated = False
    live.blocked_words_set(
        organisation=question.session.dialogue.organisation, language="sv", words=["parkering"]
    )
    held = services.statement_submit(
        question=question, participant=participant, text="Ta bort PARKERING vid torget"
    )
    assert held.moderation == Moderation.PENDING
    held = services.statement_submit(question=question, participant=participant, text="Fuck it")
    assert held.moderation == Moderation.PENDING  # the default English list
    shown = services.statement_submit(question=question, participant=participant, text="Fler träd")
    assert shown.moderation == Moderation.APPROVED


def test_votes_are_refused_on_hidden_pending_and_other_sessions_statements(
    question, participant, seeded
):
    services.statement_moderate(statement=seeded[1], moderation=Moderation.HIDDEN)
    pending = services.statement_submit(question=question, participant=participant, text="Ny")
    elsewhere = services.statement_seed(question=QuestionFactory(kind="statements"), text="Annan")
    for statement in (seeded[1], pending, elsewhere):
        with pytest.raises(Refused) as refused:
            services.statement_vote(participant=participant, statement_id=statement.pk, value=1)
        with translation.override("sv"):
            assert refused.value.message == "Det här påståendet går inte att rösta på (längre)."
        assert refused.value.status == 404
    with pytest.raises(Refused) as refused:
        services.statement_vote(participant=participant, statement_id=seeded[0].pk, value=2)
    assert refused.value.code == "vote_value"
    assert not StatementVote.objects.exists()


def test_a_vote_can_be_changed_and_identical_votes_count_once(participant, seeded):
    for _ in range(5):
        services.statement_vote(participant=participant, statement_id=seeded[0].pk, value=1)
    services.statement_vote(participant=participant, statement_id=seeded[0].pk, value=-1)
    assert list(StatementVote.objects.values_list("value", flat=True)) == [-1]


needs_concurrent_writers = pytest.mark.skipif(
    "connection.vendor == 'sqlite' and connection.is_in_memory_db()",
    reason="the in-memory SQLite test database refuses concurrent writers (table locked); "
    "this runs in the PostgreSQL pass of `make test`",
)


@needs_concurrent_writers
@pytest.mark.django_db(transaction=True)
def test_a_thousand_concurrent_identical_votes_count_once():
    question = QuestionFactory(kind="statements")
    voter = ParticipantFactory(session=question.session)
    statement = services.statement_seed(question=question, text="Fler cykelbanor")
    threads, per_thread = 50, 20
    barrier = threading.Barrier(threads)
    errors = []

    def run():
        try:
            barrier.wait()
            for _ in range(per_thread):
                services.statement_vote(participant=voter, statement_id=statement.pk, value=1)
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    running = [threading.Thread(target=run) for _ in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join(timeout=120)
    assert errors == []
    assert list(StatementVote.objects.values_list("value", flat=True)) == [1]


def test_the_next_statement_has_the_fewest_votes_and_the_count_goes_down(
    question, participant, seeded
):
    other = ParticipantFactory(session=participant.session)
    services.statement_vote(participant=other, statement_id=seeded[0].pk, value=1)
    services.statement_vote(participant=other, statement_id=seeded[2].pk, value=1)
    services.statement_submit(question=question, participant=participant, text="Väntar")
    statement, left = selectors.statement_next(question=question, participant=participant)
    assert (statement, left) == (seeded[1], 3)  # the pending one is not offered
    services.statement_vote(participant=participant, statement_id=seeded[1].pk, value=0)
    offered = set()
    for seed in range(20):
        statement, left = selectors.statement_next(
            question=question, participant=participant, rng=random.Random(seed)
        )
        offered.add(statement)
        assert left == 2
    assert offered == {seeded[0], seeded[2]}  # ties at random
    for statement in (seeded[0], seeded[2]):
        services.statement_vote(participant=participant, statement_id=statement.pk, value=1)
    assert selectors.statement_next(question=question, participant=participant) == (None, 0)


def test_the_analysis_finds_the_groups_and_recomputes_at_most_once_a_second(question):
    planted = planted_votes(participants=40, statements=12, groups=2, fill=0.8, consensus=2)
    statements = [
        services.statement_seed(question=question, text=f"Påstående {i}") for i in range(12)
    ]
    people = [ParticipantFactory(session=question.session) for _ in range(40)]
    StatementVote.objects.bulk_create(
        StatementVote(statement=statements[s], participant=people[p], value=v)
        for p, s, v in zip(planted.participants, planted.statements, planted.votes, strict=True)
    )
    analysis = selectors.question_analysis(question=question)
    assert len(analysis.groups) == 2
    assert {c.statement for c in analysis.consensus} == {statements[0].pk, statements[1].pk}
    services.statement_moderate(statement=statements[0], moderation=Moderation.HIDDEN)
    assert selectors.question_analysis(question=question) == analysis  # within the second
    cache.delete(f"opinions:analysis:{question.pk}:busy")  # the second has passed
    later = selectors.question_analysis(question=question)
    assert statements[0].pk not in later.statements
    assert [g.id for g in later.groups] == [g.id for g in analysis.groups]


def test_a_participant_of_another_session_cannot_submit(question):
    stranger = ParticipantFactory(session=OpenSessionFactory())
    with pytest.raises(Refused):
        services.statement_submit(question=question, participant=stranger, text="Hej")
