"""The presenter socket forwards reactions as they are (no stage render) and draws the
stage again when the screen says its countdown ran out."""

import pytest
from channels.db import database_sync_to_async

from samrad.live import services
from tests.factories import ParticipantFactory, member_of
from tests.live.test_consumers import presenter, setup_session

pytestmark = pytest.mark.django_db(transaction=True)


async def test_reaction_is_forwarded_and_refresh_redraws(settings):
    settings.SAMRAD_PRESENTER_MIN_INTERVAL = 0
    session, *_rest = await database_sync_to_async(setup_session)()
    user = await database_sync_to_async(member_of)(session.dialogue.organisation)
    communicator, connected = await presenter(session, user)
    assert connected
    assert (await communicator.receive_json_from(timeout=3))["type"] == "stage"

    def react():
        services.reaction_send(participant=ParticipantFactory(session=session), emoji="❤️")

    await database_sync_to_async(react)()
    assert await communicator.receive_json_from(timeout=3) == {"type": "reaction", "emoji": "❤️"}
    await communicator.send_json_to({"type": "refresh"})
    assert (await communicator.receive_json_from(timeout=3))["type"] == "stage"
    await communicator.disconnect()
