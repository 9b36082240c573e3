"""Read a list of concerns from a CSV or XLSX file: plain Python on bytes, no ORM.

The file has one column of text, with or without a header. A header names the column in any
of our languages (text, tekst, farhåga, bekymring, concern …: the shared names of
`samrad.core.tables`); in a file of several columns that column is read and the others
ignored. The file is read by the project's one table reader (encodings, delimiters, XLSX).
Everything is checked before anything is stored: one bad row and nothing is imported (`ImportFailed`
lists the rows and what is wrong with them).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from samrad.core import tables
from samrad.live.kinds.base import CONTROL_CHARACTERS

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_LENGTH = 500


@dataclass
class ImportFailed(Exception):
    message: str
    rows: list[tuple[int, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message


def _rows(data: bytes, filename: str) -> list[list[str]]:
    try:
        return tables.read_rows(data, filename, max_rows=MAX_ROWS * 2, max_cell=MAX_BYTES).rows
    except tables.TableError as error:
        raise ImportFailed(str(error)) from error


def _header_index(row: list[str]) -> int | None:
    return tables.find_columns(row, ["text"]).get("text")


def read_concerns(data: bytes, filename: str) -> list[str]:
    """The concerns' texts, in file order, without empty rows and repeats. Raises
    `ImportFailed` (with row numbers as a spreadsheet counts them) when anything is wrong."""
    if not data:
        raise ImportFailed(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ImportFailed(_("The file is too large (at most 2 MB)."))
    table = _rows(data, filename)
    # (row number as a spreadsheet counts it, cells), empty rows left out
    rows = [(n, row) for n, row in enumerate(table, start=1) if any(c.strip() for c in row)]
    if not rows:
        raise ImportFailed(_("The file has no rows."))
    header = _header_index(rows[0][1])
    start, column = (1, header) if header is not None else (0, 0)
    if header is None and max(len(row) for _n, row in rows) > 1:
        raise ImportFailed(
            _("The file has several columns but none is called text, farhåga or concern.")
        )
    if len(rows) - start > MAX_ROWS:
        raise ImportFailed(_("The file has too many rows (at most %(max)s).") % {"max": MAX_ROWS})
    texts: list[str] = []
    errors: list[tuple[int, str]] = []
    seen: set[str] = set()
    for number, row in rows[start:]:
        raw = row[column] if column < len(row) else ""
        text = CONTROL_CHARACTERS.sub("", unicodedata.normalize("NFC", raw)).strip()
        text = " ".join(text.split())
        if not text:
            continue
        if len(text) > MAX_LENGTH:
            errors.append((number, _("longer than %(limit)s characters") % {"limit": MAX_LENGTH}))
            continue
        if text.casefold() not in seen:
            seen.add(text.casefold())
            texts.append(text)
    if errors:
        raise ImportFailed(_("Nothing was imported: some rows need fixing."), errors)
    if not texts:
        raise ImportFailed(_("The file has no concerns in it."))
    return texts
