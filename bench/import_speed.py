"""How long a table import takes, step by step, and so which imports run in the background
(docs/architecture/bgimport.md).

    .venv/bin/python bench/import_speed.py [--rows 150000 2000 500]

For each size: a CSV of that many rows (text; type; theme) is uploaded to a throw-away SQLite
database under a temporary SAMRAD_VAR_DIR, then timed: reading the table (what the preview
page does on every view), checking the rows against the column mapping, and storing them
(`services.import_run`: language detection and the chunked writes). Then the Import click
on the preview page (Django's test client, all middleware) for a second upload of the same
table: how long the facilitator's request takes in the background (it queues the task; the
worker is not run) and at once (SAMRAD_IMPORT_AT_ONCE_ROWS raised over the size). Prints
numbers, asserts nothing.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def table(rows: int, salt: str = "") -> bytes:
    """Texts differ between calls with another `salt` (language detection caches texts)."""
    lines = ["text;type;theme"] + [
        f"Fler cykelbanor och bättre belysning längs vägen {salt}nummer {i};Förslag;Trafik"
        for i in range(rows)
    ]
    return "\n".join(lines).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[150_000, 2_000, 500])
    args = parser.parse_args()
    os.environ.update(SAMRAD_VAR_DIR=tempfile.mkdtemp(prefix="samrad-import-speed-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("DATABASE_URL", None)
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.SAMRAD_IMPORT_MAX_BYTES = 50 * 1024 * 1024
    call_command("migrate", verbosity=0)

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from samrad.accounts.models import Membership, Organisation, Role
    from samrad.dialogues.models import Dialogue
    from samrad.insights import importing, services

    organisation = Organisation.objects.create(name="Bench", slug="bench-import")
    user = get_user_model().objects.create_user(username="bench", password="x")  # noqa: S106
    Membership.objects.create(user=user, organisation=organisation, role=Role.FACILITATOR)
    client = Client()
    client.force_login(user)

    def click_import(dialogue, data: bytes, at_once: bool) -> float:
        batch = services.import_upload(dialogue=dialogue, filename="bench.csv", data=data)
        settings.SAMRAD_IMPORT_AT_ONCE_ROWS = batch.rows if at_once else 0
        url = reverse("insights:import_preview", args=[batch.pk])
        start = time.perf_counter()
        response = client.post(url, {"run": "1", "col0": "text", "col1": "kind", "col2": "theme"})
        took = time.perf_counter() - start
        assert response.status_code == 302, response.status_code
        return took

    print(f"database: {settings.DATABASES['default']['ENGINE']}")
    print(
        f"{'rows':>8} {'bytes':>10} {'read s':>8} {'check s':>8} {'store s':>8} {'rows/s':>8}"
        f" {'click bg s':>10} {'click now s':>11}"
    )
    for rows in args.rows:
        dialogue = Dialogue.objects.create(organisation=organisation, title=f"Bench {rows}")
        data = table(rows)
        batch = services.import_upload(dialogue=dialogue, filename="bench.csv", data=data)
        start = time.perf_counter()
        read = importing.read_table(data, "bench.csv")
        read_s = time.perf_counter() - start
        mapping = importing.guess_mapping(read.header)
        start = time.perf_counter()
        checked, errors = importing.check_rows(read, mapping)
        check_s = time.perf_counter() - start
        assert not errors, errors[:3]
        start = time.perf_counter()
        count, errors = services.import_run(batch=batch, mapping=mapping)
        store_s = time.perf_counter() - start  # reads and checks again, then stores
        assert count == rows and not errors
        background = click_import(dialogue, table(rows, "b"), at_once=False)
        at_once = click_import(dialogue, table(rows, "c"), at_once=True)
        print(
            f"{rows:>8} {len(data):>10} {read_s:>8.2f} {check_s:>8.2f} {store_s:>8.2f}"
            f" {rows / store_s:>8.0f} {background:>10.2f} {at_once:>11.2f}"
        )


if __name__ == "__main__":
    main()
