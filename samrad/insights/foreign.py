"""Results exported from Mentimeter and Slido, read into questions with their answers so that
an earlier meeting becomes a session of the dialogue (channel "imported").

We cannot download the tools' own exports here, so the shapes are the ones documented in
docs/architecture/words.md (and built by tests/insights/foreign_files.py):

- **Mentimeter** (XLSX, one sheet per question or one "Results" sheet): a question starts with
  a row whose first cell is the question and whose second cell is Mentimeter's name of its
  type ("Word Cloud", "Multiple Choice", "Open Ended", "Q&A"); its answers follow, one per row,
  until a blank row or the next question. Multiple choice: option | votes. Word cloud: one
  participant's entries in one cell, separated by spaces, `_` joining the words of one entry.
  Open ended: one answer per row. Q&A: question | upvotes.
- **Slido** (XLSX or CSV, a header row): polls with the columns Poll, (Poll type), Option and
  Votes — one row per option, or per word / answer with how many gave it; Q&A with Question,
  Upvotes (or Votes / Likes), and optionally Author and Date (neither is imported: names of
  participants stay behind).

`read(data, filename)` → `Found(tool, questions)` or `Found(tool="")` when no sheet has either
shape (the caller then offers the general importer's column mapping); a cell that breaks the
shape (votes that are not a number, a row over :data:`MAX_ROW` characters) raises
`ForeignProblem` naming the sheet and the row. Nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from samrad.core import tables
from samrad.insights.textanalysis.entries import MAX_LINE, SPLITS, split_line
from samrad.live.models import QuestionKind

MENTIMETER, SLIDO = "mentimeter", "slido"
TABLE = "table"  # word-cloud answers in one column of any table (the general import)
MAX_ROW = MAX_LINE  # characters in one answer row, as `samrad wordcloud` allows
MAX_VOTES = 100_000  # answers one import creates at most (each vote is one response)

# Mentimeter's names of its slide types, folded.
MENTI_KINDS = {
    "word cloud": QuestionKind.WORDCLOUD,
    "wordcloud": QuestionKind.WORDCLOUD,
    "multiple choice": QuestionKind.CHOICE,
    "open ended": QuestionKind.OPEN,
    "open-ended": QuestionKind.OPEN,
    "q&a": QuestionKind.QA,
    "questions from audience": QuestionKind.QA,
}
SLIDO_KINDS = {
    "multiple choice": QuestionKind.CHOICE,
    "word cloud": QuestionKind.WORDCLOUD,
    "open text": QuestionKind.OPEN,
}
SLIDO_POLL = ["poll", "poll question", "question"]
SLIDO_TYPE = ["poll type", "type"]
SLIDO_OPTION = ["option", "answer", "options"]
SLIDO_VOTES = ["votes", "upvotes", "likes", "count"]


class ForeignProblem(Exception):
    """The file has a tool's shape but a cell breaks it; the message (translated) names the
    sheet and the row."""


@dataclass
class Item:
    line: int  # the row in its sheet, as the spreadsheet counts
    text: str
    count: int = 1  # votes of an option, upvotes of a Q&A post, how many gave a word


@dataclass
class ForeignQuestion:
    kind: str
    prompt: str
    sheet: str
    line: int
    items: list[Item] = field(default_factory=list)

    def entries(self, split: str) -> list[tuple[int, list[str], int]]:
        """Word clouds: every row as (line, its entries, count) read with `split`."""
        return [(item.line, split_line(item.text, split), item.count) for item in self.items]

    def answers(self, split: str) -> int:
        """How many responses the question becomes."""
        if self.kind == QuestionKind.WORDCLOUD:
            return sum(len(parts) * count for _line, parts, count in self.entries(split))
        if self.kind == QuestionKind.CHOICE:
            return sum(item.count for item in self.items)
        return len(self.items)


@dataclass
class Found:
    tool: str = ""
    questions: list[ForeignQuestion] = field(default_factory=list)

    def total(self, split: str) -> int:
        return sum(question.answers(split) for question in self.questions)


def _fold(value: str) -> str:
    return " ".join(tables.fold(value).split())


def _where(sheet: str, line: int) -> str:
    if sheet:
        return _("Sheet “%(sheet)s”, row %(line)d") % {"sheet": sheet, "line": line}
    return _("Row %(line)d") % {"line": line}


def _number(value: str, sheet: str, line: int) -> int:
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return 0
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = -1
    if number < 0 or not number.is_integer():
        raise ForeignProblem(
            _("%(where)s: “%(value)s” is not a number of votes.")
            % {"where": _where(sheet, line), "value": value[:40]}
        )
    if number > MAX_VOTES:  # before a Slido "open text" row is repeated that many times
        raise ForeignProblem(_too_many())
    return int(number)


def _too_many() -> str:
    return _("The file holds more than %(limit)d answers; split it into smaller files.") % {
        "limit": MAX_VOTES
    }


def _text(value: str, sheet: str, line: int) -> str:
    if len(value) > MAX_ROW:
        raise ForeignProblem(
            _("%(where)s is %(length)d characters long (at most %(limit)d): not answers.")
            % {"where": _where(sheet, line), "length": len(value), "limit": MAX_ROW}
        )
    return value.strip()


# --- Mentimeter ----------------------------------------------------------------------------


def _menti_head(row: list[str]) -> str:
    cells = [cell.strip() for cell in row]
    if len(cells) >= 2 and cells[0] and _fold(cells[1]) in MENTI_KINDS:
        return MENTI_KINDS[_fold(cells[1])]
    return ""


def _mentimeter(sheets: list[tuple[str, tables.Rows]]) -> list[ForeignQuestion]:
    questions: list[ForeignQuestion] = []
    for name, rows in sheets:
        current: ForeignQuestion | None = None
        for index, row in enumerate(rows.rows):
            line = index + 1
            kind = _menti_head(row)
            if kind:
                current = ForeignQuestion(kind, row[0].strip()[:500], name, line)
                questions.append(current)
                continue
            cells = [cell for cell in row]
            if not any(cell.strip() for cell in cells):
                current = None
                continue
            if current is None:
                continue  # titles, dates and notes around the questions
            first = _text(cells[0], name, line)
            second = cells[1] if len(cells) > 1 else ""
            if current.kind == QuestionKind.CHOICE:
                current.items.append(Item(line, first[:200], _number(second, name, line)))
            elif current.kind == QuestionKind.QA:
                current.items.append(Item(line, first, _number(second, name, line)))
            elif first:
                current.items.append(Item(line, first))
    return questions


# --- Slido ---------------------------------------------------------------------------------


def _column(header: list[str], names: list[str]) -> int | None:
    folded = [_fold(cell) for cell in header]
    for name in names:
        if name in folded:
            return folded.index(name)
    return None


def _slido_sheet(name: str, rows: tables.Rows) -> list[ForeignQuestion] | None:
    start, header = rows.header()
    if start < 0:
        return None
    poll = _column(header, ["poll", "poll question"])
    option = _column(header, SLIDO_OPTION)
    votes = _column(header, SLIDO_VOTES)
    question = _column(header, ["question", "questions"])
    if poll is not None and option is not None and votes is not None:
        kind_column = _column(header, SLIDO_TYPE)
        polls: dict[str, ForeignQuestion] = {}
        for index in range(start + 1, len(rows.rows)):
            row = rows.rows[index] + [""] * len(header)
            line = index + 1
            if not any(cell.strip() for cell in row):
                continue
            prompt = row[poll].strip()[:500]
            label = _text(row[option], name, line)
            if not prompt or not label:
                continue
            kind = QuestionKind.CHOICE
            if kind_column is not None:
                kind = SLIDO_KINDS.get(_fold(row[kind_column]), QuestionKind.CHOICE)
            target = polls.get(prompt)
            if target is None:
                target = polls[prompt] = ForeignQuestion(kind, prompt, name, line)
            count = _number(row[votes], name, line)
            if kind == QuestionKind.OPEN:
                target.items.extend(Item(line, label) for _i in range(max(count, 1)))
            else:
                target.items.append(Item(line, label[:200] if kind == "choice" else label, count))
        return list(polls.values())
    if question is not None and votes is not None and poll is None:
        qa = ForeignQuestion(QuestionKind.QA, name or _("Q&A"), name, start + 1)
        for index in range(start + 1, len(rows.rows)):
            row = rows.rows[index] + [""] * len(header)
            line = index + 1
            text = _text(row[question], name, line)
            if text:
                qa.items.append(Item(line, text, _number(row[votes], name, line)))
        return [qa]
    return None


# --- Both ----------------------------------------------------------------------------------


def read(data: bytes, filename: str) -> Found:
    """The file's questions and answers, and which tool's shape it has ('' when neither)."""
    try:
        sheets = tables.read_sheets(data, filename, max_cell=max(MAX_ROW * 4, 131072))
    except tables.TableError as error:
        raise ForeignProblem(str(error)) from error
    # Slido first: its header row (Poll, Option, Votes / Question, Upvotes) is unambiguous,
    # while a poll row "question | Multiple choice | …" would also pass for a Mentimeter head.
    slido: list[ForeignQuestion] = []
    for name, rows in sheets:
        slido.extend(_slido_sheet(name, rows) or [])
    if slido:
        found = Found(SLIDO, slido)
    else:
        questions = _mentimeter(sheets)
        found = Found(MENTIMETER if questions else "", questions)
    if found.tool and found.total("words") > MAX_VOTES:
        raise ForeignProblem(_too_many())
    return found


def from_column(prompt: str, cells: list[str], lines: list[int]) -> Found:
    """A word-cloud question whose answers are the cells of one column of a table, each
    row one participant's (the general import's column mapping, when the facilitator says
    the rows are word-cloud answers). A row over :data:`MAX_ROW` characters raises
    `ForeignProblem` with its line, as does a file of more than :data:`MAX_VOTES` answers."""
    items = [
        Item(line, _text(cell, "", line))
        for cell, line in zip(cells, lines, strict=True)
        if cell.strip()
    ]
    found = Found(TABLE, [ForeignQuestion(QuestionKind.WORDCLOUD, prompt, "", 1, items)])
    if found.total("words") > MAX_VOTES:
        raise ForeignProblem(_too_many())
    return found


def split_of(value: str) -> str:
    return value if value in SPLITS else "words"
