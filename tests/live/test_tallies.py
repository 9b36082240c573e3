"""Running tallies (samrad/live/tallies.py): a choice question's counts follow the answer
writer's committed batches and agree with a recount; the projector gets only the counts while
answers pour in, and the whole stage (counted again) after any other change."""

import uuid

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from samrad.live import events, pipeline, selectors, services, tallies
from samrad.live.kinds import Answer
from samrad.live.models import Question, Response
from samrad.live.pipeline import Pending
from tests.factories import ChoiceQuestionFactory, ParticipantFactory, member_of, put_on_screen
from tests.live.test_consumers import presenter, setup_session


@pytest.fixture(autouse=True)
def no_tallies_left():
    tallies._tallies.clear()
    yield
    tallies._tallies.clear()


def submit(question, participant, choices=(), text="", client_id=None):
    return Pending(
        question_id=question.pk,
        participant=participant,
        answer=Answer(choices=[str(c.pk) for c in choices], text=text),
        client_id=client_id or uuid.uuid4(),
    )


@pytest.mark.django_db
def test_a_tally_follows_the_writer_and_agrees_with_a_recount(django_capture_on_commit_callbacks):
    question = put_on_screen(ChoiceQuestionFactory(allow_multiple=True, allow_other=True))
    bus, car, bike = question.choices.order_by("position")
    p1, p2, p3, p4 = (ParticipantFactory(session=question.session) for _ in range(4))
    tally = tallies.tally_of(question)
    assert tally is not None and tally.results()["respondents"] == 0
    again = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.responses_submit_batch(
            [
                submit(question, p1, [bus]),
                submit(question, p2, [bus, car], client_id=again),
                submit(question, p3, text="Tåg"),
            ]
        )
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.responses_submit_batch(
            [
                submit(question, p1, [bike]),  # changes their answer: bus → bike
                submit(question, p4, [car], text="Färja"),
                submit(question, p2, [bus, car], client_id=again),  # a resend
            ]
        )
    counted = tally.results()
    assert counted == selectors.question_results(question)  # the recount agrees
    assert {row["label"]: row["count"] for row in counted["rows"]} == {
        "Trygghet": 1,  # p2 (p1 moved on)
        "Kollektivitet": 2,  # p2, p4
        "Smidighet": 1,  # p1
        None: 2,  # "Other": p3, p4
    }
    assert counted["respondents"] == 4
    assert counted["others"] == ["Tåg", "Färja"]


@pytest.mark.django_db
def test_an_answer_stored_outside_the_writer_is_counted_once_the_tally_is_forgotten():
    question = put_on_screen(ChoiceQuestionFactory())
    first = question.choices.order_by("position").first()
    tally = tallies.tally_of(question)
    services.response_submit(
        question=question,
        participant=ParticipantFactory(session=question.session),
        answer=Answer(choices=[first.pk]),
    )
    assert tally.results()["respondents"] == 0  # the writer did not store it
    tallies.forget_session(question.session_id)
    assert tallies.tally_of(question).results()["respondents"] == 1


@pytest.mark.django_db
def test_other_processes_batches_keep_a_tally_right_in_any_order():
    question = put_on_screen(ChoiceQuestionFactory())
    bus, car, _bike = question.choices.order_by("position")
    phone = ParticipantFactory(session=question.session)
    tally = tallies.tally_of(question)
    version = tallies.generation(question)
    later, earlier = (phone.pk, [car.pk], "", 10, 200.0), (phone.pk, [bus.pk], "", 10, 100.0)
    tallies.apply(question.pk, [later], version)
    tallies.apply(question.pk, [later], version)  # the same batch twice (two projectors)
    tallies.apply(question.pk, [earlier], version)  # arrived after the later one: ignored
    counted = {row["label"]: row["count"] for row in tally.results()["rows"]}
    assert counted == {"Trygghet": 0, "Kollektivitet": 1, "Smidighet": 0}
    assert tally.results()["respondents"] == 1
    # Rows of another version of the question: the tally is forgotten, not trusted.
    tallies.apply(question.pk, [(phone.pk + 1, [bus.pk], "", 11, 300.0)], "another version")
    assert question.pk not in tallies._tallies
    assert tallies.tally_of(question).results()["respondents"] == 0  # from the database


@pytest.mark.django_db
def test_a_tally_built_from_an_outdated_question_follows_no_batch():
    question = put_on_screen(ChoiceQuestionFactory())
    outdated = Question.objects.get(pk=question.pk)
    services.question_reset(question=question)  # moves the question's version on
    tally = tallies.tally_of(outdated)
    assert tally is not None and tally.generation is None
    tallies.apply(question.pk, [], tallies.generation(outdated))
    assert question.pk not in tallies._tallies  # built again on the next push


def _writer_answers(question, count):
    choice = question.choices.order_by("position").first()
    pipeline.responses_submit_batch(
        [
            submit(question, ParticipantFactory(session=question.session), [choice])
            for _ in range(count)
        ]
    )


async def _next(communicator, kind):
    """The next message of type `kind`, skipping the stages that joins cause."""
    while True:
        message = await communicator.receive_json_from(timeout=3)
        if message["type"] == kind:
            return message
        assert message["type"] == "stage", message


@pytest.mark.django_db(transaction=True)
async def test_the_projector_gets_counts_during_answers_and_the_stage_after_other_changes(
    settings,
):
    settings.SAMRAD_PRESENTER_MIN_INTERVAL = 0.05
    session, first, _second, _participant = await database_sync_to_async(setup_session)()
    user = await database_sync_to_async(member_of)(session.dialogue.organisation)
    screen, connected = await presenter(session, user)
    assert connected
    assert (await screen.receive_json_from(timeout=3))["results"]["respondents"] == 0

    await database_sync_to_async(_writer_answers)(first, 3)
    counts = await _next(screen, "counts")
    while counts["results"]["respondents"] < 3:
        counts = await _next(screen, "counts")
    assert counts["question_id"] == first.pk
    assert counts["results"]["rows"][0]["count"] == 3
    assert counts["responses_label"] == "3 svar"  # the dialogue's language
    assert "html" not in counts

    # A reset (not the writer): the whole stage, counted again; the tally starts afresh.
    await database_sync_to_async(services.question_reset)(question=first)
    stage = await _next(screen, "stage")
    while stage["results"]["respondents"] != 0:
        stage = await _next(screen, "stage")
    await database_sync_to_async(_writer_answers)(first, 1)
    counts = await _next(screen, "counts")
    assert counts["results"]["respondents"] == 1  # not 3 + 1 from a tally that missed the reset

    # Another process's writer: its batch's rows come with its event, into this process's
    # tally; the projector still gets only the counts.
    async def from_another_process(rows, version):
        event = events.results_changed_event(
            first, tally="another process", rows=rows, generation=version
        )
        await get_channel_layer().group_send(
            events.presenter_group(session.pk), {"type": "samrad.event", "event": event}
        )

    stored, version = await database_sync_to_async(_stored_elsewhere)(first, 2)
    await from_another_process(tallies.rows_of(stored), version)
    counts = await _next(screen, "counts")
    while counts["results"]["respondents"] < 3:
        counts = await _next(screen, "counts")
    assert counts["results"]["respondents"] == 3  # not 1: the rows were added

    # A batch of another version of the question (read before a change, arriving late): the
    # tally is not trusted with it but read again from the database.
    (ghost,) = tallies.rows_of(stored[:1])
    await from_another_process([(ghost[0] + 1000, *ghost[1:])], "2000-01-01T00:00:00+00:00")
    counts = await _next(screen, "counts")
    assert counts["results"]["respondents"] == 3  # not 4

    # A writer of an older release (a mark, no rows, no version): read again, not trusted.
    await get_channel_layer().group_send(
        events.presenter_group(session.pk),
        {
            "type": "samrad.event",
            "event": {"type": "results", "question_id": first.pk, "tally": "older release"},
        },
    )
    assert (await _next(screen, "counts"))["results"]["respondents"] == 3
    await screen.disconnect()


def _stored_elsewhere(question, count):
    """Answers stored as another process's writer stores them (this process hears nothing
    of them but that writer's event): rows and the question's version."""
    choice = question.choices.order_by("position").first()
    question.refresh_from_db()
    stored = [
        Response.objects.create(
            question=question,
            participant=ParticipantFactory(session=question.session),
            slot=0,
            choices=[choice.pk],
        )
        for _ in range(count)
    ]
    return stored, tallies.generation(question)


@pytest.mark.django_db
def test_the_writer_reads_options_once_and_again_after_an_edit():
    """The writer keeps a question's options until the question changes (pipeline._OPTIONS):
    an option added by an edit is accepted at once, a removed one refused at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from samrad.live.editing import QuestionChanges, question_update
    from samrad.live.errors import Refused

    question = put_on_screen(ChoiceQuestionFactory())
    bus, _car, bike = question.choices.order_by("position")
    phones = [ParticipantFactory(session=question.session) for _ in range(4)]
    pipeline.responses_submit_batch([submit(question, phones[0], [bus])])
    with CaptureQueriesContext(connection) as second:
        pipeline.responses_submit_batch([submit(question, phones[1], [bus])])
    assert second.captured_queries  # the question's state is read again
    assert not any("live_choice" in q["sql"] for q in second.captured_queries)

    question_update(
        question=question,
        changes=QuestionChanges(
            prompt=question.prompt,
            removed={bike.pk},
            added=["Tåg"],
            settings={"allow_multiple": False, "allow_other": False},
        ),
    )
    train = question.choices.get(label="Tåg")
    (added, removed) = pipeline.responses_submit_batch(
        [submit(question, phones[2], [train]), submit(question, phones[3], [bike])]
    )
    assert added.choices == [train.pk]
    assert isinstance(removed, Refused) and removed.code == "invalid_choice"
