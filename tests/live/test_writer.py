"""Group commit (live/pipeline.py, live/writer.py): a batch stores what is right and refuses
what is not, each answer on its own; resends are idempotent; a full queue says "try again";
nothing is acknowledged that was not committed."""

import asyncio
import uuid

import pytest
from channels.db import database_sync_to_async
from django.db import OperationalError

from samrad.live import pipeline, services, writer
from samrad.live.errors import Refused
from samrad.live.kinds import Answer
from samrad.live.models import Question, Response
from tests.factories import ChoiceQuestionFactory, OpenSessionFactory, ParticipantFactory


def room(phones=3):
    session = OpenSessionFactory()
    question = ChoiceQuestionFactory(session=session)
    session.current_question = question
    session.save()
    choice = question.choices.first().pk
    participants = [ParticipantFactory(session=session) for _ in range(phones)]
    return question, choice, participants


def pending(question, participant, choice, client_id=None):
    return pipeline.Pending(
        question_id=question.pk,
        participant=participant,
        answer=Answer(choices=[str(choice)]),
        client_id=client_id or uuid.uuid4(),
    )


@pytest.mark.django_db
def test_one_bad_answer_in_a_batch_is_refused_alone():
    question, choice, (a, b, c) = room()
    results = pipeline.responses_submit_batch(
        [pending(question, a, choice), pending(question, b, 999999), pending(question, c, choice)]
    )
    assert isinstance(results[0], Response) and isinstance(results[2], Response)
    assert isinstance(results[1], Refused) and results[1].code == "invalid_choice"
    assert sorted(
        Response.objects.filter(question=question).values_list("participant", flat=True)
    ) == sorted([a.pk, c.pk])


@pytest.mark.django_db
def test_resend_after_a_lost_acknowledgement_is_stored_once():
    question, choice, (a, b, _c) = room()
    first = [pending(question, a, choice), pending(question, b, choice)]
    stored = pipeline.responses_submit_batch(first)
    # The process died after the commit, before the acks: both phones resend, and the
    # facilitator has closed the question meanwhile. Still a success, still one row each.
    services.question_set_accepting(question=question, accepting=False)
    again = pipeline.responses_submit_batch(
        [pending(question, p.participant, choice, p.client_id) for p in first]
    )
    assert [r.pk for r in again] == [r.pk for r in stored]
    assert Response.objects.filter(question=question).count() == 2


@pytest.mark.django_db
def test_the_batch_rechecks_the_question_and_a_phone_answering_twice_counts_once():
    question, choice, (a, b, _c) = room()
    other = question.choices.last().pk
    results = pipeline.responses_submit_batch(
        [pending(question, a, choice), pending(question, a, other), pending(question, b, choice)]
    )
    assert results[0].pk == results[1].pk  # the later answer replaced the earlier one
    assert Response.objects.get(participant=a).choices == [other]
    Question.objects.filter(pk=question.pk).update(accepting=False)  # closed by another process
    (late,) = pipeline.responses_submit_batch([pending(question, b, other)])
    assert isinstance(late, Refused) and late.code == "question_closed"
    assert Response.objects.get(participant=b).choices == [choice]


@pytest.mark.django_db
def test_unknown_question_is_not_found():
    question, choice, (a, *_rest) = room()
    item = pending(question, a, choice)
    item.question_id = question.pk + 1000
    (result,) = pipeline.responses_submit_batch([item])
    assert isinstance(result, Question.DoesNotExist)


async def test_a_full_queue_says_try_again():
    slow = writer.AnswerWriter(capacity=1, wait=0)
    slow.queue.put_nowait(("an answer waiting", asyncio.get_running_loop().create_future()))
    with pytest.raises(Refused) as refused:
        await slow.submit(pipeline.Pending(question_id=1, participant=None, answer=Answer()))
    assert refused.value.code == "busy" and refused.value.status == 503
    assert "try again" in str(refused.value.message)


@pytest.mark.django_db(transaction=True)
async def test_a_failed_batch_fails_every_caller_and_acknowledges_nothing(monkeypatch):
    question, choice, (a, b, _c) = await database_sync_to_async(room)()

    def broken(items):
        raise OperationalError("database is locked")

    monkeypatch.setattr(pipeline, "responses_submit_batch", broken)
    batch = writer.AnswerWriter(wait=0.05)
    results = await asyncio.gather(
        batch.submit(pending(question, a, choice)),
        batch.submit(pending(question, b, choice)),
        return_exceptions=True,
    )
    assert all(isinstance(result, OperationalError) for result in results)


@pytest.mark.django_db(transaction=True)
async def test_reset_while_a_batch_waits_keeps_the_answers_that_came_after_it():
    question, choice, phones = await database_sync_to_async(room)()
    batch = writer.AnswerWriter(wait=0.3)
    waiting = [asyncio.ensure_future(batch.submit(pending(question, p, choice))) for p in phones]
    await asyncio.sleep(0.05)  # queued, not yet written
    await database_sync_to_async(services.question_reset)(question=question)
    acked = await asyncio.gather(*waiting)
    count = await database_sync_to_async(Response.objects.filter(question=question).count)()
    assert count == len(acked) == len(phones)


@pytest.mark.django_db
def test_api_client_hears_busy_as_503_with_a_message_and_nothing_is_stored(client, monkeypatch):
    from tests.api.test_participate import join, post

    question, choice, _phones = room(phones=0)
    token = join(client, question.session)["participant_token"]

    def full(item):
        raise Refused("busy")

    monkeypatch.setattr(writer, "submit_from_thread", full)
    url = f"/api/v1/participate/questions/{question.pk}/responses"
    answer = post(client, url, {"choices": [choice], "client_id": str(uuid.uuid4())}, token)
    assert answer.status_code == 503
    assert "try again" in answer.json()["detail"]
    assert not Response.objects.exists()


class Sizes(writer.BatchWriter):
    """A writer that stores nothing: it records the size of each batch it is given."""

    def __init__(self, **options):
        super().__init__(**options)
        self.sizes: list[int] = []

    async def _write(self, batch):  # no database: answer in the loop
        self.sizes.append(len(batch))
        for item, future in batch:
            future.set_result(item)


async def test_a_lone_answer_waits_the_short_wait_and_a_stream_shares_a_longer_batch():
    batches = Sizes(wait=0.02, longest=0.5, fill=100)
    loop = asyncio.get_running_loop()
    start = loop.time()
    await batches.submit("alone")
    alone = loop.time() - start
    assert batches.sizes == [1]
    assert alone < 0.2  # not the longest wait: nothing else was arriving

    async def trickle():  # one answer every 10 ms for 0.2 s: a room answering
        waiting = []
        for n in range(20):
            waiting.append(asyncio.ensure_future(batches.submit(n)))
            await asyncio.sleep(0.01)
        return await asyncio.gather(*waiting)

    assert await trickle() == list(range(20))
    assert sum(batches.sizes[1:]) == 20 and len(batches.sizes[1:]) <= 3


async def test_a_stream_is_written_once_a_batch_is_full_or_the_longest_wait_has_passed():
    full = Sizes(wait=0.02, longest=5, fill=8)
    waiting = [asyncio.ensure_future(full.submit(n)) for n in range(3)]
    for n in range(3, 30):
        await asyncio.sleep(0.005)
        waiting.append(asyncio.ensure_future(full.submit(n)))
    await asyncio.gather(*waiting)
    assert max(full.sizes) <= 12 and len(full.sizes) >= 3  # written as they filled, not at 5 s
    capped = Sizes(wait=0.02, longest=0.1, fill=1000)
    loop = asyncio.get_running_loop()
    start = loop.time()
    first = asyncio.ensure_future(capped.submit("first"))
    while not first.done():
        capped_more = asyncio.ensure_future(capped.submit("more"))
        await asyncio.sleep(0.005)
    assert loop.time() - start < 0.3  # the longest wait held although answers kept coming
    await capped_more


@pytest.mark.django_db
def test_a_batch_finds_resends_through_the_index_not_by_reading_every_answer():
    """The resend lookup of every batch must not read the whole answers table (it grows with
    the room: 10,000 rows read for each batch of a town hall)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("the plan is read with SQLite's EXPLAIN QUERY PLAN")
    question, choice, phones = room()
    with CaptureQueriesContext(connection) as queries:
        pipeline.responses_submit_batch([pending(question, p, choice) for p in phones])
    (lookup,) = [
        q["sql"] for q in queries if q["sql"].startswith("SELECT") and "client_id" in q["sql"]
    ]
    sql = lookup.replace("%", "%%")  # captured with its values filled in
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "USING INDEX" in plan and "SCAN live_response" not in plan, plan
