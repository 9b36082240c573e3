"""The single-process channel layer: Channels' in-memory layer without its per-message scan.

Channels' `InMemoryChannelLayer` walks every channel queue and every group member on each
`group_send` and each `receive()` (`_clean_expired`), and sends to a group with one task and
one deep copy of the message per member. With 5,000 phones connected that is 10,000 entries
scanned twice per answer and a collection of young garbage every few messages: one question
change took 14 s to reach 5,000 phones (docs/performance.md). This layer

- expires messages and group memberships on a timer (at most every `clean_interval` s; the
  consumers leave their groups on disconnect, so expiry is only a safety net), and
- puts one message object into every member's queue, without a task or a copy per member.

The message is shared: consumers read it and never change it (Samråd's consumers forward
`message["event"]`; see samrad.core.realtime, which also encodes the JSON once per event).
"""

import asyncio
import contextlib
import logging
import time
from typing import Any

from channels.layers import InMemoryChannelLayer

logger = logging.getLogger(__name__)


class LocalChannelLayer(InMemoryChannelLayer):
    def __init__(self, *, clean_interval: float = 10.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.clean_interval = clean_interval
        self._next_clean = 0.0

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now < self._next_clean:
            return
        self._next_clean = now + self.clean_interval
        super()._clean_expired()

    async def group_send(self, group: str, message: dict[str, Any]) -> None:
        assert isinstance(message, dict), "Message is not a dict"
        self.require_valid_group_name(group)
        self._clean_expired()
        members = self.groups.get(group)
        if not members:
            return
        expires = time.time() + self.expiry
        for channel in list(members):
            queue = self.channels.get(channel)
            if queue is None:
                queue = self.channels[channel] = asyncio.Queue(maxsize=self.get_capacity(channel))
            # A consumer this far behind misses the event, as with Channels' layer.
            with contextlib.suppress(asyncio.QueueFull):
                queue.put_nowait((expires, message))


try:  # channels_redis is installed with the project; only used when REDIS_URL is set
    from channels_redis.core import RedisChannelLayer
except ImportError:  # pragma: no cover
    RedisChannelLayer = None


GROUP_KEY = "__samrad_group__"  # which group a message to a process's channel is for

if RedisChannelLayer is not None:

    class ProcessRedisChannelLayer(RedisChannelLayer):
        """channels_redis with group members per process, not per socket.

        channels_redis keeps every socket in Redis: a connect is a ZADD and an EXPIRE (two
        round trips), and each `group_send` reads all members (ZRANGE of 5,000 names) and
        sends each process one message that lists all its sockets' names. Here a process
        joins a group in Redis once, with one channel of its own, when its first socket joins
        (and again every `group_expiry / 2` seconds while it has members), and leaves when its
        last socket leaves. A `group_send` reaches one member per process with one small
        message; the process's dispatcher hands that message object to each of its sockets
        in the group. Sockets of this process join and leave in memory.

        Channels of other processes or without a process part (no "!") are members in Redis
        as with channels_redis.
        """

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.local_groups: dict[str, set[str]] = {}
            self._joined: dict[str, float] = {}  # group → when this process (re)joined it
            self._process_channel: str | None = None
            self._dispatcher: asyncio.Task[None] | None = None

        def _is_ours(self, channel: str) -> bool:
            return "!" in channel and self.non_local_name(channel).endswith(
                self.client_prefix + "!"
            )

        async def _ensure_dispatcher(self) -> str:
            if self._dispatcher is None or self._dispatcher.done() or not self._process_channel:
                # The prefix consumers use: one Redis list per process, read by one loop.
                self._process_channel = await self.new_channel()
                self._dispatcher = asyncio.ensure_future(self._dispatch(self._process_channel))
                self._joined.clear()  # every group this process is in joins with the new one
            return self._process_channel

        def _stop_dispatcher(self) -> None:
            """Nobody here listens any more: stop reading, and forget the channel and what
            waits for it (an event loop that ends, as in tests, leaves nothing bound to it)."""
            dispatcher, self._dispatcher = self._dispatcher, None
            self._process_channel = None  # the next dispatcher reads a new one
            if dispatcher is not None:
                # Not awaited: a reader cancelled in Redis's blocking pop may take until its
                # timeout to finish, and the last socket's disconnect need not wait for it.
                dispatcher.cancel()

        async def _dispatch(self, process_channel: str) -> None:
            try:
                while True:
                    try:
                        message = await self.receive(process_channel)
                    except Exception:  # Redis gone for a moment: the sockets must not go deaf
                        logger.warning("channel layer: reading from Redis failed", exc_info=True)
                        await asyncio.sleep(1)
                        continue
                    group = message.pop(GROUP_KEY, "")
                    for channel in list(self.local_groups.get(group, ())):
                        self.receive_buffer[channel].put_nowait(message)
            finally:
                self.receive_buffer.pop(process_channel, None)

        async def receive(self, channel: str) -> dict[str, Any]:
            """While the dispatcher reads this process's Redis list (it puts every message,
            for any of our channels, into that channel's buffer), a socket waits on its own
            buffer only: channels_redis' receive makes two tasks and a lock attempt per
            socket per message, 0.1 ms a socket. Otherwise, and for the dispatcher itself,
            channels_redis' receive."""
            dispatcher = self._dispatcher
            if (
                dispatcher is None
                or dispatcher.done()
                or channel == self._process_channel
                or not self._is_ours(channel)
            ):
                message: dict[str, Any] = await super().receive(channel)
                return message
            buffer = self.receive_buffer[channel]
            try:
                message = await buffer.get()
                return message
            finally:
                if buffer.empty() and self.receive_buffer.get(channel) is buffer:
                    del self.receive_buffer[channel]

        async def group_add(self, group: str, channel: str) -> None:
            if not self._is_ours(channel):
                await super().group_add(group, channel)
                return
            assert self.require_valid_group_name(group), "Group name not valid"
            self.local_groups.setdefault(group, set()).add(channel)
            process_channel = await self._ensure_dispatcher()
            now = time.monotonic()
            for each in [group, *self.local_groups] if not self._joined else [group]:
                if now - self._joined.get(each, -float("inf")) > self.group_expiry / 2:
                    self._joined[each] = now
                    await super().group_add(each, process_channel)

        async def group_discard(self, group: str, channel: str) -> None:
            if not self._is_ours(channel):
                await super().group_discard(group, channel)
                return
            members = self.local_groups.get(group)
            if members is None:
                return
            members.discard(channel)
            if not members:
                del self.local_groups[group]
                self._joined.pop(group, None)
                if self._process_channel is not None:
                    await super().group_discard(group, self._process_channel)
                if not self.local_groups:
                    self._stop_dispatcher()

        async def group_send(self, group: str, message: dict[str, Any]) -> None:
            # One message object for every socket of a process, as with LocalChannelLayer.
            await super().group_send(group, {**message, GROUP_KEY: group})
