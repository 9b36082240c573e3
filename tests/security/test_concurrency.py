"""A thousand concurrent copies of one submission are stored once, and every copy gets an
answer (the stored response, or a clear refusal), never an error; different submissions from
one phone to a single-answer question end as one answer.

The in-memory SQLite test database refuses concurrent writers (table locked): on SQLite,
tests/test_on_a_sqlite_file.py runs the service-level tests again in a subprocess whose
test database is a file (SAMRAD_TEST_SQLITE_FILE); the PostgreSQL + Redis pass of
`make test` runs all of them directly. PostgreSQL allows 100 connections by default:
1,000 submissions go through a pool of WORKERS threads, released together by a barrier, each
holding its own connection.
"""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import close_old_connections, connection

from samrad.live import services
from samrad.live.errors import Refused
from samrad.live.kinds import Answer
from samrad.live.models import Response
from tests.factories import (
    ChoiceQuestionFactory,
    ParticipantFactory,
    QuestionFactory,
    put_on_screen,
)

WORKERS = 40
SUBMISSIONS = 1000
API_SUBMISSIONS = 5 * WORKERS


@pytest.fixture
def concurrent_db(transactional_db):
    """A database that takes concurrent writers; each thread commits on its own. Checked
    once the test database exists (a skipif mark is evaluated before it is set up)."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "the in-memory SQLite test database refuses concurrent writers (table locked); "
            "tests/test_on_a_sqlite_file.py runs this on a file, and the PostgreSQL pass directly"
        )


def at_once(count: int, work) -> list:
    """Run work(i) for i in range(count) on WORKERS threads that start together; return
    each call's result or the exception it raised."""
    start = threading.Barrier(min(WORKERS, count))
    started = threading.local()

    def run(i):
        if not getattr(started, "yes", False):
            started.yes = True
            start.wait()
        try:
            return work(i)
        except Exception as error:  # noqa: BLE001  (returned and asserted on)
            return error
        finally:
            close_old_connections()

    def close(_):
        connection.close()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(run, range(count)))
        list(pool.map(close, range(WORKERS)))
    return results


def test_a_thousand_copies_of_one_answer_are_stored_once(concurrent_db, settings):
    settings.SAMRAD_ANSWERS_PER_MINUTE = 10 * SUBMISSIONS  # not the rate limit's test
    question = put_on_screen(QuestionFactory(kind="open"))
    participant = ParticipantFactory(session=question.session)
    client_id = uuid.uuid4()

    def submit(_i):
        return services.response_submit(
            question=question,
            participant=participant,
            answer=Answer(text="Fler bänkar i parken", kind="input"),
            client_id=client_id,
        )

    results = at_once(SUBMISSIONS, submit)
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    assert Response.objects.filter(question=question).count() == 1
    stored = Response.objects.get(question=question)
    assert {r.pk for r in results} == {stored.pk}  # every copy: "already have it"


def test_copies_through_the_api_are_stored_once(concurrent_db, settings):
    """The same through the participant API: each copy answers 201 with the one id. The race
    is among the first WORKERS copies, released together; later ones find it stored. So
    API_SUBMISSIONS (five rounds of WORKERS), not a thousand: each copy through the whole HTTP
    stack costs ~45 ms of the PostgreSQL pass (a thousand took 45 s)."""
    import json

    from django.test import Client

    from samrad.live.tokens import participant_token

    settings.SAMRAD_ANSWERS_PER_MINUTE = 10 * SUBMISSIONS
    question = put_on_screen(ChoiceQuestionFactory())
    participant = ParticipantFactory(session=question.session)
    token = participant_token(participant)
    choice = question.choices.first().pk
    body = json.dumps({"choices": [choice], "client_id": str(uuid.uuid4())})
    url = f"/api/v1/participate/questions/{question.pk}/responses"

    def post(_i):
        response = Client().post(
            url, body, content_type="application/json", HTTP_X_PARTICIPANT_TOKEN=token
        )
        return response.status_code, response.json().get("id")

    results = at_once(API_SUBMISSIONS, post)
    assert len(results) == API_SUBMISSIONS
    assert [r for r in results if isinstance(r, Exception)] == []
    stored = Response.objects.get(question=question)
    assert set(results) == {(201, stored.pk)}


def test_different_answers_at_once_to_a_single_answer_question_end_as_one(concurrent_db, settings):
    settings.SAMRAD_ANSWERS_PER_MINUTE = 10 * SUBMISSIONS
    question = put_on_screen(ChoiceQuestionFactory())
    participant = ParticipantFactory(session=question.session)
    options = list(question.choices.values_list("pk", flat=True))

    def submit(i):
        return services.response_submit(
            question=question,
            participant=participant,
            answer=Answer(choices=[options[i % len(options)]]),
            client_id=uuid.uuid4(),
        )

    results = at_once(200, submit)
    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, Refused)]
    assert unexpected == []
    assert Response.objects.filter(question=question, participant=participant).count() == 1
    assert sum(1 for r in results if isinstance(r, Response)) >= 1
