"""`samrad serve`: run Samråd under uvicorn (HTTP + WebSockets) with one or more workers."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve Samråd over HTTP and WebSockets with uvicorn."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("SAMRAD_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument("--log-level", default="warning")

    def handle(self, *args, host, port, workers, log_level, **options):
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
        import uvicorn

        uvicorn.run(
            "config.asgi:application",
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            ws_ping_interval=20,
            ws_ping_timeout=20,
            proxy_headers=True,
        )
