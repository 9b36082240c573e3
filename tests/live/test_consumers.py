"""WebSocket consumers through Channels' communicator: phones follow, presenters see results."""

import asyncio

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth import get_user_model

from config.asgi import application
from samrad.live import services
from samrad.live.kinds import Answer
from samrad.live.models import Participant
from samrad.live.tokens import cookie_name, participant_token
from tests.factories import (
    ChoiceQuestionFactory,
    FacilitatorFactory,
    OpenSessionFactory,
    ParticipantFactory,
    QuestionFactory,
    member_of,
)

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = (b"origin", b"http://testserver")


def setup_session():
    session = OpenSessionFactory()
    first = ChoiceQuestionFactory(session=session)
    second = QuestionFactory(session=session, kind="open")
    session.current_question = first
    session.save()
    participant = ParticipantFactory(session=session)
    return session, first, second, participant


async def phone(session, participant, *, via="cookie"):
    token = participant_token(participant)
    if via == "cookie":
        headers = [ORIGIN, (b"cookie", f"{cookie_name(session.pk)}={token}".encode())]
        path = f"/ws/live/{session.code}/"
    else:
        headers = [ORIGIN]
        path = f"/ws/live/{session.code}/?token={token}"
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _code = await communicator.connect()
    return communicator, connected


async def test_phone_gets_state_on_connect_and_when_facilitator_moves_on():
    session, first, second, participant = await database_sync_to_async(setup_session)()
    communicator, connected = await phone(session, participant)
    assert connected
    state = await communicator.receive_json_from(timeout=3)
    assert state["type"] == "state"
    assert state["question"]["id"] == first.pk
    await database_sync_to_async(services.session_step)(session=session, offset=1)
    moved = await communicator.receive_json_from(timeout=1)
    assert moved["question"]["id"] == second.pk
    assert moved["question"]["kind"] == "open"
    await communicator.disconnect()


async def next_state(communicator):
    """The next state event (a reset also tells Q&A lists to refetch: {"type": "qa"})."""
    while True:
        event = await communicator.receive_json_from(timeout=1)
        if event["type"] == "state":
            return event


async def test_phone_hears_reset_and_the_session_ending_and_reopening():
    session, first, _second, participant = await database_sync_to_async(setup_session)()
    communicator, connected = await phone(session, participant)
    assert connected
    before = (await communicator.receive_json_from(timeout=3))["key"]
    await database_sync_to_async(services.question_reset)(question=first)
    reset = await next_state(communicator)
    assert reset["question"]["id"] == first.pk
    assert reset["key"] != before  # the phone refetches: its "You have answered" is gone
    await database_sync_to_async(services.session_close)(session=session)
    closed = await next_state(communicator)
    assert closed["session"]["status"] == "closed"
    await communicator.disconnect()

    # A phone of an ended session still connects, to hear when it is reopened.
    communicator, connected = await phone(session, participant)
    assert connected
    assert (await communicator.receive_json_from(timeout=3))["key"] == "closed"
    await database_sync_to_async(services.session_open)(session=session)
    reopened = await next_state(communicator)
    assert reopened["session"]["status"] == "open"
    assert reopened["key"].startswith(f"{first.pk}:")
    await communicator.disconnect()


async def test_token_in_query_string_works_for_api_clients():
    session, first, _second, participant = await database_sync_to_async(setup_session)()
    communicator, connected = await phone(session, participant, via="query")
    assert connected
    assert (await communicator.receive_json_from(timeout=3))["question"]["id"] == first.pk
    await communicator.disconnect()


async def test_phone_without_valid_identity_or_code_is_refused():
    session, _first, _second, participant = await database_sync_to_async(setup_session)()
    other = await database_sync_to_async(ParticipantFactory)()  # another session's phone
    for path, headers in [
        (f"/ws/live/{session.code}/", [ORIGIN]),
        (f"/ws/live/{session.code}/?token=forged", [ORIGIN]),
        (f"/ws/live/{session.code}/?token={participant_token(other)}", [ORIGIN]),
        (f"/ws/live/999999/?token={participant_token(participant)}", [ORIGIN]),
        (
            f"/ws/live/{session.code}/?token={participant_token(participant)}",
            [(b"origin", b"http://evil.example")],
        ),
    ]:
        communicator = WebsocketCommunicator(application, path, headers=headers)
        connected, _code = await communicator.connect()
        assert not connected, path
        await communicator.disconnect()


async def test_presence_counted_while_connected():
    session, _first, _second, participant = await database_sync_to_async(setup_session)()
    communicator, _connected = await phone(session, participant)
    await communicator.receive_json_from(timeout=3)

    async def connections(expected):
        # Counts are written in batches (PresenceBatch): wait for the next flush.
        for _attempt in range(40):
            found = (
                await database_sync_to_async(Participant.objects.get)(pk=participant.pk)
            ).connections
            if found == expected:
                break
            await asyncio.sleep(0.05)
        return found

    assert await connections(1) == 1
    await communicator.disconnect()
    assert await connections(0) == 0


async def presenter(session, user):
    from django.test import Client

    client = Client()
    await database_sync_to_async(client.force_login)(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()
    communicator = WebsocketCommunicator(
        application, f"/ws/present/{session.code}/", headers=[ORIGIN, (b"cookie", cookie)]
    )
    connected, _code = await communicator.connect()
    return communicator, connected


async def test_presenter_needs_login_of_the_owning_organisation():
    session, *_rest = await database_sync_to_async(setup_session)()
    anonymous = WebsocketCommunicator(application, f"/ws/present/{session.code}/", headers=[ORIGIN])
    assert not (await anonymous.connect())[0]
    stranger = await database_sync_to_async(FacilitatorFactory)()
    communicator, connected = await presenter(session, stranger)
    assert not connected
    await communicator.disconnect()


async def test_presenter_sees_answers_coalesced(settings, hops):
    settings.SAMRAD_PRESENTER_MIN_INTERVAL = 0.3
    session, first, _second, _participant = await database_sync_to_async(setup_session)()
    user = await database_sync_to_async(member_of)(session.dialogue.organisation)
    communicator, connected = await presenter(session, user)
    assert connected
    initial = await communicator.receive_json_from(timeout=3)
    assert initial["type"] == "stage"
    assert initial["results"]["respondents"] == 0

    def answer_many(n):
        choice = first.choices.first()
        for _ in range(n):
            services.response_submit(
                question=first,
                participant=ParticipantFactory(session=session),
                answer=Answer(choices=[choice.pk]),
            )

    await database_sync_to_async(answer_many)(10)
    stages = []
    while not await communicator.receive_nothing(timeout=1):
        stages.append(await communicator.receive_json_from(timeout=1))
    # 10 answers + 10 joins arrived within a moment: a few renders, not twenty.
    assert 1 <= len(stages) <= 4
    final = stages[-1]
    assert final["results"]["respondents"] == 10
    assert final["results"]["rows"][0]["count"] == 10
    assert "Trygghet" in final["html"]
    assert hops == []  # twenty events, no thread hop before each (DispatchWithoutHop)
    await communicator.disconnect()


@pytest.fixture(autouse=True)
def _clean_users():
    yield
    get_user_model().objects.all().delete()


async def test_a_step_taken_while_the_phone_connects_is_not_missed(monkeypatch):
    """The facilitator moves on between the socket's lookup and its joining the group: the
    phone must still end up on the new question (first message or broadcast, never neither)."""
    from channels.layers import get_channel_layer

    session, _first, second, participant = await database_sync_to_async(setup_session)()
    layer = type(get_channel_layer())
    joining = layer.group_add

    async def step_then_join(self, group, channel):
        await database_sync_to_async(services.session_step)(session=session, offset=1)
        monkeypatch.setattr(layer, "group_add", joining)
        await joining(self, group, channel)

    monkeypatch.setattr(layer, "group_add", step_then_join)
    communicator, connected = await phone(session, participant)
    assert connected
    seen = []
    while not await communicator.receive_nothing(timeout=0.5):
        event = await communicator.receive_json_from()
        if event["type"] == "state":
            seen.append(event)
    assert seen and seen[-1]["question"]["id"] == second.pk
    await communicator.disconnect()


async def test_a_phone_connects_when_the_remembered_session_id_is_stale():
    """The process remembers which session a code names (a room connects at once); if it
    remembers wrong (the session was deleted, the database emptied), the socket asks again."""
    from samrad.live import selectors

    session, first, _second, participant = await database_sync_to_async(setup_session)()
    other, *_rest = await database_sync_to_async(setup_session)()
    selectors.SESSION_IDS[session.code] = other.pk
    communicator, connected = await phone(session, participant)
    assert connected
    state = await communicator.receive_json_from(timeout=3)
    assert (state["session"]["id"], state["question"]["id"]) == (session.pk, first.pk)
    assert selectors.SESSION_IDS[session.code] == session.pk
    await communicator.disconnect()


async def test_a_phone_of_another_session_is_refused_even_when_its_session_is_remembered():
    session, _first, _second, _participant = await database_sync_to_async(setup_session)()
    other, _o1, _o2, stranger = await database_sync_to_async(setup_session)()
    from samrad.live import selectors

    selectors.SESSION_IDS[session.code] = session.pk
    # The stranger's cookie names its own session; the code is this one's.
    headers = [
        ORIGIN,
        (b"cookie", f"{cookie_name(other.pk)}={participant_token(stranger)}".encode()),
    ]
    communicator = WebsocketCommunicator(application, f"/ws/live/{session.code}/", headers=headers)
    connected, _code = await communicator.connect()
    assert not connected
    await communicator.disconnect()


async def test_phones_hear_events_and_answer_without_a_thread_hop_per_message(hops):
    """Channels' dispatch hops to a thread (`aclose_old_connections`) before every message;
    a phone's socket does not: one "next question" reaches a full hall without a hop per
    socket, and an answer without one more (the writer's database work closes stale
    connections itself)."""
    session, first, second, participant = await database_sync_to_async(setup_session)()
    others = [await database_sync_to_async(ParticipantFactory)(session=session) for _ in range(2)]
    phones = [await phone(session, p) for p in [participant, *others]]
    for communicator, connected in phones:
        assert connected
        assert (await communicator.receive_json_from(timeout=3))["type"] == "state"
    hops.clear()
    await database_sync_to_async(services.session_step)(session=session, offset=1)
    for communicator, _connected in phones:
        moved = await next_state(communicator)
        assert moved["question"]["id"] == second.pk
    await database_sync_to_async(services.session_step)(session=session, offset=-1)
    communicator = phones[0][0]
    await next_state(communicator)
    choice = await database_sync_to_async(lambda: first.choices.first().pk)()
    await communicator.send_json_to(
        {
            "type": "answer",
            "question_id": first.pk,
            "client_id": "0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b",
            "choices": [choice],
        }
    )
    while (event := await communicator.receive_json_from(timeout=3))["type"] != "ack":
        pass
    assert event["client_id"] == "0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b"
    stored = await database_sync_to_async(participant.responses.count)()
    assert stored == 1
    assert hops == []
    for communicator, _connected in phones:
        await communicator.disconnect()


@pytest.fixture
def socket_batches(monkeypatch, settings):
    """The socket reader's batches, by size; a wait long enough for all to arrive together."""
    from samrad.live import writer
    from tests.live.batches import recorded

    settings.SAMRAD_WRITER_WAIT = 0.2
    return recorded(monkeypatch, writer.SocketReader)


async def test_a_room_connecting_at_once_is_identified_in_one_query(socket_batches):
    """Twelve phones of one session and a stranger with another session's token connect
    together: one batch; each phone gets the state, the stranger is refused."""
    session, first, _second, _p = await database_sync_to_async(setup_session)()
    other, _o1, _o2, stranger = await database_sync_to_async(setup_session)()
    participants = [
        await database_sync_to_async(ParticipantFactory)(session=session) for _ in range(12)
    ]
    stranger_socket = WebsocketCommunicator(  # a valid token, of another session
        application,
        f"/ws/live/{session.code}/?token={participant_token(stranger)}",
        headers=[ORIGIN],
    )
    from samrad.live import selectors

    selectors.SESSION_IDS[session.code] = session.pk
    *phones, (refused, _code) = await asyncio.gather(
        *(phone(session, p) for p in participants), stranger_socket.connect()
    )
    assert not refused
    # All in one batch; the stranger then asks once more with the code looked up afresh (the
    # remembered session id might have been stale) and is refused again.
    assert socket_batches == [13, 1]
    for communicator, connected in phones:
        assert connected
        state = await communicator.receive_json_from(timeout=3)
        assert (state["session"]["id"], state["question"]["id"]) == (session.pk, first.pk)
        assert [c["label"] for c in state["question"]["choices"]]  # the question's choices
        await communicator.disconnect()
    await stranger_socket.disconnect()


async def test_a_phone_connects_on_its_own_when_the_socket_reader_fails(monkeypatch):
    from django.db import OperationalError

    from samrad.live import writer

    def broken(asks):
        raise OperationalError("database is locked")

    monkeypatch.setattr(writer.SocketReader, "store", staticmethod(broken))
    session, first, _second, participant = await database_sync_to_async(setup_session)()
    communicator, connected = await phone(session, participant)
    assert connected
    assert (await communicator.receive_json_from(timeout=3))["question"]["id"] == first.pk
    await communicator.disconnect()


async def test_a_change_made_while_the_presenter_draws_is_drawn_too(monkeypatch):
    """The facilitator moves on twice in a moment ("go to", then "split by age"): the second
    change commits while the projector is drawing the first (its state already read). The
    projector must draw again, not stay on the first change."""
    import threading

    from samrad.live.consumers import PresenterConsumer

    session, first, second, _participant = await database_sync_to_async(setup_session)()
    user = await database_sync_to_async(member_of)(session.dialogue.organisation)
    communicator, connected = await presenter(session, user)
    assert connected
    await communicator.receive_json_from(timeout=3)  # the first stage
    drawing, go_on = threading.Event(), threading.Event()
    stage = PresenterConsumer._stage

    def slow_stage(self, *args):
        payload = stage(self, *args)  # the state is read and drawn…
        drawing.set()
        go_on.wait(5)  # …and the next change commits before it is sent
        return payload

    monkeypatch.setattr(PresenterConsumer, "_stage", slow_stage)
    await database_sync_to_async(services.session_step)(session=session, offset=1)
    # The drawing is held (a drawing that failed instead would leave the race untested).
    assert await asyncio.get_running_loop().run_in_executor(None, drawing.wait, 5)
    monkeypatch.setattr(PresenterConsumer, "_stage", stage)

    def step_back():  # in a thread of its own: the database thread is the one drawing
        from django.db import connections

        try:
            services.session_step(session=session, offset=-1)
        finally:
            connections.close_all()

    await asyncio.to_thread(step_back)
    go_on.set()
    stages = []
    while not await communicator.receive_nothing(timeout=1):
        stages.append(await communicator.receive_json_from(timeout=1))
    assert stages and stages[-1]["question_id"] == first.pk  # the last change, drawn
    await communicator.disconnect()
