"""One reader for every table the project takes in: the web imports (inputs, concerns,
portfolio) and the command lines (`samrad portfolio`, `samrad themes`).

- `read_rows(data, filename)` → `Rows(rows, encoding, delimiter)`: every row of the first
  sheet (XLSX) or of the CSV/TSV as lists of strings, blank rows kept so that a row's index + 1
  is its line as a spreadsheet counts it. Raises `TableError` with a translated message.
- `find_columns(header, fields)` → {field: column index}: the column names of `ALIASES` in
  sv/nb/da/en, compared case-, accent- and Unicode-form-insensitively.
- `decimal(value, lang)`: a number as the locale writes it (0,58 in sv/nb/da, 0.58 in en).

CSV: the encoding is UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 (what
Nordic Excel saves); the delimiter (`,` `;` tab `|`) is the one the header line holds most
(header names rarely hold one, participants' texts are full of commas), else sniffed.

XLSX (issue 19.2): openpyxl in read-only (streaming) mode with the sheet's `<dimension>`
ignored (`reset_dimensions`), since a crafted `A1:XFD1048576` would make openpyxl pad every row
to 16,384 cells; the ZIP's uncompressed size, the rows, the columns per row and the cells are
capped and a file over a cap is refused with a message, before it has been read whole.

No Django import at module level: `samrad.insights.textanalysis` (pure Python) reads its
tables here too. Messages are translated when Django is configured, else left in English.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Any

MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000
MAX_CELL = 100_000  # characters in one cell
MAX_XLSX_UNCOMPRESSED = 300 * 1024 * 1024
DELIMITERS = (",", ";", "\t", "|")

# Column names in sv, nb, da and en for every field any importer reads (a field a reader does
# not ask for is never matched). Keep them folded-unique: one name, one field.
ALIASES: dict[str, list[str]] = {
    "text": [
        "text",
        "texts",
        "tekst",
        "tekster",
        "inspel",
        "innspill",
        "input",
        "inputs",
        "indspil",
        "kommentar",
        "comment",
        "synpunkt",
        "fritext",
        "fritekst",
        "innlegg",
        "bidrag",
        "concern",
        "concerns",
        "farhåga",
        "farhågor",
        "farhågan",
        "bekymring",
        "bekymringer",
        "bekymringar",
        "bekymringen",
    ],
    "kind": ["type", "typ", "kind", "kategori", "category", "art", "slag"],
    "answer": [
        "svar",
        "answer",
        "reply",
        "response",
        "besvarelse",
        "tilbakemelding",
        "återkoppling",
    ],
    "theme": ["tema", "theme", "themes", "teman", "temaer", "temaet", "emne", "topic", "topics"],
    "status": ["status", "tilstand", "läge", "state"],
    "code": ["code", "kod", "kode", "nr", "nummer", "number", "id"],
    "name": [
        "name",
        "project",
        "project name",
        "title",
        "namn",
        "projekt",
        "projektnamn",
        "titel",
        "navn",
        "prosjekt",
        "prosjektnavn",
        "tittel",
        "projektnavn",
    ],
    "department": [
        "department",
        "unit",
        "avdelning",
        "förvaltning",
        "enhet",
        "avdeling",
        "forvaltning",
        "afdeling",
        "enhed",
    ],
    "year": ["year", "år", "årtal", "årstall", "årstal", "aar"],
    "description": ["description", "beskrivning", "beskrivelse", "om projektet"],
    "contact": ["contact", "contact person", "kontakt", "kontaktperson", "ansvarig", "ansvarlig"],
    "target_images": [
        "target_images",
        "target images",
        "målbilder",
        "målbild",
        "målbilde",
        "målbilleder",
        "målbillede",
    ],
}


class TableError(Exception):
    """The file cannot be read as a table; the message (translated) says why, `empty` whether
    it is because the file holds nothing."""

    def __init__(self, message: str, *, empty: bool = False):
        super().__init__(message)
        self.empty = empty


@dataclass
class Rows:
    rows: list[list[str]]
    encoding: str = ""
    delimiter: str = ""

    def header(self) -> tuple[int, list[str]]:
        """(index, cells) of the first row that is not blank; (-1, []) when all are."""
        for index, row in enumerate(self.rows):
            if any(cell.strip() for cell in row):
                return index, [cell.strip() for cell in row]
        return -1, []


def translate(message: str) -> str:
    """gettext when Django is set up (web, management commands), else the English text."""
    try:
        from django.conf import settings

        if settings.configured:
            from django.utils.translation import gettext

            return gettext(message)
    except ImportError:  # pragma: no cover - Django is always installed with samrad
        pass
    return message


_ = translate


def fold(text: str) -> str:
    """A column name as compared: case, accents and ø/æ folded, spaces squeezed."""
    text = unicodedata.normalize("NFKD", " ".join(str(text).split()).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("ø", "o").replace("æ", "ae").replace("_", " ")


_FIELD_OF = {fold(name): key for key, names in ALIASES.items() for name in names}


def field_of(name: str) -> str:
    """The field a column name stands for ('' when none)."""
    return _FIELD_OF.get(fold(name), "")


def find_columns(header: list[str], fields: list[str] | tuple[str, ...]) -> dict[str, int]:
    """{field: index} for the asked fields found in the header (the first column of each)."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = field_of(name)
        if key in fields and key not in found:
            found[key] = index
    return found


def find_column(header: list[str], name: str) -> int | None:
    """The column called `name`: exactly, else folded, else a synonym of the same field."""
    if name in header:
        return header.index(name)
    folded = [fold(cell) for cell in header]
    if fold(name) in folded:
        return folded.index(fold(name))
    key = field_of(name)
    if key:
        return find_columns(header, [key]).get(key)
    return None


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 (Nordic Excel)."""
    return decode_named(data)[0]


def decode_named(data: bytes) -> tuple[str, str]:
    """(text, the encoding it was read with)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(text: str) -> str:
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if counts[best]:
        return best
    try:
        return csv.Sniffer().sniff(text[:20_000], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return ","


def is_xlsx(data: bytes, filename: str = "") -> bool:
    return data[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm"))


def _too_many_rows(limit: int) -> TableError:
    return TableError(_("The file has more than %(limit)d rows.") % {"limit": limit})


def _too_many_columns(line: int, limit: int) -> TableError:
    return TableError(
        _("Line %(line)d has more than %(limit)d columns.") % {"line": line, "limit": limit}
    )


def _too_many_cells(limit: int) -> TableError:
    return TableError(_("The file has more than %(limit)d cells.") % {"limit": limit})


class _Counter:
    def __init__(self, max_rows: int, max_columns: int, max_cells: int):
        self.max_rows, self.max_columns, self.max_cells = max_rows, max_columns, max_cells
        self.rows = self.cells = 0
        self.stated_max_cell = 0

    def add(self, row: list[str]) -> list[str]:
        self.rows += 1
        if self.rows > self.max_rows:
            raise _too_many_rows(self.max_rows)
        while row and not row[-1]:
            row.pop()
        if len(row) > self.max_columns:
            raise _too_many_columns(self.rows, self.max_columns)
        self.cells += len(row)
        if self.cells > self.max_cells:
            raise _too_many_cells(self.max_cells)
        return row


def _read_csv(data: bytes, counter: _Counter, max_cell: int) -> Rows:
    text, encoding = decode_named(data)
    if "\x00" in text[:4096]:
        raise TableError(_("This does not look like a CSV or Excel file."))
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    csv.field_size_limit(max(max_cell + 1, 1024))
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(counter.add(row))
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise TableError(
                _("Line %(line)d has a cell longer than %(limit)d characters.")
                % {"line": reader.line_num, "limit": counter.stated_max_cell}
            ) from error
        raise TableError(
            _("The file could not be read as CSV (line %(line)d).") % {"line": reader.line_num}
        ) from error
    return Rows(rows, encoding, delimiter)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes, counter: _Counter, max_cell: int) -> Rows:
    return _read_xlsx_sheets(data, counter, max_cell, every=False)[0][1]


def _read_xlsx_sheets(
    data: bytes, counter: _Counter, max_cell: int, *, every: bool
) -> list[tuple[str, Rows]]:
    from openpyxl import load_workbook

    damaged = _("The Excel file could not be opened; is it damaged?")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise TableError(damaged) from error
    if unpacked > MAX_XLSX_UNCOMPRESSED:
        raise TableError(_("The Excel file unpacks to more than we accept; save it as CSV."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise TableError(damaged) from error
    try:
        if not workbook.worksheets:
            raise TableError(damaged)
        found = []
        for sheet in workbook.worksheets if every else workbook.worksheets[:1]:
            sheet.reset_dimensions()  # never trust <dimension>: it decides the padding
            rows = []
            start = counter.rows
            # Without a dimension a row is as long as its last cell (at most 16,384, XFD): a
            # row longer than the cap is refused before its cells are converted.
            for values in sheet.iter_rows(values_only=True):
                if len(values) > counter.max_columns and any(
                    value is not None for value in values[counter.max_columns :]
                ):
                    raise _too_many_columns(counter.rows - start + 1, counter.max_columns)
                row = counter.add([_cell(v) for v in values[: counter.max_columns]])
                for cell in row:
                    if len(cell) > max_cell:
                        raise TableError(
                            _("Line %(line)d has a cell longer than %(limit)d characters.")
                            % {"line": counter.rows - start, "limit": counter.stated_max_cell}
                        )
                rows.append(row)
            found.append((str(sheet.title), Rows(rows, "xlsx", "")))
    except TableError:
        raise
    except Exception as error:  # a damaged sheet inside a valid ZIP
        raise TableError(damaged) from error
    finally:
        workbook.close()
    return found


def read_rows(
    data: bytes,
    filename: str = "",
    *,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
    max_cells: int = MAX_CELLS,
    max_cell: int = MAX_CELL,
    stated_max_cell: int | None = None,
) -> Rows:
    """Every row of a CSV/TSV or of an XLSX's first sheet (see the module's docstring).

    A cell over `max_cell` characters refuses the file, saying the limit is
    `stated_max_cell` (default `max_cell`): an importer that reports long cells per row
    reads with a larger hard limit than the one it tells the user about."""
    if not data.strip():
        raise TableError(_("The file is empty."), empty=True)
    counter = _Counter(max_rows, max_columns, max_cells)
    counter.stated_max_cell = stated_max_cell or max_cell
    if is_xlsx(data, filename):
        return _read_xlsx(data, counter, max_cell)
    return _read_csv(data, counter, max_cell)


def read_sheets(
    data: bytes, filename: str = "", *, max_cell: int = MAX_CELL, stated_max_cell: int | None = None
) -> list[tuple[str, Rows]]:
    """Every sheet of an XLSX as (sheet name, rows), the caps counted over the whole workbook;
    a CSV/TSV is one sheet named ''. Raises `TableError` as `read_rows` does."""
    if not data.strip():
        raise TableError(_("The file is empty."), empty=True)
    counter = _Counter(MAX_ROWS, MAX_COLUMNS, MAX_CELLS)
    counter.stated_max_cell = stated_max_cell or max_cell
    if is_xlsx(data, filename):
        return _read_xlsx_sheets(data, counter, max_cell, every=True)
    return [("", _read_csv(data, counter, max_cell))]


def read_path(path: str, **limits: Any) -> Rows:
    """`read_rows` of a file on disk (command lines); a missing file is a `TableError`."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        raise TableError(_("file not found: %(path)s") % {"path": path}) from None
    except OSError as error:
        raise TableError(
            _("cannot read %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}
        ) from None
    return read_rows(data, path, **limits)


def decimal(value: float, lang: str, places: int = 3) -> str:
    """A number as `lang` writes it: decimal comma in sv/nb/da, point in en."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if lang in ("sv", "nb", "da") else text
