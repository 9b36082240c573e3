"""The Redis channel layer keeps one group member per process, not one per socket."""

import pytest
from django.conf import settings

from samrad.core.channel_layer import ProcessRedisChannelLayer

pytestmark = pytest.mark.skipif(
    not settings.REDIS_URL, reason="needs Redis (REDIS_URL): `make test-postgres` runs it"
)


def layer() -> ProcessRedisChannelLayer:
    config = settings.CHANNEL_LAYERS["default"]["CONFIG"]
    return ProcessRedisChannelLayer(**{**config, "prefix": f"{config['prefix']}-test-layer"})


async def members(layer, group):
    connection = layer.connection(layer.consistent_hash(group))
    return [m.decode() for m in await connection.zrange(layer._group_key(group), 0, -1)]


async def test_sockets_of_one_process_are_one_member_and_each_gets_the_event():
    here, there = layer(), layer()  # two processes
    mine = [await here.new_channel() for _ in range(3)]
    theirs = await there.new_channel()
    for channel in mine:
        await here.group_add("room", channel)
    await there.group_add("room", theirs)
    assert len(await members(here, "room")) == 2  # one per process, not four

    await there.group_send("room", {"type": "samrad.event", "text": "hello"})
    for channel in mine:
        assert (await here.receive(channel))["text"] == "hello"
    assert (await there.receive(theirs))["text"] == "hello"

    # A message to one socket (not a group) still arrives while the process's dispatcher reads.
    await there.send(mine[1], {"type": "samrad.event", "text": "only you"})
    assert (await here.receive(mine[1]))["text"] == "only you"

    for channel in mine:
        await here.group_discard("room", channel)
    await there.group_discard("room", theirs)
    assert await members(here, "room") == []
    await here.flush()
