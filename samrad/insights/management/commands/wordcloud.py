"""`samrad wordcloud FILE --lang {sv,nb,da,en} [--top N] [--split entries|words]`: count
entries as the presenter does."""

import sys

from django.core.management.base import BaseCommand

from samrad.insights.textanalysis.cli import wordcloud_main


class Command(BaseCommand):
    help = (
        "Read one word-cloud entry per line (UTF-8) and print term<TAB>count, most frequent first."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--lang", required=True, choices=["sv", "nb", "da", "en"])
        parser.add_argument("--top", type=int, default=None)
        parser.add_argument(
            "--split",
            choices=["entries", "words"],
            default="entries",
            help=(
                "entries: one entry per line; words: several entries per line separated by "
                "spaces, '_' joining the words of one entry (Mentimeter's export)"
            ),
        )

    def handle(self, *args, file, lang, top, split, **options):
        code = wordcloud_main(file, lang, top, sys.stdout, split=split)
        if code:
            sys.exit(code)
