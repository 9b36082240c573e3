"""How sure must the theme suggester be before its best guess is offered as the "top
suggestion" (the board's `a` key)? Calibrated on the FIRST hand-written labelled set
(tests/insights/data/dialogue_{sv,nb,da}.csv; the independent set is not read).

    PYTHONPATH=$PWD .venv/bin/python bench/suggestion_threshold.py [--precision 0.7]

Each input gets its suggestions out of fold, in two regimes: 5-fold cross-validation (folds
dealt as in textanalysis.evaluate), and as on a new board, 8 coded inputs per theme with the
rest suggested (3 draws). For each confidence threshold it prints the share of inputs that get
a top suggestion (coverage) and how often that suggestion is one of the input's themes
(precision), pooled over the three languages; then the calibrated threshold: the lowest one at
which the precision reaches ``--precision`` in both regimes (selectors.TOP_SUGGESTION_MIN).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from themes_tuning import LANGS, few_shot_splits, rows  # noqa: E402

from samrad.insights.textanalysis.evaluate import (  # noqa: E402
    calibrated_threshold,
    fold_splits,
)
from samrad.insights.textanalysis.themes import ThemeSuggester  # noqa: E402

GRID = [round(0.05 * step, 2) for step in range(4, 17)]  # 0.20 .. 0.80


def _scored(lang: str, train, test) -> list[tuple[float, bool]]:
    names = {theme: theme for _, themes in train for theme in themes}
    model = ThemeSuggester(lang).fit([t for t, _ in train], [ls for _, ls in train], names)
    ranked = model.suggest([t for t, _ in test], k=1)
    return [(top[0][1], top[0][0] in themes) for (_, themes), top in zip(test, ranked, strict=True)]


def cross_validated(lang: str, data, folds: int = 5) -> list[tuple[float, bool]]:
    return [hit for train, test in fold_splits(data, folds) for hit in _scored(lang, train, test)]


def few_shot(lang: str, data, per_theme: int = 8, draws: int = 3) -> list[tuple[float, bool]]:
    return [
        hit
        for train, test in few_shot_splits(data, per_theme, draws)
        for hit in _scored(lang, train, test)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--precision", type=float, default=0.7)
    args = parser.parse_args()
    data = {lang: rows(lang) for lang in LANGS}
    chosen = []
    for name, regime in (("5 folds", cross_validated), ("8 per theme", few_shot)):
        scored = [item for lang in LANGS for item in regime(lang, data[lang])]
        print(f"{name}: threshold coverage precision")
        for threshold in GRID:
            kept = [right for confidence, right in scored if confidence >= threshold]
            precision = sum(kept) / len(kept) if kept else float("nan")
            print(f"  {threshold:.2f} {len(kept) / len(scored):.2f} {precision:.3f}")
        found = calibrated_threshold(scored, args.precision, GRID)
        print(f"  lowest threshold with precision >= {args.precision}: {found}")
        chosen.append(found)
    if None in chosen:
        print("calibrated threshold: none of the grid reaches the precision")
    else:
        print(f"calibrated threshold (both regimes): {max(t for t in chosen if t is not None)}")


if __name__ == "__main__":
    main()
