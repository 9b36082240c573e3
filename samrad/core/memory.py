"""Keep the garbage collector off long-lived objects (`gc.freeze()`).

A process holding thousands of WebSockets has millions of objects that live as long as the
sockets (consumers, their queues and tasks, uvicorn's protocol objects). Every full
collection walks all of them: 0.5–1.7 s at 5,000 sockets on the benchmark machine, during
which no answer is stored. `gc.freeze()` moves what exists now into a generation the
collector never walks. We freeze after start-up (Django, the URL resolvers, templates) and
after each burst of connections; after a burst of disconnections we unfreeze, so that the
departed sockets' cycles can be collected, and freeze again after the next burst.
Measured in docs/performance.md.
"""

import gc

BURST = 500  # connections (or disconnections) since the last freeze that make a burst

_changes = {"connected": 0, "disconnected": 0}


def freeze() -> None:
    """Everything alive now is long-lived: the collector stops walking it."""
    gc.freeze()


def connections_changed(*, connected: int = 0, disconnected: int = 0) -> None:
    """Called with each batch of connects and disconnects (the consumers' PresenceBatch)."""
    _changes["connected"] += connected
    _changes["disconnected"] += disconnected
    if _changes["disconnected"] >= BURST:
        gc.unfreeze()  # the departed sockets' objects become collectable again
        _changes["disconnected"] = 0
    elif _changes["connected"] >= BURST:
        gc.freeze()
        _changes["connected"] = 0
