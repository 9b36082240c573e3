"""`samrad retention`: SAMRAD_RETENTION_DAYS after a session's last activity, participant
keys are replaced (old cookies and tokens stop working) and client ids cleared, while the
answers stay and every count stays the same."""

import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from samrad.live import privacy, selectors, services
from samrad.live.kinds import Answer
from samrad.live.models import LiveSession, Participant, Response
from samrad.live.tokens import participant_from_token, participant_token
from tests.factories import ChoiceQuestionFactory, ParticipantFactory, put_on_screen

pytestmark = pytest.mark.django_db


def answered_session(phones: int = 3):
    question = put_on_screen(ChoiceQuestionFactory())
    options = list(question.choices.values_list("pk", flat=True))
    participants = [ParticipantFactory(session=question.session) for _ in range(phones)]
    for n, participant in enumerate(participants):
        services.response_submit(
            question=question,
            participant=participant,
            answer=Answer(choices=[options[n % 2]]),
            client_id=uuid.uuid4(),
        )
    return question, participants


def age(session: LiveSession, days: int) -> None:
    """Move everything the session did `days` into the past."""
    then = timezone.now() - timedelta(days=days)
    LiveSession.objects.filter(pk=session.pk).update(updated_at=then)
    Participant.objects.filter(session=session).update(joined_at=then)
    Response.objects.filter(question__session=session).update(updated_at=then, created_at=then)


def test_old_sessions_lose_identifiers_and_keep_their_counts(settings):
    settings.SAMRAD_RETENTION_DAYS = 365
    old_question, old_phones = answered_session()
    new_question, new_phones = answered_session()
    age(old_question.session, 400)
    age(new_question.session, 100)
    results_before = selectors.question_results(old_question)
    tokens = [participant_token(p) for p in old_phones]
    keys = {p.key for p in old_phones}

    report = privacy.retention_apply()

    assert [s.pk for s in report.sessions] == [old_question.session_id]
    assert report.participants == 3 and report.client_ids == 3
    # Identifiers are gone: new keys, no client ids, old tokens name nobody.
    old = Participant.objects.filter(session=old_question.session)
    assert not keys & set(old.values_list("key", flat=True))
    assert all(participant_from_token(token) is None for token in tokens)
    assert not Response.objects.filter(question=old_question, client_id__isnull=False).exists()
    # Answers and counts stay exactly as they were.
    assert selectors.question_results(old_question) == results_before
    assert Response.objects.filter(question=old_question).count() == 3
    # The recent session keeps everything.
    assert participant_from_token(participant_token(new_phones[0])) == new_phones[0]
    assert Response.objects.filter(question=new_question, client_id__isnull=False).count() == 3
    # Done once: the next run has nothing to do.
    assert privacy.retention_apply().sessions == []


def test_dry_run_changes_nothing(settings):
    question, phones = answered_session()
    age(question.session, 400)
    keys = set(Participant.objects.values_list("key", flat=True))
    report = privacy.retention_apply(dry_run=True)
    assert len(report.sessions) == 1 and report.participants == 3 and report.client_ids == 3
    assert set(Participant.objects.values_list("key", flat=True)) == keys
    assert Response.objects.filter(client_id__isnull=False).count() == 3


def test_recent_activity_keeps_an_old_session(settings):
    """A session created long ago that still gets answers has not ended."""
    question, phones = answered_session()
    age(question.session, 400)
    Response.objects.filter(participant=phones[0]).update(updated_at=timezone.now())
    assert privacy.retention_apply().sessions == []


def test_the_command(capsys, settings):
    question, _phones = answered_session()
    age(question.session, 40)
    call_command("retention", "--days", "30", "--dry-run")
    out = capsys.readouterr().out
    assert question.session.code in out and "would clear 3 participant keys" in out
    assert LiveSession.objects.get(pk=question.session_id).identifiers_cleared_at is None
    call_command("retention", "--days", "30")
    assert "cleared 3 participant keys and 3 client ids" in capsys.readouterr().out
    assert LiveSession.objects.get(pk=question.session_id).identifiers_cleared_at is not None
