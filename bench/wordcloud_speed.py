"""How long the word-cloud counter takes for a big room: prints numbers, asserts nothing.

    .venv/bin/python bench/wordcloud_speed.py [--entries 10000] [--repeat 5]

Also times `--split words` (entries.split_entries + count_terms_by_language) over as many
lines of two entries each.

The baseline in the same run is a plain casefold + Counter over the same entries (what a
naive word cloud does), so the ratio says what the stemming and stop words cost.
"""

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from samrad.insights.textanalysis.entries import split_entries  # noqa: E402
from samrad.insights.textanalysis.wordcloud import (  # noqa: E402
    count_terms,
    count_terms_by_language,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(1)
    words = ["skola", "skolan", "lekplats", "grönområde", "trygghet", "bättre", "cykelväg"]
    words += [f"ord{i}" for i in range(2000)]
    entries = [" ".join(rng.choices(words, k=rng.randint(1, 3))) for _ in range(args.entries)]
    # --split words: one participant's entries on a line, "_" joining words of one entry
    lines = [entry.replace(" ", "_") + " " + rng.choice(words) for entry in entries]
    # simplemma loads a language's lexicon on first use (once per process): timed apart.
    start = time.perf_counter()
    count_terms(["skola"], "sv")
    lexicon_ms = (time.perf_counter() - start) * 1000
    ours, naive, split = [], [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        count_terms_by_language(split_entries(lines, "sv", "words").entries)
        split.append(time.perf_counter() - start)
        start = time.perf_counter()
        count_terms(entries, "sv")
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        Counter(entry.casefold().strip() for entry in entries)
        naive.append(time.perf_counter() - start)
    ours_ms, naive_ms = statistics.median(ours) * 1000, statistics.median(naive) * 1000
    print(f"entries            {args.entries}")
    print(f"lexicon load (sv)  {lexicon_ms:.0f} ms (once per process, not in the times below)")
    print(f"count_terms (sv)   {ours_ms:.1f} ms (median of {args.repeat})")
    print(f"naive Counter      {naive_ms:.1f} ms")
    print(f"ratio              {ours_ms / naive_ms:.1f}x")
    split_ms = statistics.median(split) * 1000
    print(
        f"--split words      {split_ms:.1f} ms ({args.entries} lines, {2 * args.entries} entries,"
    )
    print("                   language detected per line of 6+ words)")


if __name__ == "__main__":
    main()
