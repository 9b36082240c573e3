"""Every screen follows the workshop: step moves and content changes arrive over one socket."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from samrad.live.services import participant_join
from samrad.live.tokens import cookie_name, participant_token
from samrad.workshops import events, services
from samrad.workshops.templates_registry import WORKSHOP_TEMPLATES, register
from tests.factories import DialogueFactory, FacilitatorFactory
from tests.workshops.conftest import build_three_steps

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = (b"origin", b"http://testserver")


def make_workshop():
    register("test.three", "Three steps", build_three_steps)
    dialogue = DialogueFactory()
    workshop = services.workshop_create(dialogue, "test.three", FacilitatorFactory())
    participant = participant_join(session=workshop.session)
    return workshop, participant


@pytest.fixture(autouse=True)
def _unregister():
    yield
    WORKSHOP_TEMPLATES.pop("test.three", None)


async def connect(workshop, cookie: str | None):
    headers = [ORIGIN]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    communicator = WebsocketCommunicator(application, f"/ws/workshops/{workshop.pk}/", headers)
    connected, _code = await communicator.connect()
    return communicator, connected


async def test_phone_follows_steps_and_content_changes():
    workshop, participant = await database_sync_to_async(make_workshop)()
    cookie = f"{cookie_name(workshop.session_id)}={participant_token(participant)}"
    phone, connected = await connect(workshop, cookie)
    assert connected
    first = await phone.receive_json_from(timeout=3)
    assert first == {"type": "step", "step_id": workshop.current_step_id}
    moved = await database_sync_to_async(services.workshop_step)(workshop=workshop, offset=1)
    event = await phone.receive_json_from(timeout=2)
    assert event == {"type": "step", "step_id": moved.current_step_id}
    assert moved.current_step_id != first["step_id"]
    await database_sync_to_async(events.step_changed)(moved)
    assert await phone.receive_json_from(timeout=2) == {
        "type": "content",
        "step_id": moved.current_step_id,
    }
    await phone.disconnect()


async def test_a_stranger_without_the_cookie_is_refused():
    workshop, _participant = await database_sync_to_async(make_workshop)()
    _socket, connected = await connect(workshop, None)
    assert not connected


def mapping_workshop():
    dialogue = DialogueFactory()
    user = FacilitatorFactory()
    workshop = services.workshop_create(dialogue, "mapping", user)
    from samrad.workshops.mapping import services as mapping_services

    project = mapping_services.project_add(workshop=workshop, actor=user, name="Belysning")
    services.workshop_go_to(workshop=workshop, step=workshop.steps.get(format="workshops.mapping"))
    participant = participant_join(session=workshop.session)
    return workshop, project, participant


async def test_a_placement_tells_every_screen_after_commit():
    from samrad.workshops.mapping import services as mapping_services

    workshop, project, participant = await database_sync_to_async(mapping_workshop)()
    cookie = f"{cookie_name(workshop.session_id)}={participant_token(participant)}"
    phone, connected = await connect(workshop, cookie)
    assert connected
    await phone.receive_json_from(timeout=3)  # the state on connect
    image = await database_sync_to_async(lambda: workshop.framework.images.first())()
    await database_sync_to_async(mapping_services.placement_place)(
        project=project, image=image, participant=participant
    )
    event = await phone.receive_json_from(timeout=2)
    assert event == {"type": "content", "step_id": workshop.current_step_id}
    await phone.disconnect()


async def test_a_step_taken_while_a_screen_connects_is_not_missed(monkeypatch):
    """A step taken between the socket's check and its joining the group still reaches it."""
    from channels.layers import get_channel_layer

    workshop, participant = await database_sync_to_async(make_workshop)()
    cookie = f"{cookie_name(workshop.session_id)}={participant_token(participant)}"
    layer = type(get_channel_layer())
    joining = layer.group_add
    moved = []

    async def step_then_join(self, group, channel):
        moved.append(
            await database_sync_to_async(services.workshop_step)(workshop=workshop, offset=1)
        )
        monkeypatch.setattr(layer, "group_add", joining)
        await joining(self, group, channel)

    monkeypatch.setattr(layer, "group_add", step_then_join)
    phone, connected = await connect(workshop, cookie)
    assert connected
    steps = []
    while not await phone.receive_nothing(timeout=0.5):
        steps.append(await phone.receive_json_from())
    assert steps and steps[-1] == {"type": "step", "step_id": moved[0].current_step_id}
    await phone.disconnect()


async def test_screens_hear_events_and_pings_without_a_thread_hop_per_message(hops):
    """Channels hops to a thread before every message a consumer handles; a workshop's
    screens (every phone in the room) hear each event without one (DispatchWithoutHop)."""
    workshop, participant = await database_sync_to_async(make_workshop)()
    cookie = f"{cookie_name(workshop.session_id)}={participant_token(participant)}"
    phone, connected = await connect(workshop, cookie)
    assert connected
    await phone.receive_json_from(timeout=3)  # the state on connect
    hops.clear()
    moved = await database_sync_to_async(services.workshop_step)(workshop=workshop, offset=1)
    assert (await phone.receive_json_from(timeout=2))["step_id"] == moved.current_step_id
    await phone.send_json_to({"type": "ping"})
    assert await phone.receive_json_from(timeout=2) == {"type": "pong"}
    assert hops == []
    await phone.disconnect()
