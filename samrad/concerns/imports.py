"""Read a list of concerns from a CSV or XLSX file: plain Python on bytes, no ORM.

The file has one column of text, with or without a header. A header names the column in any
of our languages (text, tekst, farhåga, bekymring, concern …); in a file of several columns
that column is read and the others ignored. CSV: the encoding (UTF-8 with or without BOM,
UTF-16 with BOM, else Windows-1252) and the delimiter (, ; tab |) are guessed. Everything
is checked before anything is stored: one bad row and nothing is imported (`ImportFailed`
lists the rows and what is wrong with them).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from samrad.core.tables import decode
from samrad.live.kinds.base import CONTROL_CHARACTERS

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_LENGTH = 500
HEADERS = {
    "text",
    "texts",
    "tekst",
    "concern",
    "concerns",
    "farhåga",
    "farhågor",
    "farhågan",
    "bekymring",
    "bekymringer",
    "bekymringar",
    "bekymringen",
}
DELIMITERS = ",;\t|"


@dataclass
class ImportFailed(Exception):
    message: str
    rows: list[tuple[int, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message


def _csv_rows(data: bytes) -> list[list[str]]:
    text = decode(data)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
        delimiter = dialect.delimiter
    except csv.Error:
        # One column (nothing to sniff), or too little text: count the candidates instead.
        first = sample.splitlines()[0] if sample.splitlines() else ""
        counts = {d: first.count(d) for d in DELIMITERS}
        delimiter = max(counts, key=counts.get) if any(counts.values()) else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportFailed(_("The file could not be read as an Excel workbook.")) from error
    sheet = workbook.worksheets[0]
    rows = [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)
    ]
    workbook.close()
    return rows


def _header_index(row: list[str]) -> int | None:
    for index, cell in enumerate(row):
        if cell.strip().casefold() in HEADERS:
            return index
    return None


def read_concerns(data: bytes, filename: str) -> list[str]:
    """The concerns' texts, in file order, without empty rows and repeats. Raises
    `ImportFailed` (with row numbers as a spreadsheet counts them) when anything is wrong."""
    if not data:
        raise ImportFailed(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ImportFailed(_("The file is too large (at most 2 MB)."))
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        rows = _xlsx_rows(data)
    else:
        try:
            rows = _csv_rows(data)
        except csv.Error as error:
            raise ImportFailed(_("The file could not be read as CSV.")) from error
    # (row number as a spreadsheet counts it, cells), empty rows left out
    rows = [(n, row) for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
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
