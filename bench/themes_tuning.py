"""Which theme-suggester settings help? Measured on the sets we may tune on: the FIRST
labelled set and the DEVELOPMENT set (issue 15, branch themes2), never the independent one.

    PYTHONPATH=$PWD .venv/bin/python bench/themes_tuning.py [--set first|development]
        [--few 8] [--only NAME ...]

Prints, per variant of :class:`~samrad.insights.textanalysis.themes.Settings`, accuracy@1 and
@3 over tests/insights/data/dialogue_{nb,sv,da}.csv (``--set first``, the default) or
tests/insights/data/development/consultation_{nb,sv,da}.csv (``--set development``): 5-fold
cross-validation (folds dealt as in textanalysis.evaluate), and a few-shot run (``--few``
coded inputs per theme, the rest tested, 3 draws) because a board starts with few coded
inputs (the development set has 8 per theme: use ``--few 4`` there). The independent set
(tests/insights/data/independent/) is never read here: it is for the final report only.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samrad.insights.textanalysis.evaluate import fold_splits  # noqa: E402
from samrad.insights.textanalysis.themes import (  # noqa: E402
    DEFAULT,
    Settings,
    ThemeSuggester,
    theme_list,
)

DATA = ROOT / "tests" / "insights" / "data"
LANGS = ("nb", "sv", "da")

# Relative to the suggester before issue 15.4 (no names, no known compounds split); the
# chosen one is DEFAULT.
BEFORE = replace(DEFAULT, names=0.0, known_compounds=False)
AFTER_15_4 = replace(DEFAULT, known_compounds=False)
VARIANTS: dict[str, Settings] = {
    "plain (before)": BEFORE,
    "names": replace(BEFORE, names=1.0),
    "names x3": replace(BEFORE, names=3.0),
    "names x5 (15.4)": AFTER_15_4,
    "names x5 + known compounds split (chosen, themes2)": DEFAULT,
    "names x10": replace(BEFORE, names=10.0),
    "balanced": replace(BEFORE, balanced=True),
    "C=10": replace(BEFORE, c=10.0),
    "C=100": replace(BEFORE, c=100.0),
    "words 0.5": replace(BEFORE, word_weight=0.5),
    "knn5 0.3": replace(BEFORE, neighbours=5, blend=0.3),
    "knn10 0.3": replace(BEFORE, neighbours=10, blend=0.3),
    "knn10 0.5": replace(BEFORE, neighbours=10, blend=0.5),
    "names+knn10 0.3": replace(BEFORE, names=1.0, neighbours=10, blend=0.3),
    "names x3+knn10 0.3+bal": replace(BEFORE, names=3.0, neighbours=10, blend=0.3, balanced=True),
    "names x5 words 0.2": replace(AFTER_15_4, word_weight=0.2),
    "names x5 words 0.4": replace(AFTER_15_4, word_weight=0.4),
    "names x5 C=10": replace(AFTER_15_4, c=10.0),
    "names x5+knn10 0.15": replace(AFTER_15_4, neighbours=10, blend=0.15),
}


FILES = {
    "first": "dialogue_{lang}.csv",
    "development": "development/consultation_{lang}.csv",
}


def rows(lang: str, which: str = "first") -> list[tuple[str, list[str]]]:
    with (DATA / FILES[which].format(lang=lang)).open(encoding="utf-8") as handle:
        found = [(r["text"], theme_list(r["theme"].split(";"))) for r in csv.DictReader(handle)]
    return [(text, themes) for text, themes in found if themes]


def score(settings: Settings, lang: str, train, test) -> tuple[int, int]:
    names = {theme: theme for _, themes in train for theme in themes}
    model = ThemeSuggester(lang, settings).fit(
        [t for t, _ in train], [ls for _, ls in train], names
    )
    hits1 = hits3 = 0
    for (_, themes), ranked in zip(test, model.suggest([t for t, _ in test], k=3), strict=True):
        found = [theme for theme, _ in ranked]
        hits1 += found[0] in themes
        hits3 += any(theme in themes for theme in found)
    return hits1, hits3


def few_shot_splits(data, per_theme: int, draws: int = 3):
    """(train, test) per draw: `per_theme` coded inputs of each theme, the rest tested."""
    for seed in range(draws):
        rng = random.Random(seed)
        by_theme: dict[str, list[int]] = {}
        for i, (_, themes) in enumerate(data):
            by_theme.setdefault(themes[0], []).append(i)
        chosen = {i for ids in by_theme.values() for i in rng.sample(ids, per_theme)}
        yield (
            [data[i] for i in sorted(chosen)],
            [data[i] for i in range(len(data)) if i not in chosen],
        )


def cross_validated(settings: Settings, lang: str, data, folds: int = 5) -> tuple[float, float]:
    h1 = h3 = 0
    for train, test in fold_splits(data, folds):
        a, b = score(settings, lang, train, test)
        h1, h3 = h1 + a, h3 + b
    return h1 / len(data), h3 / len(data)


def few_shot(settings: Settings, lang: str, data, per_theme: int, draws: int = 3):
    h1 = h3 = n = 0
    for train, test in few_shot_splits(data, per_theme, draws):
        a, b = score(settings, lang, train, test)
        h1, h3, n = h1 + a, h3 + b, n + len(test)
    return h1 / n, h3 / n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=sorted(FILES), default="first")
    parser.add_argument("--few", type=int, default=8)
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args()
    data = {lang: rows(lang, args.set) for lang in LANGS}
    print("variant | cv@1 nb sv da mean | cv@3 mean | few@1 mean | few@3 mean | s")
    for name, settings in VARIANTS.items():
        if args.only and name not in args.only:
            continue
        started = time.process_time()
        cv = [cross_validated(settings, lang, data[lang]) for lang in LANGS]
        few = [few_shot(settings, lang, data[lang], args.few) for lang in LANGS]
        m = lambda values: sum(values) / len(values)  # noqa: E731
        print(
            f"{name:24} | {' '.join(f'{a:.3f}' for a, _ in cv)} {m([a for a, _ in cv]):.3f}"
            f" | {m([b for _, b in cv]):.3f} | {m([a for a, _ in few]):.3f}"
            f" | {m([b for _, b in few]):.3f} | {time.process_time() - started:.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
