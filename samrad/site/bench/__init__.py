"""Load and durability benchmarks behind `samrad bench` (not timed tests).

`servers` starts and kills the server under test, `noop` is the do-nothing ASGI app that gives
the baseline, `load` simulates phones and a presenter with plain asyncio (websockets + httpx).
"""
