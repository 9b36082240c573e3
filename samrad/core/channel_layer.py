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
import time
from typing import Any

from channels.layers import InMemoryChannelLayer


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
