"""How long the word-cloud counter takes for a big room: prints numbers, asserts nothing.

    .venv/bin/python bench/wordcloud_speed.py [--entries 10000] [--repeat 5]

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

from samrad.insights.textanalysis.wordcloud import count_terms  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(1)
    words = ["skola", "skolan", "lekplats", "grönområde", "trygghet", "bättre", "cykelväg"]
    words += [f"ord{i}" for i in range(2000)]
    entries = [" ".join(rng.choices(words, k=rng.randint(1, 3))) for _ in range(args.entries)]
    ours, naive = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        count_terms(entries, "sv")
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        Counter(entry.casefold().strip() for entry in entries)
        naive.append(time.perf_counter() - start)
    ours_ms, naive_ms = statistics.median(ours) * 1000, statistics.median(naive) * 1000
    print(f"entries            {args.entries}")
    print(f"count_terms (sv)   {ours_ms:.1f} ms (median of {args.repeat})")
    print(f"naive Counter      {naive_ms:.1f} ms")
    print(f"ratio              {ours_ms / naive_ms:.1f}x")


if __name__ == "__main__":
    main()
