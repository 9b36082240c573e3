"""Stories as a table: CSV and XLSX, one row per story.

Columns: story, created_at, title, text, then per signifier in the survey's order —
a triad `<n>_<label>` weight per corner (0..1), a dyad value (0..100), tags and segments as
the chosen labels joined by "; "; "not applicable" is the text `n/a`. Cells go through
`live.exports` (`csv_bytes`, `xlsx_bytes`), so formula-like text is escaped the same way as
every other export of Samråd.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from samrad.live.exports import CSV_TYPE, XLSX_TYPE, csv_bytes, xlsx_bytes
from samrad.signification.models import Signifier, SignifierKind, Survey
from samrad.signification.selectors import StoryRow, story_rows

__all__ = ["CSV_TYPE", "XLSX_TYPE", "filename", "stories_csv", "stories_table", "stories_xlsx"]
NOT_APPLICABLE = "n/a"


def _columns(position: int, signifier: Signifier) -> list[str]:
    prefix = f"{position}_{signifier.kind}"
    if signifier.kind == SignifierKind.TRIAD:
        return [f"{prefix}_{label}" for label in signifier.labels]
    if signifier.kind == SignifierKind.DYAD:
        return [f"{prefix}_{signifier.labels[0]}–{signifier.labels[1]}"]
    return [f"{prefix}_{signifier.prompt}"]


def _cells(signifier: Signifier, row: StoryRow) -> list[Any]:
    answer = row.answers.get(signifier.pk)
    width = 3 if signifier.kind == SignifierKind.TRIAD else 1
    if answer is None:
        return [None] * width
    if answer.not_applicable:
        return [NOT_APPLICABLE] * width
    if signifier.kind == SignifierKind.TRIAD:
        return [round(w, 4) for w in answer.weights] if answer.weights else [None] * 3
    if signifier.kind == SignifierKind.DYAD:
        return [answer.value]
    return [
        "; ".join(signifier.labels[i] for i in answer.choices if 0 <= i < len(signifier.labels))
    ]


def stories_table(survey: Survey) -> tuple[list[str], list[list[Any]]]:
    signifiers = list(survey.signifiers.all())
    header = ["story", "created_at", "title", "text"]
    for position, signifier in enumerate(signifiers, start=1):
        header += _columns(position, signifier)
    rows = []
    for number, row in enumerate(story_rows(survey), start=1):
        created = timezone.localtime(row.story.created_at).isoformat(timespec="seconds")
        cells: list[Any] = [number, created, row.story.title, row.story.text]
        for signifier in signifiers:
            cells += _cells(signifier, row)
        rows.append(cells)
    return header, rows


def stories_csv(survey: Survey) -> bytes:
    header, rows = stories_table(survey)
    return csv_bytes(header, rows)


def stories_xlsx(survey: Survey) -> bytes:
    header, rows = stories_table(survey)
    return xlsx_bytes([("stories", [header, *rows])])


def filename(survey: Survey, fmt: str) -> str:
    return f"{slugify(survey.title) or 'survey'}-stories.{fmt}"
