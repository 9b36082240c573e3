"""Answers over the phone's WebSocket: acknowledged after commit by the process's writer,
refused with a message, resent without a duplicate; garbage closes only that socket."""

import uuid

import pytest
from channels.db import database_sync_to_async

from samrad.live.models import Response
from tests.live.test_consumers import phone, setup_session

pytestmark = pytest.mark.django_db(transaction=True)


async def connected_phone():
    session, first, second, participant = await database_sync_to_async(setup_session)()
    communicator, connected = await phone(session, participant)
    assert connected
    assert (await communicator.receive_json_from(timeout=3))["type"] == "state"
    choice = await database_sync_to_async(lambda: first.choices.first().pk)()
    return session, first, second, participant, communicator, choice


def stored(question):
    return list(Response.objects.filter(question=question).values_list("client_id", "choices"))


async def test_answer_over_the_socket_is_acknowledged_once_stored_and_resend_is_idempotent():
    _session, first, _second, _participant, communicator, choice = await connected_phone()
    client_id = str(uuid.uuid4())
    message = {
        "type": "answer",
        "question_id": first.pk,
        "client_id": client_id,
        "choices": [choice],
    }
    await communicator.send_json_to(message)
    ack = await communicator.receive_json_from(timeout=3)
    assert ack["type"] == "ack" and ack["client_id"] == client_id and ack["id"]
    assert await database_sync_to_async(stored)(first) == [(uuid.UUID(client_id), [choice])]
    # The ack was lost (a crash after the commit): the phone resends the same answer.
    await communicator.send_json_to(message)
    again = await communicator.receive_json_from(timeout=3)
    assert again["type"] == "ack" and again["id"] == ack["id"]
    assert len(await database_sync_to_async(stored)(first)) == 1
    await communicator.disconnect()


async def test_refused_answer_gets_its_reason_in_the_phones_language():
    _session, first, second, _participant, communicator, choice = await connected_phone()
    await communicator.send_json_to(
        {"type": "answer", "question_id": second.pk, "client_id": str(uuid.uuid4()), "text": "x"}
    )
    refused = await communicator.receive_json_from(timeout=3)
    assert refused["type"] == "refused" and refused["code"] == "not_current"
    assert refused["message"]
    assert await database_sync_to_async(stored)(second) == []
    await communicator.disconnect()


@pytest.mark.parametrize(
    "garbage",
    ['{"type": "answer", "question_id": "seven"}', "not json", "[1, 2]", '{"type": "shout"}'],
)
async def test_garbage_closes_the_socket_with_a_reason(garbage):
    session, first, _second, participant, communicator, choice = await connected_phone()
    await communicator.send_to(text_data=garbage)
    closed = await communicator.receive_output(timeout=3)
    assert closed["type"] == "websocket.close" and closed["code"] == 4400
    assert closed.get("reason")
    # Another phone of the same room answers as usual.
    other, connected = await phone(session, participant)
    assert (await other.receive_json_from(timeout=3))["type"] == "state"
    await other.send_json_to(
        {
            "type": "answer",
            "question_id": first.pk,
            "client_id": str(uuid.uuid4()),
            "choices": [choice],
        }
    )
    assert (await other.receive_json_from(timeout=3))["type"] == "ack"
    await other.disconnect()
