"""`samrad opinions analyse VOTES_CSV`: opinion groups and common ground of Pol.is votes."""

import sys

from django.core.management.base import BaseCommand

from samrad.opinions.analysis.cli import MIN_VOTES, analyse_main


class Command(BaseCommand):
    help = "Opinion groups, common ground and divisive statements of agree/disagree/pass votes."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        analyse = actions.add_parser(
            "analyse",
            help="Analyse a Pol.is votes.csv.",
            description=(
                "Read a Pol.is votes.csv (timestamp,datetime,comment-id,voter-id,vote; vote 1 "
                "agree, -1 disagree, 0 pass; the latest timestamp counts when a voter voted "
                "twice) and print the opinion groups, the common ground and the divisive "
                "statements. A malformed file gives exit status 2 and a message naming the line."
            ),
        )
        analyse.add_argument("votes_csv")
        analyse.add_argument(
            "--comments", default=None, help="Pol.is comments.csv: texts; moderated -1 left out"
        )
        analyse.add_argument(
            "--min-votes",
            type=int,
            default=MIN_VOTES,
            help=f"votes a participant needs to be grouped (default {MIN_VOTES})",
        )
        analyse.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, votes_csv, comments, min_votes, json, **options):
        code = analyse_main(votes_csv, comments, min_votes, json, self.stdout)
        if code:
            sys.exit(code)
