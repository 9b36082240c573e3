"""CPU cost of one broadcast to N sockets' channels: Channels' in-memory layer against
samrad.core.channel_layer.LocalChannelLayer, and a full collection with and without
gc.freeze().

    .venv/bin/python bench/channel_layer_cost.py [--sockets 5000] [--events 20]

Each socket is a task waiting in `layer.receive(channel)`, as a consumer does. One event is
a `group_send` to all of them; the time is process CPU until every socket has it. The
presenter's own receive (one more channel) also runs between events, as in the server.
"""

import argparse
import asyncio
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


async def broadcast_cost(layer, sockets: int, events: int) -> float:
    channels = [await layer.new_channel() for _ in range(sockets)]
    for channel in channels:
        await layer.group_add("room", channel)
    got = asyncio.Event()
    counter = {"n": 0}

    async def consume(channel):
        while True:
            await layer.receive(channel)
            counter["n"] += 1
            if counter["n"] == sockets:
                got.set()

    tasks = [asyncio.ensure_future(consume(c)) for c in channels]
    await asyncio.sleep(0)
    start = time.process_time()
    for _ in range(events):
        counter["n"] = 0
        got.clear()
        await layer.group_send("room", {"type": "samrad.event", "event": {"type": "state"}})
        await got.wait()
    spent = time.process_time() - start
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return spent / events


def collection_cost(objects: int) -> tuple[float, float]:
    keep = [{"socket": i, "queue": [], "task": (i, str(i))} for i in range(objects * 50)]
    start = time.process_time()
    gc.collect()
    thawed = time.process_time() - start
    gc.freeze()
    start = time.process_time()
    gc.collect()
    frozen = time.process_time() - start
    gc.unfreeze()
    del keep
    return thawed, frozen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sockets", type=int, default=5000)
    parser.add_argument("--events", type=int, default=20)
    args = parser.parse_args()
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from channels.layers import InMemoryChannelLayer

    from samrad.core.channel_layer import LocalChannelLayer

    for name, layer in [
        ("channels InMemoryChannelLayer", InMemoryChannelLayer()),
        ("samrad LocalChannelLayer", LocalChannelLayer()),
    ]:
        cost = asyncio.run(broadcast_cost(layer, args.sockets, args.events))
        print(f"{name:32} {1000 * cost:8.1f} ms CPU per event to {args.sockets} sockets")
    thawed, frozen = collection_cost(args.sockets)
    print(
        f"gc.collect() with ~{args.sockets} sockets' objects: {1000 * thawed:.0f} ms; "
        f"after gc.freeze(): {1000 * frozen:.0f} ms"
    )


if __name__ == "__main__":
    main()
