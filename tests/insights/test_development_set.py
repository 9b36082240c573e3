"""The development set (issue 15, branch themes2): labelled answers tuning may look at,
next to the first set; the independent set stays out of tuning."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

DATA = Path(__file__).parent / "data" / "development"


def test_every_file_has_eight_themes_of_eight_answers():
    for lang in ("nb", "sv", "da"):
        with (DATA / f"consultation_{lang}.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert list(rows[0]) == ["text", "theme"]
        counts = Counter(row["theme"] for row in rows)
        assert len(counts) == 8 and set(counts.values()) == {8}
        assert len({row["text"] for row in rows}) == 64  # no repeated answer
