"""`samrad portfolio analyse FILE [--framework default] [--max-per-project 2] [--json]`:
counts per target image, gaps, over-represented images, projects on two and unmapped ones
(see samrad/workshops/cli.py for the file's format and the exit statuses)."""

import sys

from django.core.management.base import BaseCommand

from samrad.workshops.cli import analyse_main


class Command(BaseCommand):
    help = "Analyse a project portfolio mapped onto target images (CSV code,name,target_images)."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        analyse = commands.add_parser("analyse", help="Counts, gaps and over-representation.")
        analyse.add_argument("file")
        analyse.add_argument("--framework", default="default")
        analyse.add_argument("--max-per-project", type=int, default=2)
        analyse.add_argument("--over-factor", type=float, default=1.5)
        analyse.add_argument("--lang", default="sv", choices=["sv", "nb", "da", "en"])
        analyse.add_argument("--json", action="store_true", dest="as_json")

    def handle(
        self,
        *args,
        command,
        file,
        framework,
        max_per_project,
        over_factor,
        lang,
        as_json,
        **options,
    ):
        code = analyse_main(
            file,
            framework=framework,
            max_per_project=max_per_project,
            as_json=as_json,
            lang=lang,
            over_factor=over_factor,
            out=sys.stdout,
            err=sys.stderr,
        )
        if code:
            sys.exit(code)
