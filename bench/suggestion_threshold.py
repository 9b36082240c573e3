"""How sure must the theme suggester be before its best guess is offered as the "top
suggestion" (the board's `a` key)? Cross-validated on the hand-written labelled inputs in
tests/insights/data/ (5 folds, folds dealt round robin as in textanalysis.evaluate): for each
confidence threshold, the share of inputs that get a top suggestion (coverage) and how often
that suggestion is one of the input's themes (precision).

    PYTHONPATH=$PWD .venv/bin/python bench/suggestion_threshold.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from samrad.insights.textanalysis.themes import ThemeSuggester, theme_list

DATA = Path(__file__).resolve().parent.parent / "tests" / "insights" / "data"
THRESHOLDS = [0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6]
FOLDS = 5


def scored(lang: str) -> list[tuple[float, bool]]:
    """(top confidence, top is right) for every labelled row, out of fold."""
    with (DATA / f"dialogue_{lang}.csv").open(encoding="utf-8") as handle:
        rows = [(r["text"], r["theme"]) for r in csv.DictReader(handle) if r["theme"].strip()]
    out = []
    for fold in range(FOLDS):
        train = [row for i, row in enumerate(rows) if i % FOLDS != fold]
        test = [row for i, row in enumerate(rows) if i % FOLDS == fold]
        model = ThemeSuggester(lang).fit([t for t, _ in train], [label for _, label in train])
        for (_, label), ranked in zip(test, model.suggest([t for t, _ in test], k=1), strict=True):
            theme, confidence = ranked[0]
            out.append((confidence, theme in theme_list(label)))
    return out


def main() -> None:
    every = []
    print("lang threshold coverage precision")
    for lang in ("sv", "nb", "da"):
        results = scored(lang)
        every += results
        for t in THRESHOLDS:
            kept = [right for c, right in results if c >= t]
            precision = sum(kept) / len(kept) if kept else float("nan")
            print(f"{lang} {t:.2f} {len(kept) / len(results):.2f} {precision:.2f}")
    for t in THRESHOLDS:
        kept = [right for c, right in every if c >= t]
        print(f"all {t:.2f} {len(kept) / len(every):.2f} {sum(kept) / len(kept):.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
