"""Reading an uploaded table of inputs (CSV or XLSX) into rows, recognising its columns and
checking every row before anything is stored.

The steps, each testable alone:

- `read_table(data, filename)` → `Table(header, rows, lines)`: read by the project's one
  table reader (`samrad.core.tables`: encodings, delimiters, XLSX caps); a broken or empty
  file raises `ImportProblem` with a translated message.
- `guess_mapping(header)` → {column index: field}: the shared column names in sv/nb/da/en.
- `check_rows(table, mapping)` → (rows ready to store, [RowError]): every problem of every
  row, so that the facilitator fixes the file once.

`services.import_run` stores the checked rows in short transactions of 500 (the write lock is
held briefly, phones answer on); a failure takes back what it stored: all or nothing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samrad.core import tables
from samrad.insights.models import InputStatus
from samrad.live.models import InputKind

TEXT, KIND, ANSWER, THEME, STATUS, IGNORE = "text", "kind", "answer", "theme", "status", ""
FIELDS = [
    (IGNORE, gettext_lazy("(ignore)")),
    (TEXT, gettext_lazy("Text")),
    (KIND, gettext_lazy("Type")),
    (ANSWER, gettext_lazy("Answer")),
    (THEME, gettext_lazy("Theme")),
    (STATUS, gettext_lazy("Status")),
]

# A cell in the type column names a kind in any of our languages.
KIND_NAMES: dict[str, list[str]] = {
    InputKind.QUESTION: [
        "question",
        "fråga",
        "frågor",
        "spørsmål",
        "spørgsmål",
        "sporsmal",
        "sporgsmal",
        "q",
    ],
    InputKind.INPUT: ["input", "inspel", "innspill", "indspil", "kommentar", "comment", "synpunkt"],
    InputKind.SUGGESTION: ["suggestion", "förslag", "forslag", "idé", "ide", "idea", "proposal"],
}
STATUS_NAMES: dict[str, list[str]] = {
    InputStatus.NEW: ["new", "ny", "nytt", "nye", "obesvarad", "ubesvart", "ubesvaret"],
    InputStatus.ANSWERED: ["answered", "besvarad", "besvart", "besvaret", "svarat"],
    InputStatus.CONSIDERED: [
        "will be considered",
        "considered",
        "tas med",
        "beaktas",
        "vurderes",
        "tages med",
        "tas i betraktning",
        "tas med videre",
    ],
    InputStatus.OUT_OF_SCOPE: [
        "outside the scope",
        "out of scope",
        "utanför uppdraget",
        "utenfor mandatet",
        "uden for rammen",
        "utanför",
    ],
    InputStatus.DUPLICATE: ["duplicate", "dubblett", "duplikat"],
}
PREVIEW_ROWS = 10
THEME_SEPARATORS = (";", "|", ",")


class ImportProblem(Exception):
    """The whole file cannot be read; the message is translated and says why."""


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    encoding: str = ""
    delimiter: str = ""
    lines: list[int] = field(default_factory=list)  # each row's line in the file

    def line(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else index + 2


@dataclass
class RowError:
    line: int  # as the facilitator sees it in the sheet: the header is line 1
    message: str


@dataclass
class CheckedRow:
    text: str
    kind: str = ""
    answer: str = ""
    themes: list[str] = field(default_factory=list)
    status: str = InputStatus.NEW


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).strip().casefold())
    return (
        "".join(c for c in text if not unicodedata.combining(c))
        .replace("ø", "o")
        .replace("æ", "ae")
    )


def _lookup(names: dict[str, list[str]]) -> dict[str, str]:
    return {_fold(name): key for key, values in names.items() for name in values}


# The column names are the project's shared ones (`samrad.core.tables.ALIASES`).
_COLUMNS = {TEXT: TEXT, KIND: KIND, ANSWER: ANSWER, THEME: THEME, STATUS: STATUS}
_KINDS = _lookup(KIND_NAMES)
_STATUSES = _lookup(STATUS_NAMES)


def max_cell() -> int:
    """The longest text a cell may hold (characters)."""
    return getattr(settings, "SAMRAD_IMPORT_MAX_CELL", 10_000)


def max_upload() -> int:
    """The largest file accepted (bytes)."""
    return getattr(settings, "SAMRAD_IMPORT_MAX_BYTES", 5 * 1024 * 1024)


# --- Reading -------------------------------------------------------------------------------


def read_table(data: bytes, filename: str) -> Table:
    """The file's header and data rows (blank rows dropped, rows padded to the header), read
    by the project's one table reader (`samrad.core.tables`)."""
    try:
        raw = tables.read_rows(
            data,
            filename,
            max_cell=max(max_cell() * 4, 131072),
            stated_max_cell=max_cell(),
        )
    except tables.TableError as error:
        raise ImportProblem(str(error)) from error
    start, header = raw.header()
    if start < 0:
        raise ImportProblem(_("The file is empty."))
    width = len(header)
    body, lines = [], []
    for index in range(start + 1, len(raw.rows)):
        row = raw.rows[index]
        if not any(cell.strip() for cell in row):
            continue
        cells = row[:width]
        body.append(cells + [""] * (width - len(cells)))
        lines.append(index + 1)
    if not body:
        raise ImportProblem(_("The file has a header but no rows."))
    return Table(header, body, raw.encoding, raw.delimiter, lines)


# --- Columns -------------------------------------------------------------------------------


def guess_mapping(header: list[str]) -> dict[int, str]:
    """{column index: field} for the columns whose names we recognise (each field once)."""
    mapping: dict[int, str] = {}
    for index, name in enumerate(header):
        key = _COLUMNS.get(tables.field_of(name))
        if key is None:
            # "Spørsmål" / "Innspill" / "Forslag" as a column: a table with one column per kind.
            continue
        if key not in mapping.values():
            mapping[index] = key
    if TEXT not in mapping.values():
        # A column named after a kind ("Innspill", "Fråga") holds the texts.
        for index, name in enumerate(header):
            if index not in mapping and _fold(name) in _KINDS:
                mapping[index] = TEXT
                break
    if TEXT not in mapping.values() and len(header) == 1:
        mapping[0] = TEXT  # a table of one column (a word cloud's "Ord") holds the texts
    return mapping


def kind_of_column(name: str) -> str:
    """The kind a column named "Spørsmål", "Förslag"… stands for, or ''."""
    return _KINDS.get(_fold(name), "")


def kind_of_cell(value: str) -> str | None:
    """A type cell as a kind: '' when blank, None when not recognised."""
    if not value.strip():
        return ""
    return _KINDS.get(_fold(value))


def status_of_cell(value: str) -> str | None:
    if not value.strip():
        return ""
    return _STATUSES.get(_fold(value))


def split_themes(value: str) -> list[str]:
    for separator in THEME_SEPARATORS:
        if separator in value:
            parts = value.split(separator)
            break
    else:
        parts = [value]
    seen: list[str] = []
    for part in parts:
        name = " ".join(part.split())[:120]
        if name and name.casefold() not in {s.casefold() for s in seen}:
            seen.append(name)
    return seen


# --- Rows ----------------------------------------------------------------------------------


def check_rows(table: Table, mapping: dict[int, str]) -> tuple[list[CheckedRow], list[RowError]]:
    """Every row as a CheckedRow, or every problem found (each with its line)."""
    columns = {fieldname: index for index, fieldname in mapping.items() if fieldname}
    if TEXT not in columns:
        return [], [RowError(1, _("Choose the column that holds the text."))]
    column_kind = kind_of_column(table.header[columns[TEXT]])
    limit = max_cell()
    checked: list[CheckedRow] = []
    errors: list[RowError] = []
    for index, row in enumerate(table.rows):
        number = table.line(index)
        problems = []

        def cell(name: str, row=row) -> str:
            return row[columns[name]].strip() if name in columns else ""

        text = cell(TEXT)
        if not text:
            problems.append(_("the text is empty"))
        for name in (TEXT, ANSWER, THEME):
            if len(cell(name)) > limit:
                problems.append(_("a cell is longer than %(limit)d characters") % {"limit": limit})
                break
        kind = kind_of_cell(cell(KIND))
        if kind is None:
            problems.append(_("unknown type “%(value)s”") % {"value": cell(KIND)[:40]})
        elif not kind:
            kind = column_kind
        status = status_of_cell(cell(STATUS))
        if status is None:
            problems.append(_("unknown status “%(value)s”") % {"value": cell(STATUS)[:40]})
        answer = cell(ANSWER)
        if not status:
            status = InputStatus.ANSWERED if answer else InputStatus.NEW
        if problems:
            errors.append(RowError(number, "; ".join(problems)))
            continue
        checked.append(
            CheckedRow(
                text=text,
                kind=kind or "",
                answer=answer,
                themes=split_themes(cell(THEME)),
                status=status,
            )
        )
    return checked, errors


def too_large_message() -> str:
    return _("The file is larger than %(size)s MB; split it into smaller files.") % {
        "size": f"{max_upload() / (1024 * 1024):g}"
    }


def already_imported_message() -> str:
    return _("This file has already been imported.")
