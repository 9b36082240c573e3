"""`samrad bench live|durability`: load and crash benchmarks against a server it starts itself.

    samrad bench live [--participants 1000] [--mode burst|paced] [--window 10] [--workers 1]
                      [--database-url URL] [--redis-url URL] [--json]
    samrad bench durability [--participants 1000] [--database-url URL] [--json]

`prepare` and `count` are the benchmark's own helpers: it runs them in the environment of the
server under test (same database), never against the database of the calling shell.
See docs/performance.md for what is measured and how.
"""

import json
import secrets
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

LIVE_KEYS = [
    "participants",
    "connected",
    "acknowledged",
    "stored",
    "errors",
    "p95_ack_ms",
    "cpu_ms_per_answer",
    "baseline_cpu_ms_per_answer",
    "p95_presenter_ms",
    "responses_per_s",
    "baseline_rps",
    "ratio",
    "rss_kb_per_participant",
]
DURABILITY_KEYS = ["acknowledged", "stored", "lost", "duplicated"]


class Command(BaseCommand):
    help = "Benchmark a live session (load) or a crash in the middle of a burst (durability)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True)
        for name in ("live", "durability"):
            sub = commands.add_parser(name)
            sub.add_argument("--participants", type=int, default=1000)
            sub.add_argument("--window", type=float, default=10.0, help="burst length (s)")
            sub.add_argument("--workers", type=int, default=1)
            sub.add_argument("--database-url", default="", help="default: a fresh SQLite file")
            sub.add_argument("--redis-url", default="")
            sub.add_argument("--ws", default="auto", help="uvicorn --ws")
            sub.add_argument("--http", default="auto", help="uvicorn --http")
            sub.add_argument("--loop", default="auto", help="uvicorn --loop")
            sub.add_argument("--pool", type=int, default=100, help="HTTP connections")
            sub.add_argument("--give-up", type=float, default=60.0, help="phones stop resending")
            sub.add_argument("--keep", action="store_true", help="keep the temporary var dir")
            sub.add_argument("--json", action="store_true")
            if name == "live":
                sub.add_argument("--mode", choices=["burst", "paced"], default="burst")
                sub.add_argument(
                    "--path",
                    choices=["phone", "socket", "api"],
                    default="phone",
                    help="phone: the phone page's requests (form POST); socket: the phone page's "
                    "join, answers over its WebSocket; api: the participant API",
                )
                sub.add_argument("--rate", type=float, default=100.0, help="paced: answers/s")
                sub.add_argument("--connect-concurrency", type=int, default=100)
                sub.add_argument("--idle", type=float, default=3.0, help="idle s before RSS")
                sub.add_argument("--no-baseline", action="store_true")
        commands.add_parser("prepare")
        count = commands.add_parser("count")
        count.add_argument("--question", type=int, required=True)
        count.add_argument("--acked", required=True, help="JSON list of acknowledged client_ids")

    def handle(self, *args, subcommand, **options):
        if subcommand == "prepare":
            from samrad.live.errors import NoCodesLeft

            try:
                prepared = prepare()
            except NoCodesLeft as refused:
                raise CommandError(refused.message) from None
            self.stdout.write(json.dumps(prepared))
            return
        if subcommand == "count":
            acked = json.loads(Path(options["acked"]).read_text())
            self.stdout.write(json.dumps(count(options["question"], acked)))
            return
        from samrad.site.bench import runner

        settings = runner.Options(
            participants=options["participants"],
            window=options["window"],
            workers=options["workers"],
            database_url=options["database_url"],
            redis_url=options["redis_url"],
            ws=options["ws"],
            http=options["http"],
            loop=options["loop"],
            pool=options["pool"],
            give_up=options["give_up"],
            keep=options["keep"],
        )
        if subcommand == "live":
            settings.mode = options["mode"]
            settings.path = options["path"]
            settings.rate = options["rate"]
            settings.connect_concurrency = options["connect_concurrency"]
            settings.idle = options["idle"]
            settings.baseline = not options["no_baseline"]
            result, keys = runner.live(settings), LIVE_KEYS
        else:
            result, keys = runner.durability(settings), DURABILITY_KEYS
        if options["json"]:
            self.stdout.write(json.dumps({**{k: result.get(k) for k in keys}, "detail": result}))
        else:
            self.stdout.write(table(result))


def table(result: dict) -> str:
    rows = []
    for key, value in result.items():
        if isinstance(value, float):
            value = f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
        rows.append(f"  {key:<32} {value}")
    return "\n".join(rows)


def prepare() -> dict:
    """A facilitator (with a logged-in session cookie), a dialogue and an open session whose
    current question is a single-answer multiple choice, as in the demo."""

    from samrad.accounts.services import (
        facilitator_create,
        login_cookie_create,
        organisation_create,
    )
    from samrad.dialogues.services import dialogue_create
    from samrad.live import services
    from samrad.live.models import QuestionKind

    suffix = secrets.token_hex(4)
    organisation = organisation_create(name=f"Bench {suffix}", slug=f"bench-{suffix}")
    user = facilitator_create(
        organisation=organisation, username=f"bench-{suffix}", password=secrets.token_urlsafe()
    )
    dialogue = dialogue_create(organisation=organisation, title="Benchmark", language="sv")
    session = services.session_create(dialogue=dialogue, title=f"Benchmark {suffix}")
    question = services.question_add(
        session=session,
        kind=QuestionKind.CHOICE,
        prompt="Vad är viktigast för Storby de närmaste fem åren?",
        choices=["Trygghet", "Kollektivitet", "Smidighet"],
    )
    services.session_open(session=session)
    return {
        "code": session.code,
        "session_id": session.pk,
        "question_id": question.pk,
        "choice_ids": list(question.choices.values_list("pk", flat=True)),
        "presenter_cookie": login_cookie_create(user=user),
    }


def count(question_id: int, acked: list[str]) -> dict:
    """Stored responses to the question; acknowledged ones missing (lost) or stored twice."""
    from samrad.live.models import Response

    stored = [
        str(c)
        for c in Response.objects.filter(question_id=question_id).values_list(
            "client_id", flat=True
        )
    ]
    per_client = Counter(stored)
    return {
        "stored": len(stored),
        "lost": sum(1 for client_id in set(acked) if client_id not in per_client),
        "duplicated": sum(n - 1 for n in per_client.values() if n > 1),
    }
