"""Exports of the board: the conference table (`text, type, answer, theme`) as CSV and XLSX,
and a "questions and answers" document grouped by theme as Markdown and PDF.

The spreadsheet builders are the live app's (`live/exports.py`: formula cells escaped, CSV
in UTF-8 with a BOM); the document is `core/reporting.py`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from samrad.core import reporting
from samrad.core.filenames import word
from samrad.dialogues.models import Dialogue
from samrad.insights import selectors
from samrad.insights.models import Input, Theme
from samrad.live.exports import CONFERENCE_COLUMNS, CSV_TYPE, XLSX_TYPE, csv_bytes, xlsx_bytes
from samrad.live.models import InputKind


def kind_label(kind: str) -> str:
    return str(InputKind(kind).label) if kind in InputKind.values else kind


def conference_rows(dialogue: Dialogue) -> list[list[Any]]:
    """One row per input (merged duplicates left out), in the dialogue's language; several
    themes are joined with "; "."""
    inputs = (
        Input.objects.filter(dialogue=dialogue, duplicate_of__isnull=True)
        .prefetch_related("themes")
        .order_by("created_at", "id")
    )
    with translation.override(dialogue.language):
        return [
            [
                item.text,
                kind_label(item.kind),
                item.answer,
                "; ".join(t.name for t in sorted(item.themes.all(), key=_theme_order)),
            ]
            for item in inputs
        ]


def _theme_order(theme: Theme) -> tuple[int, int]:
    return (theme.position, theme.pk)


def conference_csv(dialogue: Dialogue) -> bytes:
    return csv_bytes(CONFERENCE_COLUMNS, conference_rows(dialogue))


def conference_xlsx(dialogue: Dialogue) -> bytes:
    rows = conference_rows(dialogue)
    with translation.override(dialogue.language):
        return xlsx_bytes([(_("Inputs"), [CONFERENCE_COLUMNS, *rows])])


def answers_document(dialogue: Dialogue, *, published_only: bool = False) -> reporting.Document:
    """Questions and answers grouped by theme: every answered input, or only what the public
    sees (decided by the one "what is public" selector, `feedback/public.py`)."""
    if published_only:
        from samrad.feedback import public

        inputs = public.public_answers(dialogue)
    else:
        inputs = list(
            Input.objects.filter(dialogue=dialogue, duplicate_of__isnull=True)
            .exclude(answer="")
            .prefetch_related("themes")
            .order_by("created_at", "id")
        )
    with translation.override(dialogue.language):
        doc = reporting.Document(
            title=_("Questions and answers"),
            language=dialogue.language,
            subtitle=dialogue.title,
        )
        if not inputs:
            doc.add(reporting.Paragraph(_("No input has been answered yet.")))
        for group in selectors.by_theme(dialogue, inputs):
            doc.add(reporting.Heading(group.theme.name if group.theme else _("Without a theme")))
            for item in group.inputs:
                label = kind_label(item.kind)
                doc.add(
                    reporting.Paragraph(
                        f"{label}: {item.text}" if label else item.text, emphasis=True
                    ),
                    reporting.Paragraph(f"{_('Answer')}: {item.answer}"),
                )
        return doc


def answers_markdown(dialogue: Dialogue) -> bytes:
    return reporting.render_markdown(answers_document(dialogue)).encode("utf-8")


def answers_pdf(dialogue: Dialogue) -> bytes:
    return reporting.render_pdf(answers_document(dialogue))


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


FORMATS = {
    "conference.csv": (conference_csv, CSV_TYPE),
    "conference.xlsx": (conference_xlsx, XLSX_TYPE),
    "answers.md": (answers_markdown, "text/markdown; charset=utf-8"),
    "answers.pdf": (answers_pdf, "application/pdf"),
}


def build(dialogue: Dialogue, fmt: str) -> Export:
    """KeyError for a format not in FORMATS."""
    builder, content_type = FORMATS[fmt]
    stem, extension = fmt.split(".", 1)
    name = f"{word('inputs', dialogue.language)}-{dialogue.pk}-{word(stem, dialogue.language)}"
    return Export(builder(dialogue), content_type, f"samrad-{name}.{extension}")
