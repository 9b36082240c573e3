"""Pol.is's open data format: reading ``votes.csv`` and ``comments.csv`` exports.

Column names and meanings are Pol.is's: ``votes.csv`` has ``timestamp,datetime,
comment-id,voter-id,vote`` (vote 1 agree, −1 disagree, 0 pass; timestamp in
milliseconds), ``comments.csv`` has ``timestamp,datetime,comment-id,author-id,agrees,
disagrees,moderated,comment-body`` (moderated 1 accepted, 0 not yet, −1 moderated out).
Every problem is raised as :class:`PolisFormatError` naming the file and line, as a
spreadsheet numbers them (the header is line 1).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from samrad.core.tables import decode

VOTE_COLUMNS = ("timestamp", "datetime", "comment-id", "voter-id", "vote")
COMMENT_COLUMNS = (
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
)
# Newer Pol.is exports leave out comments.csv's datetime (and add columns we ignore).
OPTIONAL_COMMENT_COLUMNS = ("datetime", "agrees", "disagrees")
MODERATED_OUT = -1


# Every problem, as an English template with named fields. The app shows them in the
# user's language (the templates are msgids of the project's translations; `opinions/
# errors.py` translates them); the CLI prints the English.
MESSAGES = {
    "file_not_found": "{file}: file not found",
    "file_unreadable": "{file}: cannot read it ({reason})",
    "csv": "{file} line {line}: {reason}",
    "empty": "{file} line {line}: the file is empty",
    "column_missing": "{file} line {line}: column {column} is missing; Pol.is's columns are "
    "{columns}",
    "cell_count": "{file} line {line}: {cells} cells, the header has {header}",
    "whole_number": "{file} line {line}: {column} must be a whole number, not {cell}",
    "number": "{file} line {line}: {column} must be a number, not {cell}",
    "vote": "{file} line {line}: vote must be 1 (agree), -1 (disagree) or 0 (pass), not {cell}",
    "moderated": "{file} line {line}: moderated must be 1, 0 or -1, not {cell}",
    "comment_repeated": "{file} line {line}: comment-id {id} already on line {first}",
    "export_file_missing": "{file}: {name} is missing",
    "not_a_zip": "{file}: neither a folder nor a zip file",
    "zip_twice": "{file}: {name} appears twice in the zip",
    "zip_too_large": "{file}: the files unpack to more than {limit} MB",
    "unknown_file": "{file}: not a file of a Pol.is export ({files})",
    "file_twice": "{file} was given twice",
    "unknown_comment": "{file} line {line}: comment-id {id} is not in {comments}",
    "unknown_voter": "{file} line {line}: voter-id {id} is not in participants-votes.csv",
    "participant_numbers": "{file} line {line}: participant and group-id must be whole numbers",
    "statement_length": "{file} line {line}: a statement must have 1 to {limit} characters, "
    "this one has {length}",
}


class PolisFormatError(ValueError):
    """A file that does not follow Pol.is's format; the message names file and line.

    ``code`` picks the template in ``MESSAGES``, ``fields`` fill it (``file`` always,
    ``line`` when the problem is on a line)."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(MESSAGES[code].format(**fields))

    @property
    def template(self) -> str:
        return MESSAGES[self.code]


@dataclass(frozen=True)
class PolisVote:
    timestamp: float
    datetime: str
    comment_id: int
    voter_id: int
    vote: int
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class PolisComment:
    timestamp: float
    datetime: str
    comment_id: int
    author_id: int
    # Derived from the votes (the export recomputes them), so not part of equality.
    agrees: int = field(compare=False)
    disagrees: int = field(compare=False)
    moderated: int
    body: str
    line: int = field(default=0, compare=False)


def read_text(path: str | Path) -> str:
    """The text of the file at ``path`` (UTF-8 with or without BOM, UTF-16, Windows-1252)."""
    try:
        return decode(Path(path).read_bytes())
    except FileNotFoundError:
        raise PolisFormatError("file_not_found", file=str(path)) from None
    except OSError as exc:
        raise PolisFormatError("file_unreadable", file=str(path), reason=exc.strerror) from None


def parse_votes(text: str, name: str = "votes.csv") -> list[PolisVote]:
    """Every row of a ``votes.csv`` text, in file order (repeated votes kept)."""
    votes = []
    for line, cells in _rows(text, name, VOTE_COLUMNS):
        vote = _integer(cells["vote"], name, line, "vote")
        if vote not in (-1, 0, 1):
            raise PolisFormatError("vote", file=name, line=line, cell=repr(cells["vote"]))
        votes.append(
            PolisVote(
                _number(cells["timestamp"], name, line, "timestamp"),
                cells["datetime"],
                _integer(cells["comment-id"], name, line, "comment-id"),
                _integer(cells["voter-id"], name, line, "voter-id"),
                vote,
                line,
            )
        )
    return votes


def latest_votes(votes: list[PolisVote]) -> list[PolisVote]:
    """One vote per voter and statement: the one with the latest timestamp.

    Equal timestamps: the one further down the file counts. The result is sorted by
    voter and statement.
    """
    latest: dict[tuple[int, int], PolisVote] = {}
    for vote in votes:
        key = (vote.voter_id, vote.comment_id)
        if key not in latest or vote.timestamp >= latest[key].timestamp:
            latest[key] = vote
    return [latest[key] for key in sorted(latest)]


def parse_comments(text: str, name: str = "comments.csv") -> list[PolisComment]:
    """Every row of a ``comments.csv`` text; a comment id may appear only once."""
    comments = []
    seen: dict[int, int] = {}
    for line, cells in _rows(text, name, COMMENT_COLUMNS, OPTIONAL_COMMENT_COLUMNS):
        comment_id = _integer(cells["comment-id"], name, line, "comment-id")
        if comment_id in seen:
            raise PolisFormatError(
                "comment_repeated", file=name, line=line, id=comment_id, first=seen[comment_id]
            )
        seen[comment_id] = line
        moderated = _integer(cells["moderated"], name, line, "moderated")
        if moderated not in (-1, 0, 1):
            raise PolisFormatError("moderated", file=name, line=line, cell=repr(cells["moderated"]))
        comments.append(
            PolisComment(
                _number(cells["timestamp"], name, line, "timestamp"),
                cells["datetime"],
                comment_id,
                _integer(cells["author-id"], name, line, "author-id"),
                _integer(cells["agrees"] or "0", name, line, "agrees"),
                _integer(cells["disagrees"] or "0", name, line, "disagrees"),
                moderated,
                cells["comment-body"],
                line,
            )
        )
    return comments


def _rows(text: str, name: str, columns: tuple[str, ...], optional: tuple[str, ...] = ()):
    """(line, cells by column) for each non-blank record; line is where the record starts.
    An ``optional`` column that the header lacks reads as empty cells."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise PolisFormatError("csv", file=name, line=1, reason=str(exc)) from None
    if header is None:
        raise PolisFormatError("empty", file=name, line=1)
    header = [cell.strip() for cell in header]
    missing = [c for c in columns if c not in header and c not in optional]
    if missing:
        raise PolisFormatError(
            "column_missing", file=name, line=1, column=repr(missing[0]), columns=",".join(columns)
        )
    positions = {column: header.index(column) for column in columns if column in header}
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise PolisFormatError("csv", file=name, line=line, reason=str(exc)) from None
        if any(cell.strip() for cell in row):
            if len(row) != len(header):
                raise PolisFormatError(
                    "cell_count", file=name, line=line, cells=len(row), header=len(header)
                )
            cells = dict.fromkeys(columns, "")
            cells.update({column: row[i] for column, i in positions.items()})
            yield line, cells
        line = reader.line_num + 1


def _integer(cell: str, name: str, line: int, column: str) -> int:
    try:
        return int(cell)
    except ValueError:
        raise PolisFormatError(
            "whole_number", file=name, line=line, column=column, cell=repr(cell)
        ) from None


def _number(cell: str, name: str, line: int, column: str) -> float:
    try:
        value = float(cell)
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):
        raise PolisFormatError("number", file=name, line=line, column=column, cell=repr(cell))
    return value
