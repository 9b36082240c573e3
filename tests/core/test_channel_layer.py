"""The single-process channel layer: every member gets a group's message, without a scan of
every socket per message; what expires still goes, on a timer."""

import asyncio
import time

from channels.layers import InMemoryChannelLayer

from samrad.core.channel_layer import LocalChannelLayer


async def test_group_send_reaches_every_member_once():
    layer = LocalChannelLayer()
    members = [await layer.new_channel() for _ in range(3)]
    outsider = await layer.new_channel()
    for channel in members:
        await layer.group_add("room", channel)
    await layer.group_send("room", {"type": "samrad.event", "text": "{}"})
    for channel in members:
        message = await asyncio.wait_for(layer.receive(channel), 1)
        assert message["type"] == "samrad.event"
    await layer.group_send("elsewhere", {"type": "x"})  # an empty group is no error
    assert outsider not in layer.channels


async def test_messages_do_not_scan_every_channel(monkeypatch):
    scans = []
    original = InMemoryChannelLayer._clean_expired
    monkeypatch.setattr(
        InMemoryChannelLayer, "_clean_expired", lambda self: scans.append(1) or original(self)
    )
    layer = LocalChannelLayer(clean_interval=60)
    channels = [await layer.new_channel() for _ in range(200)]
    for channel in channels:
        await layer.group_add("room", channel)
    for _ in range(50):
        await layer.group_send("room", {"type": "x"})
    for channel in channels[:20]:
        await layer.receive(channel)
    assert len(scans) == 1  # Channels' own layer: 70 full scans


async def test_expired_messages_and_their_channels_go_on_the_timer(monkeypatch):
    layer = LocalChannelLayer(expiry=1, clean_interval=0)
    gone, alive = await layer.new_channel(), await layer.new_channel()
    await layer.group_add("room", gone)
    await layer.group_add("room", alive)
    await layer.send(gone, {"type": "old"})
    later = time.time() + 5
    monkeypatch.setattr(time, "time", lambda: later)
    await layer.group_send("room", {"type": "new"})  # the timer is due: the old one expires
    assert gone not in layer.groups["room"]
    assert (await asyncio.wait_for(layer.receive(alive), 1))["type"] == "new"
