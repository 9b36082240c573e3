"""CPU cost of one broadcast to N sockets' channels: Channels' in-memory layer against
samrad.core.channel_layer.LocalChannelLayer, and a full collection with and without
gc.freeze().

    .venv/bin/python bench/channel_layer_cost.py [--sockets 5000] [--events 20]
        [--redis-url redis://127.0.0.1:6379/0]

With --redis-url it also compares channels_redis' RedisChannelLayer with
samrad.core.channel_layer.ProcessRedisChannelLayer (one group member per process): the CPU
of this process (sender and sockets in one process; Redis's own CPU not counted) per
group_add and per event, and the Redis round trips per event.

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


async def broadcast_cost(layer, sockets: int, events: int, joined: list | None = None) -> float:
    channels = [await layer.new_channel() for _ in range(sockets)]
    start = time.process_time()
    for channel in channels:
        await layer.group_add("room", channel)
    if joined is not None:
        joined.append((time.process_time() - start) / sockets)
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
    for channel in channels:
        await layer.group_discard("room", channel)
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
    parser.add_argument("--redis-url", default="")
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
    if args.redis_url:
        from channels_redis.core import RedisChannelLayer

        from samrad.core.channel_layer import ProcessRedisChannelLayer

        for name, cls in [
            ("channels_redis RedisChannelLayer", RedisChannelLayer),
            ("samrad ProcessRedisChannelLayer", ProcessRedisChannelLayer),
        ]:
            hosts = [{"address": args.redis_url, "socket_timeout": 30}]
            layer = cls(hosts=hosts, prefix="samrad-bench-layer", capacity=10_000)
            joined: list = []
            cost = asyncio.run(broadcast_cost(layer, args.sockets, args.events, joined))
            print(
                f"{name:32} {1000 * cost:8.1f} ms CPU per event to {args.sockets} sockets, "
                f"{1000 * joined[0]:.3f} ms CPU per group_add"
            )
    thawed, frozen = collection_cost(args.sockets)
    print(
        f"gc.collect() with ~{args.sockets} sockets' objects: {1000 * thawed:.0f} ms; "
        f"after gc.freeze(): {1000 * frozen:.0f} ms"
    )


if __name__ == "__main__":
    main()
