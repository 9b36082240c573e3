"""How long theme suggestions, groups and near-duplicates take for a big conference.

    PYTHONPATH=$PWD .venv/bin/python bench/themes_speed.py [--inputs 10000] [--coded 500]
        [--lang nb] [--repeat 1]

Prints numbers, asserts nothing. The inputs are made by recombining the hand-written
labelled rows in tests/insights/data/ (a row, sometimes joined with part of another row of
the same theme, sometimes with a typo or in capitals), so they look like conference inputs
and keep a theme. The suggester is fitted on ``--coded`` of them and suggests themes for
all ``--inputs``. The baseline in the same run is ``wordcloud.count_terms`` over the same
texts (stop words, stemming and grouping, no machine learning), so the ratios (of CPU time)
say what the heavier analysis costs compared with the word cloud.
"""

import argparse
import csv
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samrad.insights.textanalysis.duplicates import near_duplicates  # noqa: E402
from samrad.insights.textanalysis.groups import propose_groups  # noqa: E402
from samrad.insights.textanalysis.language import detect_language  # noqa: E402
from samrad.insights.textanalysis.themes import ThemeSuggester  # noqa: E402
from samrad.insights.textanalysis.wordcloud import count_terms  # noqa: E402

DATA = ROOT / "tests" / "insights" / "data"


def recombined(lang: str, count: int, seed: int = 1) -> tuple[list[str], list[list[str]]]:
    """``count`` inputs with their themes, recombined from the labelled rows of ``lang``."""
    with open(DATA / f"dialogue_{lang}.csv", encoding="utf-8") as file:
        rows = [(row["text"], row["theme"].split(";")) for row in csv.DictReader(file)]
    by_theme: dict[str, list[str]] = {}
    for text, themes in rows:
        by_theme.setdefault(themes[0], []).append(text)
    rng = random.Random(seed)
    texts, labels = [], []
    for _ in range(count):
        text, themes = rng.choice(rows)
        roll = rng.random()
        if roll < 0.35:
            other = rng.choice(by_theme[themes[0]]).split()
            text = f"{text.rstrip('.!?')}. {' '.join(other[: rng.randint(1, len(other))])}"
        elif roll < 0.5 and len(text) > 4:
            at = rng.randrange(1, len(text) - 1)
            text = text[:at] + text[at + 1] + text[at] + text[at + 2 :]  # swapped letters
        elif roll < 0.55:
            text = text.upper()
        texts.append(text)
        labels.append(themes)
    return texts, labels


CPU: dict[str, float] = {}  # process CPU seconds (median) of the last timed run, by name


def timed(function, repeat: int, name: str = "") -> tuple[float, object]:
    """Median wall seconds and the result; the median CPU seconds go to ``CPU[name]`` (on a
    loaded machine CPU time says more than wall time)."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU[name] = statistics.median(cpu)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--coded", type=int, default=500)
    parser.add_argument("--lang", default="nb", choices=["nb", "sv", "da"])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    texts, _ = recombined(args.lang, args.inputs, seed=1)
    coded_texts, coded_labels = recombined(args.lang, args.coded, seed=2)

    # simplemma loads a language's lexicon on first use, once per process: timed apart.
    lexicon_s, _ = timed(lambda: count_terms(["skole"], args.lang), 1)
    baseline, _ = timed(lambda: count_terms(texts, args.lang), args.repeat, "cloud")
    # The themes' names are learnt as examples, as the board gives them (issue 15.4).
    names = {theme: theme for themes in coded_labels for theme in themes}

    def fit_and_suggest():
        suggester = ThemeSuggester(args.lang).fit(coded_texts, coded_labels, names)
        return suggester.suggest(texts, k=3)

    suggest_s, _ = timed(fit_and_suggest, args.repeat, "suggest")
    groups_s, groups = timed(lambda: propose_groups(texts, args.lang), args.repeat, "groups")
    duplicates_s, duplicates = timed(
        lambda: near_duplicates(texts, args.lang), args.repeat, "duplicates"
    )
    detect_s, _ = timed(lambda: [detect_language(text) for text in texts], args.repeat, "detect")
    cpu_baseline = CPU["cloud"]

    def line(name: str, seconds: float, extra: str = "", key: str = "") -> None:
        cpu = CPU[key]
        ratio = cpu / cpu_baseline if cpu_baseline else float("nan")
        print(f"{name:<38} {seconds:6.2f} s wall {cpu:6.2f} s CPU {ratio:6.1f}x word cloud {extra}")

    print(f"inputs {args.inputs} ({len(set(texts))} distinct), coded {args.coded}, ")
    print(f"lang {args.lang}, median of {args.repeat}, load average {os.getloadavg()[0]:.1f}")
    print(f"lexicon load (once per process, not in the times below) {lexicon_s:.2f} s")
    line("wordcloud.count_terms (baseline)", baseline, key="cloud")
    line(f"fit {args.coded} + suggest {args.inputs}", suggest_s, key="suggest")
    line(f"propose_groups {args.inputs} (auto)", groups_s, f"{len(groups)} groups", "groups")
    dup = f"{len(duplicates)} groups"
    line(f"near_duplicates {args.inputs} (0.8)", duplicates_s, dup, "duplicates")
    line(f"detect_language x {args.inputs}", detect_s, key="detect")


if __name__ == "__main__":
    main()
