"""Send realtime events to WebSocket groups, only after the data they describe is committed.

Services are the only callers (STYLE.md habit 2): a service changes data, then calls
`broadcast_on_commit(group, event)`. Consumers never decide what happened; they forward.

Inside the server a service runs in a worker thread of the event loop that serves the request.
The event's JSON is encoded once, here, and written as is to every socket that forwards it
(not once per socket). The send is handed to that loop and not waited for: the answer is
already committed, the phone gets its acknowledgement without a round trip to the channel
layer (Redis), and events still leave in the order they were committed. Elsewhere
(management commands, shells) it is sent before returning.
"""

import asyncio
import concurrent.futures
import json
import logging
import os
from collections.abc import Callable
from typing import Any

from asgiref.sync import SyncToAsync, async_to_sync
from channels.consumer import get_handler_name
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def _serving_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop whose worker thread we are in (asgiref records it), if any."""
    local = SyncToAsync.threadlocal
    loop = getattr(local, "main_event_loop", None)
    if loop is None or getattr(local, "main_event_loop_pid", None) != os.getpid():
        return None
    return loop if loop.is_running() and not loop.is_closed() else None


def _log_failure(
    group: str, event: dict[str, Any]
) -> Callable[[concurrent.futures.Future[Any]], None]:
    def done(future: concurrent.futures.Future[Any]) -> None:
        if not future.cancelled() and future.exception() is not None:
            logger.error(
                "realtime: could not send %s to %s",
                event.get("type"),
                group,
                exc_info=future.exception(),
            )

    return done


def group_send(group: str, event: dict[str, Any]) -> None:
    """Send `event` to `group`. A lost realtime message must never undo or fail a committed
    write: the channel layer is best-effort, and clients re-sync on reconnect."""
    layer = get_channel_layer()
    if layer is None:
        return
    # Encoded once here: consumers write `text` to each of their sockets as it is.
    message = {"type": "samrad.event", "event": event, "text": json.dumps(event)}
    loop = _serving_loop()
    try:
        if loop is not None:
            future = asyncio.run_coroutine_threadsafe(layer.group_send(group, message), loop)
            future.add_done_callback(_log_failure(group, event))
        else:
            async_to_sync(layer.group_send)(group, message)
    except Exception:
        logger.exception("realtime: could not send %s to %s", event.get("type"), group)


def broadcast_on_commit(group: str, event: dict[str, Any]) -> None:
    """Send `event` to `group` once the surrounding transaction commits (now if none)."""
    transaction.on_commit(lambda: group_send(group, event))


class DispatchWithoutHop:
    """Channels' dispatch without its thread hop per message. Channels (4.2+) first calls
    `aclose_old_connections()` (a `sync_to_async` hop) before every handler: for each answer a
    phone sends and for each event, once per socket — 10,000 hops for one "next question" in a
    full hall, and 8 % of the server's CPU in a burst of answers (py-spy, docs/performance.md).
    For consumers that touch no database on the event loop: every query goes through
    `database_sync_to_async` (and the answer writer's), which closes stale connections itself
    before and after its work (live's phone and presenter consumers, the workshop screens')."""

    async def dispatch(self, message: dict[str, Any]) -> None:
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)
