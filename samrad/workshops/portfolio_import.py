"""Read a project list from CSV or XLSX with the project's one table reader
(`samrad.core.tables`: encodings, delimiters, XLSX caps, column names in sv/nb/da/en); every
row is checked and every problem is reported with its row number. No database access: the
service imports the rows, all or none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from samrad.core import tables

MAX_ROWS = 500
MAX_BYTES = 2_000_000
LIMITS = {"code": 12, "name": 200, "department": 200, "contact": 200, "status": 100}
MAX_DESCRIPTION = 5000

FIELDS = (
    "code",
    "name",
    "department",
    "year",
    "description",
    "contact",
    "status",
    "target_images",
)


@dataclass
class ParsedTable:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    payload: str = ""  # the import view's signed rows, for the confirm step

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def read_table(data: bytes, filename: str = "") -> list[list[str]]:
    """Rows of cells from CSV or XLSX bytes, by the project's one table reader."""
    return tables.read_rows(data, filename, max_rows=MAX_ROWS * 4).rows


def _year(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if value.endswith(".0"):  # a number cell from a spreadsheet
        value = value[:-2]
    year = int(value)
    if not 1900 <= year <= 2100:
        raise ValueError
    return year


def parse_projects(data: bytes, filename: str = "") -> ParsedTable:
    """The projects of a table with a header row; `rows` are dicts of the model's fields plus
    `line` (the row number in the file) and `target_images` (a list of names, maybe empty)."""
    table = ParsedTable()
    if len(data) > MAX_BYTES:
        table.errors.append(_("The file is larger than 2 MB."))
        return table
    try:
        cells = read_table(data, filename)
    except tables.TableError as error:
        table.errors.append(str(error))
        return table
    cells = [row for row in cells if any(c.strip() for c in row)]
    if not cells:
        table.errors.append(_("The file is empty."))
        return table
    header, body = cells[0], cells[1:]
    columns: dict[int, str] = {}
    for index, name in enumerate(header):
        key = tables.field_of(name)
        if key in FIELDS and key not in columns.values():
            columns[index] = key
        elif name.strip():
            table.ignored_columns.append(name.strip())
    if "name" not in columns.values():
        table.errors.append(
            _("No column with the projects' names (for example “name”, “namn”, “navn”).")
        )
        return table
    if len(body) > MAX_ROWS:
        table.errors.append(_("At most %(n)d projects per file.") % {"n": MAX_ROWS})
        return table
    seen_codes: dict[str, int] = {}
    for offset, row in enumerate(body):
        line = offset + 2
        values = {key: (row[i].strip() if i < len(row) else "") for i, key in columns.items()}
        project: dict[str, Any] = {"line": line}
        problems = []
        if not values.get("name"):
            problems.append(_("the name is missing"))
        for key, limit in LIMITS.items():
            if len(values.get(key, "")) > limit:
                problems.append(
                    _("%(column)s is longer than %(n)d characters") % {"column": key, "n": limit}
                )
        if len(values.get("description", "")) > MAX_DESCRIPTION:
            problems.append(
                _("the description is longer than %(n)d characters") % {"n": MAX_DESCRIPTION}
            )
        try:
            project["year"] = _year(values.get("year", ""))
        except ValueError:
            problems.append(_("“%(value)s” is not a year") % {"value": values.get("year")})
        code = values.get("code", "")
        if code:
            folded = code.casefold()
            if folded in seen_codes:
                problems.append(
                    _("the code %(code)s is also on row %(row)d")
                    % {"code": code, "row": seen_codes[folded]}
                )
            seen_codes.setdefault(folded, line)
        if problems:
            table.errors.append(
                _("Row %(row)d: %(problems)s.") % {"row": line, "problems": "; ".join(problems)}
            )
            continue
        for key in ("code", "name", "department", "description", "contact", "status"):
            project[key] = values.get(key, "")
        images = values.get("target_images", "")
        project["target_images"] = [n.strip() for n in images.split(";") if n.strip()]
        table.rows.append(project)
    if not table.rows and not table.errors:
        table.errors.append(_("The file has a header row but no projects."))
    return table
