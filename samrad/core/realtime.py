"""Send realtime events to WebSocket groups, only after the data they describe is committed.

Services are the only callers (STYLE.md habit 2): a service changes data, then calls
`broadcast_on_commit(group, event)`. Consumers never decide what happened; they forward.
"""

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def group_send(group: str, event: dict[str, Any]) -> None:
    """Send now. A lost realtime message must never undo or fail a committed write."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, {"type": "samrad.event", "event": event})
    except Exception:  # the channel layer is best-effort; clients re-sync on reconnect
        logger.exception("realtime: could not send %s to %s", event.get("type"), group)


def broadcast_on_commit(group: str, event: dict[str, Any]) -> None:
    """Send `event` to `group` once the surrounding transaction commits (now if none)."""
    transaction.on_commit(lambda: group_send(group, event))
