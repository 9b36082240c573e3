"""`samrad goals status DIALOGUE [--json]`: the goal matrix of a dialogue, measure by measure.

DIALOGUE is the dialogue's id or the slug of its public page. Prints each measure with its
value, target and status, then the summary ("9 of 13 met, 2 close, 2 pending"); with
`--json` one object with the keys met, close, not_met, pending, total and measures.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from samrad.dialogues.selectors import dialogue_by_reference
from samrad.planning import selectors


class Command(BaseCommand):
    help = "Show a dialogue's goal matrix: each measure's value, target and status."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        status = sub.add_parser("status", help="measures with value, target and status")
        status.add_argument("dialogue", help="the dialogue's id or its public page's slug")
        status.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, action, dialogue, json=False, **options):
        found = dialogue_by_reference(dialogue)
        if found is None:
            raise CommandError(f"No dialogue with the id or slug {dialogue!r}.", returncode=2)
        with translation.override(found.language):
            matrix = selectors.goal_matrix(found)
            rows = [
                {
                    "purpose": purpose["purpose"].title,
                    "goal": goal["goal"].title,
                    "measure": row["measure"].title,
                    "source": row["measure"].source,
                    "value": row["reading"].value if row["reading"].available else None,
                    "target": row["measure"].target,
                    "direction": row["measure"].direction,
                    "unit": str(row["unit"]),
                    "status": row["status"],
                }
                for purpose in matrix["purposes"]
                for goal in purpose["goals"]
                for row in goal["rows"]
            ]
        summary = matrix["summary"]
        if json:
            self.stdout.write(
                _json_dumps(
                    {
                        "met": summary.met,
                        "close": summary.close,
                        "not_met": summary.not_met,
                        "pending": summary.pending,
                        "total": summary.total,
                        "measures": rows,
                    }
                )
            )
            return
        for row in rows:
            value = "–" if row["value"] is None else f"{row['value']:g}"
            sign = "≥" if row["direction"] == "min" else "≤"
            self.stdout.write(
                f"{row['status']:8} {value:>8} {sign} {row['target']:g} {row['unit']:3} "
                f"{row['measure']}"
            )
        self.stdout.write(
            f"{summary.met} of {summary.total} met, {summary.close} close, "
            f"{summary.not_met} not met, {summary.pending} pending"
        )


def _json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
