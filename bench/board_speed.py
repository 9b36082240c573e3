"""Speed of the input board with 10,000 inputs: import, board pages, theme suggestions.

    .venv/bin/python bench/board_speed.py [--inputs 10000] [--repeat 20]

Runs on a throw-away SQLite database under a temporary SAMRAD_VAR_DIR, or on PostgreSQL when
DATABASE_URL is set (use a scratch database: the bench creates an organisation in it and
deletes it afterwards). Prints:

- import: upload + check + store of a CSV with N rows (budget 10 s);
- board: the filtered board page through Django's test client, p50 / p95 per filter over
  `--repeat` requests (budget 300 ms), the first request (which trains the suggester) apart;
- suggestions: training the theme suggester on the coded inputs and suggesting three themes
  for every input (budget 5 s).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

THEMES = {
    "Kollektivtrafik": [
        "bussen",
        "buss",
        "tåget",
        "hållplatsen",
        "busskort",
        "turtäthet",
        "resecentrum",
    ],
    "Trygghet": ["belysning", "mörkt", "otryggt", "gatlyktor", "trafiken", "övergångsställe"],
    "Ungas fritid": ["fritidsgård", "unga", "skatepark", "ungdomar", "aktiviteter", "kvällar"],
    "Parker och natur": ["parken", "träd", "lekplats", "grönska", "bänkar", "motionsspår"],
    "Bostäder": ["hyresrätter", "lägenheter", "bostäder", "seniorboende", "bygglov", "hyra"],
    "Skola och förskola": ["skolan", "förskolan", "lärare", "skolgården", "elever", "skolmaten"],
    "Cykel": ["cykelväg", "cykelställ", "cykla", "plogning", "cykelbana", "cyklister"],
    "Kultur": ["biblioteket", "konserter", "kulturhuset", "museet", "teater", "föreningar"],
}
FILLER = [
    "Det behövs",
    "Jag tycker att",
    "Kan kommunen",
    "Varför finns det inte",
    "Bättre",
    "Fler",
    "Hur ska",
    "Vi önskar",
    "Det saknas",
    "Gärna mer",
]
KINDS = ["Fråga", "Inspel", "Förslag"]


def sentence(rng: random.Random, theme: str) -> str:
    words = rng.sample(THEMES[theme], 3)
    other = rng.choice(list(THEMES))
    return (
        f"{rng.choice(FILLER)} {words[0]} och {words[1]} vid {words[2]}, "
        f"inte bara {rng.choice(THEMES[other])} {rng.randint(1, 500)}."
    )


def make_csv(n: int, rng: random.Random) -> bytes:
    lines = ["Inspel;Typ;Svar;Tema"]
    names = list(THEMES)
    for i in range(n):
        theme = rng.choice(names)
        coded = theme if i % 3 == 0 else ""  # a third comes coded
        answer = "Vi tar med det i planen." if i % 7 == 0 else ""
        lines.append(f"{sentence(rng, theme)};{rng.choice(KINDS)};{answer};{coded}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", action="store_true", help="print where a board page spends")
    parser.add_argument("--keep", action="store_true", help="keep the database (SQLite) to look at")
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="samrad-board-bench-")
    os.environ.update(SAMRAD_VAR_DIR=var, DJANGO_SETTINGS_MODULE="config.settings")
    os.environ.pop("REDIS_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)

    from django.conf import settings
    from django.test import Client

    from samrad.accounts.models import Organisation, Role
    from samrad.accounts.services import facilitator_create, organisation_create
    from samrad.dialogues.services import dialogue_create, meeting_create
    from samrad.insights import importing, selectors, services
    from samrad.insights.models import Input
    from samrad.live import services as live

    settings.SAMRAD_IMPORT_MAX_BYTES = 50 * 1024 * 1024
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    rng = random.Random(5)
    slug = f"bench-board-{os.getpid()}"
    organisation = organisation_create(name="Bench", slug=slug)
    user = facilitator_create(
        organisation=organisation,
        username=slug,
        password="bench-pass-123",  # noqa: S106  (a throw-away bench user)
        role=Role.OWNER,
    )
    try:
        dialogue = dialogue_create(organisation=organisation, title="Bench", language="sv")
        sessions = [live.session_create(dialogue=dialogue, title=f"Möte {n}") for n in range(4)]
        meetings = [meeting_create(dialogue=dialogue, title=f"Träff {n}") for n in range(3)]

        data = make_csv(args.inputs, rng)
        started, started_cpu = time.perf_counter(), time.process_time()
        batch = services.import_upload(
            dialogue=dialogue, filename="bench.csv", data=data, actor=user
        )
        table = importing.read_table(bytes(batch.data), batch.filename)
        count, errors = services.import_run(
            batch=batch, mapping=importing.guess_mapping(table.header), actor=user
        )
        import_seconds = time.perf_counter() - started
        import_cpu = time.process_time() - started_cpu
        assert count == args.inputs and not errors, errors[:3]

        # Spread the imported inputs over sessions and meetings, as if they came from them.
        ids = list(Input.objects.filter(dialogue=dialogue).values_list("pk", flat=True))
        for index, session in enumerate(sessions):
            Input.objects.filter(pk__in=ids[index :: len(sessions)]).update(
                session=session, meeting=meetings[index % len(meetings)]
            )
        theme = dialogue.themes.get(name="Trygghet")

        client = Client()
        client.force_login(user)
        url = f"/insights/d/{dialogue.pk}/"
        filters = {
            "none": "",
            "uncoded (suggestions)": "?theme=none",
            "theme": f"?theme={theme.pk}",
            "status new + type": "?status=new&kind=question",
            "search": "?q=bussen",
            "session + page 5": f"?session={sessions[1].pk}&page=5",
            "meeting + search": f"?meeting={meetings[0].pk}&q=skolan",
        }
        started = time.perf_counter()
        first = client.get(url + "?theme=none")
        cold = (time.perf_counter() - started) * 1000
        cpu: dict[str, list[float]] = {}
        assert first.status_code == 200
        board = {}
        for name, query in filters.items():
            times = []
            for _ in range(args.repeat):
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(url + query)
                times.append((time.perf_counter() - started) * 1000)
                cpu.setdefault(name, []).append((time.process_time() - started_cpu) * 1000)
                assert response.status_code == 200, response.status_code
            board[name] = times

        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(5):
                client.get(url + "?theme=none")
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(
                "samrad|shortcuts|paginator", 30
            )

        selectors._models.clear()
        texts = list(Input.objects.filter(dialogue=dialogue).values_list("text", flat=True))
        started, started_cpu = time.perf_counter(), time.process_time()
        model = selectors.suggester(dialogue)
        trained = time.perf_counter() - started
        model.suggest(texts, k=3)
        suggest_seconds = time.perf_counter() - started
        suggest_cpu = time.process_time() - started_cpu

        load = os.getloadavg()[0]
        print(
            f"board bench on {engine}, {args.inputs} inputs ({os.cpu_count()} cores, "
            f"load average {load:.1f}: wall times grow with it, CPU times much less)"
        )
        print(
            f"  import {args.inputs} rows (CSV, sniff + check + store): {import_seconds:.2f} s "
            f"wall, {import_cpu:.2f} s CPU  [budget 10 s]"
        )
        print(f"  board page, first request (trains the suggester): {cold:.0f} ms")
        for name, times in board.items():
            print(
                f"  board page {name:24s} p50 {statistics.median(times):6.1f} ms  "
                f"p95 {percentile(times, 0.95):6.1f} ms  "
                f"(CPU p50 {statistics.median(cpu[name]):5.1f} ms)  [budget 300 ms]"
            )
        print(
            f"  suggestions for {len(texts)} inputs: {suggest_seconds:.2f} s wall, "
            f"{suggest_cpu:.2f} s CPU (training {trained:.2f} s)  [budget 5 s]"
        )
    finally:
        if args.keep:
            print(f"  kept: SAMRAD_VAR_DIR={var}, dialogue {dialogue.pk}, user {user.username}")
        else:
            Organisation.objects.filter(slug=slug).delete()
            user.delete()


if __name__ == "__main__":
    main()
