"""Exports of a live session or a whole dialogue: pure builders that return bytes.

One path per format, shared by the facilitator pages and the API (`build`):

- ``csv`` / ``xlsx`` — raw responses, one row per response, with a column per composition
  question (segments); the XLSX adds one sheet per question with its aggregate;
- ``json`` — sessions with questions, options, aggregates and raw responses;
- ``conference.csv`` / ``conference.xlsx`` — the Norwegian dialogue-conference table
  ``text, type, answer, theme`` of open inputs and Q&A posts.

Spreadsheet rules, the same for every builder: control characters are stripped first (a
spreadsheet drops them, so SOH followed by ``=`` would otherwise become a formula), then each
text cell that a spreadsheet could read as a formula (first visible character ``= + - @`` or
their full-width forms, tab, line feed or carriage return) gets a leading ``'``
(`spreadsheet_cell`). CSV is RFC 4180 — comma, double quotes where needed, CRLF — in UTF-8
with a byte-order mark so that Excel reads the letters right. Column names are fixed English
identifiers so that scripts can rely on them; stored codes (kind, channel, input kind,
moderation) stay codes in the raw exports, so sheets from dialogues in different languages
combine. Participants are numbered 1, 2, … per session in the order they joined; their key and
token never leave the server.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from samrad.core.filenames import download_name
from samrad.dialogues.models import Dialogue
from samrad.live import selectors
from samrad.live.kinds import REGISTRY
from samrad.live.kinds import quiz as quiz_kind
from samrad.live.models import (
    Channel,
    Choice,
    InputKind,
    LiveSession,
    Moderation,
    Participant,
    Question,
    QuestionKind,
    Response,
)

RESPONSE_COLUMNS = [
    "session_id",
    "session",
    "question_position",
    "question",
    "kind",
    "participant",
    "channel",
    "created_at",
    "answer",
    "input_kind",
    "moderation",
    "answered",
    "reply",
    "upvotes",
    # A quiz answer: right or not, and its points (kinds/quiz.py); empty for other kinds.
    "correct",
    "quiz_points",
]
# Kinds whose entries the facilitator moderates: their raw rows say shown, waiting or hidden.
MODERATED_KINDS = frozenset({QuestionKind.WORDCLOUD, QuestionKind.OPEN, QuestionKind.QA})
CONFERENCE_COLUMNS = ["text", "type", "answer", "theme"]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"

# What a spreadsheet may take for the start of a formula (OWASP "CSV injection"), with the
# full-width forms that East Asian input turns into the ASCII ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# Control characters (C0 but tab, line feed and carriage return; DEL; C1): a spreadsheet
# drops them, and XML cannot hold most of them. Removed before the formula check.
SPREADSHEET_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What a spreadsheet skips in front of a formula: spaces and invisible format characters.
INVISIBLE_LEAD = re.compile(r"^[\s\u200b-\u200f\u2060\ufeff]+")
# Keys of kinds' results that only position things on the projector.
PRESENTATION_KEYS = {"width", "size"}
# Aggregates a sheet shows rounded, as the projector does (3.4666… → 3.5).
ROUNDED_KEYS = {"mean"}
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31


# --- Cells -----------------------------------------------------------------------------------


def spreadsheet_cell(value: Any) -> Any:
    """A value made safe for a spreadsheet: control characters stripped, then text that could
    start a formula (after spaces and invisible characters) is prefixed with '.

    Numbers and booleans stay what they are; lazy translations become text. Every CSV and
    XLSX builder writes its cells through here.
    """
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        value = SPREADSHEET_CONTROL.sub("", value)
        if value.startswith(FORMULA_STARTS) or INVISIBLE_LEAD.sub("", value).startswith(
            FORMULA_STARTS
        ):
            return "'" + value
    return value


def _number(value: float | int) -> float | int:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _csv_text(value: Any) -> str:
    value = spreadsheet_cell(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(_number(value))
    return str(value).replace("\x00", "")


def _xlsx_value(value: Any) -> Any:
    value = spreadsheet_cell(value)
    if isinstance(value, str):
        # Control characters are not allowed in the XML of a sheet.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, float):
        return _number(value)
    if value is None or isinstance(value, bool | int):
        return value
    return str(value)


def csv_bytes(header: list[Any], rows: Iterable[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_text(cell) for cell in header])
    for row in rows:
        writer.writerow([_csv_text(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: no []:*?/\\, not quoted at either end, ≤ 31, unique."""
    name = SHEET_NAME_FORBIDDEN.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", title))
    name = " ".join(name.split()).strip("'") or _("Sheet")
    base, number = name[:SHEET_NAME_MAX].strip().strip("'"), 1
    candidate = base
    while (
        candidate.casefold() in {t.casefold() for t in taken} or candidate.casefold() == "history"
    ):
        number += 1
        suffix = f" ({number})"
        candidate = base[: SHEET_NAME_MAX - len(suffix)].rstrip().rstrip("'") + suffix
    taken.add(candidate)
    return candidate


def xlsx_bytes(sheets: list[tuple[str, list[list[Any]]]], *, header_rows: int = 1) -> bytes:
    """A workbook of (title, rows) sheets; the first `header_rows` rows of each stay in view."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for title, rows in sheets:
        sheet = workbook.create_sheet(sheet_name(title, taken))
        sheet.column_dimensions["A"].width = 28
        if header_rows:
            sheet.freeze_panes = f"A{header_rows + 1}"
        for row in rows:
            sheet.append([_xlsx_value(cell) for cell in row])
    if not sheets:
        workbook.create_sheet(_("Sheet"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- What is exported ---------------------------------------------------------------------


def _scope(target: LiveSession | Dialogue) -> tuple[Dialogue, list[LiveSession]]:
    if isinstance(target, LiveSession):
        return target.dialogue, [target]
    if isinstance(target, Dialogue):
        return target, list(target.sessions.order_by("created_at", "id"))
    raise TypeError(f"cannot export {type(target).__name__}")


@dataclass
class _SessionData:
    """Everything one session's export reads, loaded once."""

    session: LiveSession
    questions: list[Question]
    choices: dict[int, Choice]
    numbers: dict[int, int]
    segment_questions: list[Question]
    segments: dict[int, dict[int, list[str]]]
    responses: list[Response]

    @classmethod
    def load(cls, session: LiveSession) -> _SessionData:
        questions = list(session.questions.prefetch_related("choices").order_by("position", "id"))
        participant_ids = (
            Participant.objects.filter(session=session)
            .order_by("joined_at", "id")
            .values_list("pk", flat=True)
        )
        responses = list(
            Response.objects.filter(question__session=session)
            .select_related("question")
            .order_by("question__position", "question_id", "created_at", "id")
        )
        return cls(
            session=session,
            questions=questions,
            choices={c.pk: c for q in questions for c in q.choices.all()},
            numbers={pk: number for number, pk in enumerate(participant_ids, start=1)},
            segment_questions=selectors.segment_questions(session),
            segments=selectors.participant_segments(session),
            responses=responses,
        )


def _segment_key(question: Question) -> str:
    # The same ready-made composition question in several sessions is one column.
    return question.template_key or question.prompt


def _segment_columns(data: list[_SessionData]) -> list[tuple[str, str]]:
    """(key, heading) of each composition question across the sessions, in first-seen order."""
    columns: dict[str, str] = {}
    for item in data:
        for question in item.segment_questions:
            columns.setdefault(_segment_key(question), question.prompt)
    return list(columns.items())


def _choice(choices: dict[int, Choice], key: Any) -> Choice | None:
    try:
        return choices.get(int(key))
    except (TypeError, ValueError):
        return None


def _labels(response: Response, choices: dict[int, Choice]) -> list[str]:
    picked = [c for c in (_choice(choices, key) for key in response.choices or []) if c]
    if response.question.kind != QuestionKind.RANKING:
        picked.sort(key=lambda c: (c.position, c.pk))
    return [c.label for c in picked]


def _points(response: Response, choices: dict[int, Choice]) -> list[str]:
    items = []
    for key, amount in (response.points or {}).items():
        choice = _choice(choices, key)
        order = (choice.position, choice.pk) if choice else (1 << 30, 0)
        amount = _number(amount) if isinstance(amount, float) else amount
        items.append((order, f"{choice.label if choice else key}: {amount}"))
    return [text for _order, text in sorted(items, key=lambda item: item[0])]


def answer_value(response: Response, choices: dict[int, Choice]) -> str | float | int | None:
    """The answer as one cell: option labels (a ranking in its order), points "label: n",
    the number, and the text, joined by "; ". A number alone stays a number. A quiz answer
    is its options (its seconds are in `value`, its points in their own column)."""
    parts = [*_labels(response, choices), *_points(response, choices)]
    if response.question.kind == QuestionKind.QUIZ:
        return "; ".join(parts)
    if response.value is not None:
        if not parts and not response.text:
            return _number(response.value)
        parts.append(str(_number(response.value)))
    if response.text:
        parts.append(response.text)
    return "; ".join(parts)


def quiz_cells(response: Response, choices: dict[int, Choice]) -> tuple[bool | None, int | None]:
    """(right?, points) of a quiz answer, marked as the options are now; (None, None) else."""
    question = response.question
    if question.kind != QuestionKind.QUIZ:
        return None, None
    marked = {pk for pk, c in choices.items() if c.question_id == question.pk and c.correct}
    right = quiz_kind.is_correct(
        picked=list(response.choices or []), correct_ids=marked, several=question.allow_multiple
    )
    points = quiz_kind.answer_points(
        question,
        choices=response.choices,
        seconds=response.value,
        channel=response.channel,
        marked=marked,
    )
    return right, points


def _iso(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _response_row(item: _SessionData, response: Response, segment_keys: list[str]) -> list[Any]:
    question = response.question
    is_qa = question.kind == QuestionKind.QA
    own = item.segments.get(response.participant_id, {})
    by_key = {_segment_key(q): "; ".join(own.get(q.pk, [])) for q in item.segment_questions}
    return [
        item.session.pk,
        item.session.title,
        question.position,
        question.prompt,
        question.kind,
        item.numbers.get(response.participant_id),
        response.channel,
        _iso(response.created_at),
        answer_value(response, item.choices),
        response.input_kind,
        response.moderation if question.kind in MODERATED_KINDS else "",
        response.answered if is_qa else None,
        response.reply,
        response.upvotes if is_qa else None,
        *quiz_cells(response, item.choices),
        *[by_key.get(key, "") for key in segment_keys],
    ]


def _responses_table(data: list[_SessionData]) -> tuple[list[str], list[list[Any]]]:
    segments = _segment_columns(data)
    keys = [key for key, _heading in segments]
    header = RESPONSE_COLUMNS + [heading for _key, heading in segments]
    rows = [_response_row(item, r, keys) for item in data for r in item.responses]
    return header, rows


def results_of(question: Question) -> dict[str, Any]:
    """The question's aggregate (`selectors.question_results`); {} for a kind not registered."""
    if question.kind not in REGISTRY:
        return {}
    return selectors.question_results(question)


# --- Aggregates as rows ---------------------------------------------------------------------


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool | Promise | datetime)


def _compact(value: Any) -> Any:
    """A nested value inside a table cell, as short text."""
    if _is_scalar(value):
        return value
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_compact(v)}" for k, v in value.items())
    if isinstance(value, Iterable):
        return "; ".join(str(_compact(v)) for v in value)
    return str(value)


def flatten_results(results: Mapping[str, Any], prefix: str = "") -> list[list[Any]]:
    """Any kind's aggregate as spreadsheet rows, whatever its shape.

    Scalars become `key | value` lines; nested mappings their `parent.key` lines; a list of
    mappings (rows, terms, groups …) becomes a table under its key with a header from the
    union of the rows' keys; a list of plain values a one-column table. A row whose label is
    empty is the "Other" row, as the projector shows it.
    """
    lines: list[list[Any]] = []
    tables: list[list[Any]] = []
    for key, value in results.items():
        name = f"{prefix}{key}"
        if _is_scalar(value):
            if key in ROUNDED_KEYS and isinstance(value, float):
                value = round(value, 1)
            if key not in PRESENTATION_KEYS:
                lines.append([name, value])
        elif isinstance(value, Mapping):
            nested = flatten_results(value, prefix=f"{name}.")
            (lines if all(len(row) <= 2 for row in nested) else tables).extend(nested)
        elif isinstance(value, Iterable):
            items = sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
            tables.append([])
            tables.append([name])
            if items and all(isinstance(item, Mapping) for item in items):
                columns: list[str] = []
                for item in items:
                    columns += [k for k in item if k not in columns and k not in PRESENTATION_KEYS]
                tables.append(columns)
                for item in items:
                    row = [_compact(item.get(column)) for column in columns]
                    if "label" in item and item["label"] is None:
                        row[columns.index("label")] = _("Other")
                    tables.append(row)
            else:
                tables.extend([_compact(item)] for item in items)
        else:
            lines.append([name, str(value)])
    return lines + tables


# --- Builders ---------------------------------------------------------------------------------


def responses_csv(target: LiveSession | Dialogue) -> bytes:
    dialogue, sessions = _scope(target)
    with translation.override(dialogue.language):
        header, rows = _responses_table([_SessionData.load(s) for s in sessions])
        return csv_bytes(header, rows)


# The local CSV: what a Nordic office double-clicks. Semicolons and decimal commas where the
# language writes 3,5 (Excel's list separator there is ";"), commas for English; column names
# and stored codes in the dialogue's language; dates as "2026-05-14 18:30", which every
# spreadsheet reads as a date; each answer's number, and a merged Q&A post's target.
LOCAL_CSV = {"en": (",", ".")}
LOCAL_CSV_DEFAULT = (";", ",")


def _local_columns() -> list[str]:
    return [
        _("Session"),
        _("Question no."),
        _("Question"),
        _("Type"),
        _("Participant no."),
        _("Channel"),
        _("Date"),
        _("Answer"),
        _("Input type"),
        _("Moderation"),
        _("Answered"),
        _("Facilitator's reply"),
        _("Upvotes"),
        _("Answer no."),
        _("Merged into answer no."),
    ]


def _label(choices: type[models.TextChoices], value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _local_row(item: _SessionData, response: Response, segment_keys: list[str]) -> list[Any]:
    question = response.question
    is_qa = question.kind == QuestionKind.QA
    own = item.segments.get(response.participant_id, {})
    by_key = {_segment_key(q): "; ".join(own.get(q.pk, [])) for q in item.segment_questions}
    moderated = question.kind in MODERATED_KINDS
    return [
        item.session.title,
        question.position,
        question.prompt,
        _label(QuestionKind, question.kind),
        item.numbers.get(response.participant_id),
        _label(Channel, response.channel),
        timezone.localtime(response.created_at).strftime("%Y-%m-%d %H:%M"),
        answer_value(response, item.choices),
        _label(InputKind, response.input_kind) if response.input_kind else "",
        _label(Moderation, response.moderation) if moderated else "",
        (_("Yes") if response.answered else _("No")) if is_qa else "",
        response.reply,
        response.upvotes if is_qa else "",
        response.pk,
        response.merged_into_id or "",
        *[by_key.get(key, "") for key in segment_keys],
    ]


def _local_cell(value: Any, decimal: str) -> str:
    value = spreadsheet_cell(value)
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(_("Yes") if value else _("No"))
    if isinstance(value, float):
        value = _number(round(value, 2))
    if isinstance(value, float):
        return str(value).replace(".", decimal)
    return str(value).replace("\x00", "")


def responses_local_csv(target: LiveSession | Dialogue) -> bytes:
    """Every answer as the dialogue's language writes a sheet (see LOCAL_CSV)."""
    dialogue, sessions = _scope(target)
    delimiter, decimal = LOCAL_CSV.get(dialogue.language, LOCAL_CSV_DEFAULT)
    with translation.override(dialogue.language):
        data = [_SessionData.load(s) for s in sessions]
        segments = _segment_columns(data)
        keys = [key for key, _heading in segments]
        header = _local_columns() + [heading for _key, heading in segments]
        rows = [_local_row(item, r, keys) for item in data for r in item.responses]
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
        for row in [header, *rows]:
            writer.writerow([_local_cell(cell, decimal) for cell in row])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _question_sheet(item: _SessionData, question: Question) -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["session", item.session.title],
        ["question_position", question.position],
        ["question", question.prompt],
        ["kind", question.kind],
        [],
    ]
    results = {k: v for k, v in results_of(question).items() if k != "kind"}  # said above
    return rows + flatten_results(results)


def responses_xlsx(target: LiveSession | Dialogue) -> bytes:
    dialogue, sessions = _scope(target)
    with translation.override(dialogue.language):
        data = [_SessionData.load(s) for s in sessions]
        header, rows = _responses_table(data)
        sheets: list[tuple[str, list[list[Any]]]] = [(_("Responses"), [header, *rows])]
        for number, item in enumerate(data, start=1):
            for question in item.questions:
                place = f"{number}.{question.position}" if len(data) > 1 else question.position
                sheets.append((f"{place} {question.prompt}", _question_sheet(item, question)))
        return xlsx_bytes(sheets)


def _response_data(item: _SessionData, response: Response) -> dict[str, Any]:
    own = item.segments.get(response.participant_id, {})
    return {
        "id": response.pk,
        "participant": item.numbers.get(response.participant_id),
        "channel": response.channel,
        "created_at": _iso(response.created_at),
        "answer": answer_value(response, item.choices),
        "choices": response.choices,
        "text": response.text,
        "input_kind": response.input_kind,
        "value": response.value,
        "points": response.points,
        "moderation": response.moderation,
        "answered": response.answered,
        "reply": response.reply,
        "upvotes": response.upvotes,
        **dict(zip(("correct", "quiz_points"), quiz_cells(response, item.choices), strict=True)),
        "segments": {str(q.pk): own[q.pk] for q in item.segment_questions if q.pk in own},
    }


def _session_data(item: _SessionData) -> dict[str, Any]:
    session = item.session
    by_question: dict[int, list[Response]] = {}
    for response in item.responses:
        by_question.setdefault(response.question_id, []).append(response)
    return {
        "id": session.pk,
        "title": session.title,
        "code": session.code,
        "status": session.status,
        "mode": session.mode,
        "created_at": _iso(session.created_at),
        "participants": len(item.numbers),
        "segment_questions": [q.pk for q in item.segment_questions],
        "questions": [
            {
                "id": q.pk,
                "position": q.position,
                "kind": q.kind,
                "prompt": q.prompt,
                "role": q.role,
                "template_key": q.template_key,
                "allow_multiple": q.allow_multiple,
                "allow_other": q.allow_other,
                "options": [
                    {
                        "id": c.pk,
                        "label": c.label,
                        "position": c.position,
                        **({"correct": c.correct} if q.kind == QuestionKind.QUIZ else {}),
                    }
                    for c in q.choices.all()
                ],
                "results": results_of(q),
                "responses": [_response_data(item, r) for r in by_question.get(q.pk, [])],
            }
            for q in item.questions
        ],
    }


class _Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, set | frozenset):
            return sorted(o, key=str)
        return super().default(o)


def export_data(target: LiveSession | Dialogue) -> dict[str, Any]:
    """The JSON export as Python data."""
    dialogue, sessions = _scope(target)
    with translation.override(dialogue.language):
        return {
            "format": "samrad-export",
            "version": 1,
            "exported_at": _iso(timezone.now()),
            "dialogue": {
                "id": dialogue.pk,
                "title": dialogue.title,
                "language": dialogue.language,
            },
            "sessions": [_session_data(_SessionData.load(s)) for s in sessions],
        }


def jsonable(data: Any) -> Any:
    """Data as plain JSON types (sets become lists, lazy texts strings)."""
    return json.loads(json.dumps(data, cls=_Encoder))


def export_json(target: LiveSession | Dialogue) -> bytes:
    return json.dumps(export_data(target), cls=_Encoder, ensure_ascii=False, indent=2).encode()


def _conference_rows(sessions: list[LiveSession], language: str) -> list[list[Any]]:
    """Open inputs (type = their input kind) and Q&A posts (type = Question), in the
    dialogue's language. Entries hidden by moderation or still waiting for approval, and Q&A
    posts merged into another, are left out."""
    responses = list(
        Response.objects.filter(
            question__session__in=sessions, question__kind__in=[QuestionKind.OPEN, QuestionKind.QA]
        )
        .filter(moderation=Moderation.APPROVED)
        .exclude(question__kind=QuestionKind.QA, merged_into__isnull=False)
        .select_related("question", "question__session")
    )
    order = {s.pk: n for n, s in enumerate(sessions)}
    responses = sorted(
        responses,
        key=lambda r: (order[r.question.session_id], r.question.position, r.question_id, r.pk),
    )
    with translation.override(language):
        rows = []
        for response in responses:
            if response.question.kind == QuestionKind.QA:
                kind = str(InputKind.QUESTION.label)
            elif response.input_kind in InputKind.values:
                kind = str(InputKind(response.input_kind).label)
            else:
                kind = response.input_kind
            rows.append([response.text, str(kind), response.reply, ""])
        return rows


def conference_csv(target: LiveSession | Dialogue) -> bytes:
    dialogue, sessions = _scope(target)
    return csv_bytes(CONFERENCE_COLUMNS, _conference_rows(sessions, dialogue.language))


def conference_xlsx(target: LiveSession | Dialogue) -> bytes:
    dialogue, sessions = _scope(target)
    rows = _conference_rows(sessions, dialogue.language)
    with translation.override(dialogue.language):
        return xlsx_bytes([(_("Inputs"), [CONFERENCE_COLUMNS, *rows])])


# --- One entry point for pages and the API --------------------------------------------------


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


FORMATS = {
    "csv": (responses_csv, CSV_TYPE),
    "local.csv": (responses_local_csv, CSV_TYPE),
    "xlsx": (responses_xlsx, XLSX_TYPE),
    "json": (export_json, "application/json"),
    "conference.csv": (conference_csv, CSV_TYPE),
    "conference.xlsx": (conference_xlsx, XLSX_TYPE),
}


def filename(target: LiveSession | Dialogue, fmt: str) -> str:
    """ASCII only, so every browser and shell handles it: samrad-<what>-<id>-<title>.<fmt>,
    <what> in the dialogue's language ("samrad-dialog-…" in Swedish)."""
    if isinstance(target, LiveSession):
        return download_name(
            "session", target.title, fmt, language=target.dialogue.language, pk=target.pk
        )
    return download_name("dialogue", target.title, fmt, language=target.language, pk=target.pk)


def build(target: LiveSession | Dialogue, fmt: str) -> Export:
    """The export of a session or a dialogue in one of FORMATS (KeyError for any other)."""
    builder, content_type = FORMATS[fmt]
    return Export(builder(target), content_type, filename(target, fmt))
