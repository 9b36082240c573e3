"""`samrad themes evaluate|suggest FILE ...`: theme suggestions and groups for a table of inputs."""

import sys

from django.core.management.base import BaseCommand
from django.utils import translation

from samrad.insights.textanalysis.themes_cli import themes_evaluate_main, themes_suggest_main

LANGUAGES = ["sv", "nb", "da", "en"]


class Command(BaseCommand):
    help = "Evaluate theme suggestions on coded inputs, or propose groups of uncoded inputs."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        evaluate = actions.add_parser(
            "evaluate",
            help="Cross-validate theme suggestions on a coded CSV/TSV table.",
            description=(
                "Read a CSV/TSV table (delimiter sniffed, UTF-8 with or without BOM), "
                "cross-validate the theme suggester on its coded rows and print accuracy@1, "
                "accuracy@3, the majority-theme baseline, n and the number of themes. Rows "
                "without a theme are skipped. A theme cell may hold several themes separated "
                "by ';': such a row counts once in n, and a suggestion is a hit when it is any "
                "one of its themes; every distinct theme counts once in the number of themes."
            ),
        )
        evaluate.add_argument("file")
        evaluate.add_argument("--text-column", default="text")
        evaluate.add_argument("--theme-column", default="theme")
        evaluate.add_argument(
            "--folds", type=int, default=5, help="folds of cross-validation; 0 = leave-one-out"
        )
        evaluate.add_argument("--lang", choices=LANGUAGES, default=None)
        evaluate.add_argument("--json", action="store_true", help="print one JSON object")
        evaluate.add_argument(
            "--ari",
            action="store_true",
            help="also group from scratch and report the adjusted Rand index (groups_ari)",
        )
        evaluate.add_argument(
            "--pairs",
            default=None,
            help="a table text_a,text_b,paraphrase (1/0): report near-duplicates' "
            "precision, recall and F1 at --threshold",
        )
        evaluate.add_argument("--threshold", type=float, default=0.8)
        suggest = actions.add_parser(
            "suggest",
            help="Propose groups of similar inputs in a CSV/TSV table.",
            description=(
                "Group similar inputs of a CSV/TSV table and label each group with its "
                "characteristic words; members are shown with their row number (header = 1)."
            ),
        )
        suggest.add_argument("file")
        suggest.add_argument("--text-column", default="text")
        suggest.add_argument("--lang", choices=LANGUAGES, default=None)
        suggest.add_argument("--groups", default="auto", help="'auto' or a number of groups")
        suggest.add_argument("--json", action="store_true", help="print one JSON list")

    def handle(self, *args, action, file, text_column, lang, json, **options):
        with translation.override(lang or "en"):  # messages and labels in the asked language
            self._run(action, file, text_column, lang, json, options)

    def _run(self, action, file, text_column, lang, json, options):
        if action == "evaluate":
            code = themes_evaluate_main(
                file,
                text_column,
                options["theme_column"],
                options["folds"],
                lang,
                json,
                self.stdout,
                ari=options["ari"],
                pairs=options["pairs"],
                threshold=options["threshold"],
            )
        else:
            code = themes_suggest_main(
                file, text_column, lang, options["groups"], json, self.stdout
            )
        if code:
            sys.exit(code)
