"""Time to lay out the feedback leaflet (`documents.leaflet_pdf`): our two columns filled one
after the other (`column-fill: auto`, what the leaflet uses) against WeasyPrint's balanced
columns (`column-fill: balance`, the CSS default), same HTML, same run.

    PYTHONPATH=$PWD .venv/bin/python bench/leaflet_columns.py [--rounds 3]

On a fresh SQLite database with the demo loaded (`manage.py demo`): every dialogue's leaflet.
WeasyPrint balances columns by laying their content out again and again; on a leaflet that
runs onto a second page that took seconds (docs/performance.md).
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from fresh_django import django_on_fresh_sqlite

    django_on_fresh_sqlite("samrad-leaflet-")
    from django.core.management import call_command
    from weasyprint import HTML

    from samrad.dialogues.models import Dialogue
    from samrad.feedback import documents

    call_command("demo", verbosity=0)
    HTML(string="<p>warm up</p>").render()
    for dialogue in Dialogue.objects.order_by("pk"):
        html = documents.leaflet_html(dialogue)
        assert "column-fill: auto" in html, "the leaflet CSS changed"
        balanced = html.replace("column-fill: auto", "column-fill: balance")
        times = {}
        for name, text in (("auto", html), ("balance", balanced)):
            best = None
            for _ in range(args.rounds):
                start = time.perf_counter()
                pages = len(HTML(string=text).render().pages)
                took = time.perf_counter() - start
                best = took if best is None else min(best, took)
            times[name] = (best, pages)
        auto, balance = times["auto"], times["balance"]
        print(
            f"{dialogue.title[:40]:40}  auto {auto[0]:6.2f} s ({auto[1]} pages)  "
            f"balance {balance[0]:6.2f} s ({balance[1]} pages)  ×{balance[0] / auto[0]:.0f}"
        )


if __name__ == "__main__":
    main()
