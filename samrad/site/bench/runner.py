"""`samrad bench live` and `samrad bench durability`: what each run does, start to finish.

Both start their own server(s) in a fresh var directory (or on `--database-url`), create a
session through `samrad bench prepare` in the same environment, drive it from this process
and count what was stored through `samrad bench count`. Everything is bounded: phones give
up after `--give-up` seconds, servers are stopped (or killed) on the way out.
"""

import asyncio
import json
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from samrad.site.bench import load
from samrad.site.bench.servers import (
    Server,
    bench_env,
    manage,
    noop_server,
    raise_open_file_limit,
    samrad_server,
)


@dataclass
class Options:
    participants: int = 1000
    mode: str = "burst"
    path: str = "phone"
    window: float = 10.0
    rate: float = 100.0
    workers: int = 1
    database_url: str = ""
    redis_url: str = ""
    ws: str = "auto"
    http: str = "auto"
    loop: str = "auto"
    pool: int = 100
    connect_concurrency: int = 100
    idle: float = 3.0
    give_up: float = 60.0
    baseline: bool = True
    keep: bool = False


def _run(coroutine):
    try:
        import uvloop

        return uvloop.run(coroutine)
    except ImportError:
        return asyncio.run(coroutine)


class _Workspace:
    """A temporary var directory, the environment of every process, and the session made."""

    def __init__(self, options: Options):
        self.options = options
        self.tmp = tempfile.mkdtemp(prefix="samrad-bench-")
        self.var_dir = Path(self.tmp)
        self.env = bench_env(
            var_dir=self.var_dir,
            database_url=options.database_url,
            redis_url=options.redis_url,
            prefix=f"samrad-bench-{uuid.uuid4().hex[:8]}",
        )
        manage(self.env, "migrate", "--no-input", "-v0")
        self.prepared = json.loads(manage(self.env, "bench", "prepare"))

    def target(self, server: Server) -> load.Target:
        return load.Target(
            url=server.url,
            code=self.prepared["code"],
            question_id=self.prepared["question_id"],
            choice_ids=self.prepared["choice_ids"],
            presenter_cookie=self.prepared["presenter_cookie"],
        )

    def server(self) -> Server:
        o = self.options
        return samrad_server(
            self.env, var_dir=self.var_dir, workers=o.workers, ws=o.ws, http=o.http, loop=o.loop
        )

    def count(self, acked: list[str]) -> dict:
        acked_file = self.var_dir / "acked.json"
        acked_file.write_text(json.dumps(acked))
        question = str(self.prepared["question_id"])
        return json.loads(
            manage(self.env, "bench", "count", "--question", question, "--acked", str(acked_file))
        )

    def cleanup(self) -> None:
        if not self.options.keep:
            import shutil

            shutil.rmtree(self.tmp, ignore_errors=True)


async def _drive(server: Server, target: load.Target, options: Options, *, presenter: bool):
    stop = asyncio.Event()
    report: dict = {}
    client = load.http_client(target.url, options.pool)
    try:
        started, cpu = load.now(), server.cpu_s()
        phones = await load.join_all(client, target, options.participants, path=options.path)
        report["join_s"] = load.now() - started
        report["join_cpu_ms_per_phone"] = _per(server.cpu_s() - cpu, len(phones))
        watcher = load.Presenter()
        watching = None
        if presenter:
            watching = asyncio.ensure_future(load.watch_presenter(target, watcher, stop))
        await asyncio.sleep(1.0)
        rss_before = server.rss_kb()
        started, cpu = load.now(), server.cpu_s()
        holders = await load.hold_sockets(
            target, phones, stop, concurrency=options.connect_concurrency
        )
        report["connect_s"] = load.now() - started
        connected = sum(phone.connected for phone in phones)
        report["connect_cpu_ms_per_phone"] = _per(server.cpu_s() - cpu, connected)
        idle_started, cpu = load.now(), server.cpu_s()
        await asyncio.sleep(options.idle)
        # What every second costs with all sockets open and nobody answering (keepalives,
        # timers): the answer window below pays it too.
        report["idle_cpu_ms_per_s"] = _per(server.cpu_s() - cpu, load.now() - idle_started)
        rss_after = server.rss_kb()
        window_started, cpu = load.now(), server.cpu_s()
        await load.answer_all(
            client,
            target,
            phones,
            mode=options.mode,
            window=options.window,
            rate=options.rate,
            give_up_after=options.give_up,
            path=options.path,
        )
        acked = sum(phone.t_ack is not None for phone in phones)
        if presenter:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and (
                not watcher.pushes or max(c for _t, c in watcher.pushes) < acked
            ):
                await asyncio.sleep(0.1)
        # Everything the answers cost the server: storing, acknowledging, the pushes.
        report["cpu_ms_per_answer"] = _per(server.cpu_s() - cpu, acked)
        report["answer_window_s"] = load.now() - window_started
        stop.set()
        await asyncio.gather(*holders, return_exceptions=True)
        if watching is not None:
            await watching
    finally:
        client.close()
    ack = [1000 * s for s in load.ack_latencies(phones)]
    seen = [1000 * s for s in load.seen_latencies(phones, watcher.pushes)]
    errors = sorted({phone.last_error for phone in phones if phone.last_error})
    report.update(
        participants=options.participants,
        joined=len(phones),
        connected=connected,
        sent=sum(phone.t_send is not None for phone in phones),
        acknowledged=acked,
        errors=sum(phone.failures for phone in phones) + (options.participants - len(phones)),
        error_kinds=errors[:5],
        p50_ack_ms=load.percentile(ack, 50),
        p95_ack_ms=load.percentile(ack, 95),
        p99_ack_ms=load.percentile(ack, 99),
        p50_presenter_ms=load.percentile(seen, 50),
        p95_presenter_ms=load.percentile(seen, 95),
        p99_presenter_ms=load.percentile(seen, 99),
        presenter_pushes=len(watcher.pushes),
        presenter_error=watcher.error,
        responses_per_s=load.throughput(phones),
        rss_kb_before=rss_before,
        rss_kb_after=rss_after,
        rss_kb_per_participant=(rss_after - rss_before) / connected if connected else None,
        client_ids=[phone.client_id for phone in phones if phone.t_ack is not None],
    )
    return report


def live(options: Options) -> dict:
    raise_open_file_limit()
    workspace = _Workspace(options)
    try:
        server = workspace.server().start()
        try:
            result = _run(_drive(server, workspace.target(server), options, presenter=True))
        finally:
            server.stop()
        stored = workspace.count(result.pop("client_ids"))
        result.update(stored=stored["stored"], lost=stored["lost"], duplicated=stored["duplicated"])
        result["baseline_rps"] = None
        result["ratio"] = None
        if options.baseline:
            noop = noop_server(
                workspace.env,
                var_dir=workspace.var_dir,
                workers=options.workers,
                ws=options.ws,
                http=options.http,
                loop=options.loop,
            ).start()
            try:
                target = load.Target(url=noop.url, code="000000", question_id=1, choice_ids=[1])
                baseline = _run(_drive(noop, target, options, presenter=False))
            finally:
                noop.stop()
            result["baseline_rps"] = baseline["responses_per_s"]
            result["baseline_cpu_ms_per_answer"] = baseline["cpu_ms_per_answer"]
            result["baseline_p95_ack_ms"] = baseline["p95_ack_ms"]
            result["baseline_rss_kb_per_participant"] = baseline["rss_kb_per_participant"]
            if baseline["responses_per_s"]:
                result["ratio"] = result["responses_per_s"] / baseline["responses_per_s"]
        result.update(_setup(options))
        return result
    finally:
        workspace.cleanup()


async def _crash_burst(server: Server, target: load.Target, options: Options) -> dict:
    report: dict = {}

    async def crash_and_restart() -> None:
        server.kill()
        report["killed_after_acks"] = sum(phone.t_ack is not None for phone in phones)
        started = load.now()
        await asyncio.to_thread(server.start)
        report["restart_s"] = load.now() - started

    client = load.http_client(target.url, options.pool)
    try:
        phones = await load.join_all(client, target, options.participants)
        await load.answer_all(
            client,
            target,
            phones,
            mode="burst",
            window=options.window,
            rate=options.rate,
            give_up_after=options.give_up,
            at_halfway=crash_and_restart,
        )
    finally:
        client.close()
    report.update(
        participants=options.participants,
        joined=len(phones),
        acknowledged=sum(phone.t_ack is not None for phone in phones),
        unacknowledged=sum(phone.t_ack is None for phone in phones),
        resent=sum(phone.attempts - 1 for phone in phones),
        error_kinds=sorted({phone.last_error for phone in phones if phone.last_error})[:5],
        client_ids=[phone.client_id for phone in phones if phone.t_ack is not None],
    )
    return report


def durability(options: Options) -> dict:
    raise_open_file_limit()
    workspace = _Workspace(options)
    try:
        server = workspace.server().start()
        try:
            result = _run(_crash_burst(server, workspace.target(server), options))
        finally:
            server.stop()
        stored = workspace.count(result.pop("client_ids"))
        result.update(stored=stored["stored"], lost=stored["lost"], duplicated=stored["duplicated"])
        result.update(_setup(options))
        return result
    finally:
        workspace.cleanup()


def _per(cpu_s: float, count: float) -> float | None:
    return 1000 * cpu_s / count if count else None


def _setup(options: Options) -> dict:
    database = "sqlite" if not options.database_url else options.database_url.split(":", 1)[0]
    return {
        "path": options.path,
        "database": database,
        "redis": bool(options.redis_url),
        "workers": options.workers,
        "mode": options.mode,
        "window_s": options.window,
        "uvicorn": f"ws={options.ws} http={options.http} loop={options.loop}",
    }
