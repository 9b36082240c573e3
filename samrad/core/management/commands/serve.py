"""`samrad serve`: run Samråd under uvicorn (HTTP + WebSockets) with one or more workers."""

import contextlib
import os
import resource

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def raise_open_file_limit() -> None:
    """Every phone holds a WebSocket: lift the soft open-file limit to the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def run_uvicorn(app: str, *, host, port, workers, log_level, ws, http, loop, backlog) -> None:
    """uvicorn with the options Samråd is measured with (docs/performance.md).

    `app` is an import string: uvicorn needs one to start several worker processes.
    Per-message deflate is off: the messages are small JSON and zlib's buffers cost
    hundreds of KiB per open socket.
    """
    import uvicorn

    raise_open_file_limit()
    uvicorn.run(
        app,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=False,
        ws=ws,
        http=http,
        loop=loop,
        backlog=backlog,
        ws_ping_interval=20,
        ws_ping_timeout=20,
        ws_per_message_deflate=False,
        # The client's address is Django's to decide (core/ratelimit.py: client_address,
        # SAMRAD_TRUSTED_PROXIES); uvicorn would trust X-Forwarded-For from 127.0.0.1.
        proxy_headers=False,
    )


class Command(BaseCommand):
    help = "Serve Samråd over HTTP and WebSockets with uvicorn."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("SAMRAD_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument("--log-level", default="warning")
        parser.add_argument("--ws", default="auto", help="uvicorn WebSocket implementation")
        parser.add_argument("--http", default="auto", help="uvicorn HTTP implementation")
        parser.add_argument("--loop", default="auto", help="uvicorn event loop")
        parser.add_argument(
            "--backlog", type=int, default=4096, help="pending connections (a room joining)"
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not run the background task worker (run `samrad db_worker` elsewhere); "
            "also SAMRAD_TASK_WORKER=0",
        )

    def handle(
        self, *args, host, port, workers, log_level, ws, http, loop, backlog, no_worker, **options
    ):
        if workers < 1:
            raise CommandError("--workers must be 1 or more.")
        if workers > 1 and settings.USES_SQLITE:
            raise CommandError(
                "Several workers need a shared database and channel layer: the embedded "
                "SQLite file and the in-memory channel layer live inside one process. "
                "Set DATABASE_URL (PostgreSQL) and REDIS_URL, or run with --workers 1."
            )
        if workers > 1 and not settings.REDIS_URL:
            raise CommandError(
                "Several workers need REDIS_URL so that a vote received by one process "
                "reaches phones and projectors connected to another."
            )
        # The background tasks (long reports) run in a worker process beside the server.
        worker = None
        if settings.SAMRAD_TASK_WORKER and not no_worker:
            from samrad.core.taskworker import TaskWorker

            worker = TaskWorker().start()
        try:
            run_uvicorn(
                "config.asgi:application",
                host=host,
                port=port,
                workers=workers,
                log_level=log_level,
                ws=ws,
                http=http,
                loop=loop,
                backlog=backlog,
            )
        finally:
            if worker is not None:
                worker.stop()
