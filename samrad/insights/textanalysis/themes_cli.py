"""Command-line front end of theme evaluation and grouping (`samrad themes ...`).

Reads a CSV/TSV table of inputs, as a conference export or a spreadsheet gives
it, and prints scores or groups. Kept free of Django so it can be tested
directly; the management command is a thin wrapper around
:func:`themes_evaluate_main` and :func:`themes_suggest_main`.
"""

from __future__ import annotations

import csv
import io
import json

from .cli import SupportsWrite, _fail
from .evaluate import evaluate
from .groups import propose_groups
from .themes import theme_list

THEME_SEPARATOR = ";"


class InputError(Exception):
    """A table that cannot be used; the message is for the person who gave it."""


def read_table(path: str, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    """Read a CSV/TSV (delimiter sniffed, UTF-8 with or without BOM) into rows.

    Returns ``(row number, cells)`` pairs, where the header is row 1 and the
    first record row 2, as a spreadsheet numbers them; blank rows are skipped.
    ``columns`` must exist (matched exactly, else ignoring case and surrounding
    spaces); the cells are keyed by those requested names. Raises
    :class:`InputError` with a readable message otherwise.
    """
    try:
        with open(path, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        raise InputError(f"file not found: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path} is not valid UTF-8 (line {line}); save it as UTF-8") from None
    if not text.strip():
        raise InputError(f"{path} is empty")
    delimiter = _delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise InputError(f"{path} is not a readable CSV/TSV file: {exc}") from None
    header = [name.strip() for name in rows[0]]
    positions: dict[str, int] = {}
    for column in columns:
        if column in header:
            positions[column] = header.index(column)
            continue
        folded = [name.casefold() for name in header]
        if column.strip().casefold() in folded:
            positions[column] = folded.index(column.strip().casefold())
            continue
        found = ", ".join(repr(name) for name in header)
        raise InputError(f"column {column!r} not found in {path}; its columns are: {found}")
    return [
        (number, {column: (row[i] if i < len(row) else "") for column, i in positions.items()})
        for number, row in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in row)
    ]


def _delimiter(text: str) -> str:
    """The delimiter of a CSV/TSV text: the one the header line uses most (tab, ";" or ",").

    The header decides because column names rarely contain a delimiter, while
    participants' texts are full of commas; csv.Sniffer guesses wrong on those.
    """
    header = text.lstrip().split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in ("\t", ";", ",")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    if counts[best]:
        return best
    try:
        return csv.Sniffer().sniff(text[:20_000], delimiters="\t;,").delimiter
    except csv.Error:
        return ","


def split_themes(cell: str) -> list[str]:
    """A theme cell may hold several themes separated by ``;``."""
    return theme_list(cell.split(THEME_SEPARATOR))


def themes_evaluate_main(
    path: str,
    text_column: str,
    theme_column: str,
    folds: int,
    lang: str | None,
    as_json: bool,
    out: SupportsWrite,
) -> int:
    """Cross-validate theme suggestions on a coded table and print the scores; 0 or 2."""
    try:
        rows = read_table(path, [text_column, theme_column])
        if folds < 0 or folds == 1:
            raise InputError(f"--folds must be 0 (leave-one-out) or at least 2, got {folds}")
        texts, labels = [], []
        for _, row in rows:
            themes = split_themes(row[theme_column])
            if themes and row[text_column].strip():
                texts.append(row[text_column])
                labels.append(themes)
        result = evaluate(texts, labels, folds=folds, lang=lang)
    except (InputError, ValueError) as exc:
        return _fail(str(exc))
    if as_json:
        out.write(json.dumps(result) + "\n")
        return 0
    out.write(f"accuracy@1         {result['accuracy_at_1']:.3f}\n")
    out.write(f"accuracy@3         {result['accuracy_at_3']:.3f}\n")
    out.write(f"majority baseline  {result['majority_baseline']:.3f}\n")
    out.write(f"n                  {result['n']}\n")
    out.write(f"themes             {result['themes']}\n")
    return 0


def themes_suggest_main(
    path: str,
    text_column: str,
    lang: str | None,
    groups: str,
    as_json: bool,
    out: SupportsWrite,
) -> int:
    """Propose groups of similar inputs in a table and print them; 0 or 2.

    Members are shown with their row number in the file (header = row 1).
    """
    try:
        wanted: int | str = "auto" if groups == "auto" else _positive_int(groups)
        rows = read_table(path, [text_column])
        numbers = [number for number, _ in rows]
        texts = [row[text_column] for _, row in rows]
        proposed = propose_groups(texts, lang=lang, groups=wanted)
    except (InputError, ValueError) as exc:
        return _fail(str(exc))
    if as_json:
        payload = [
            {
                "label": group.label,
                "terms": group.terms,
                "members": [{"row": numbers[i], "text": texts[i]} for i in group.members],
            }
            for group in proposed
        ]
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        return 0
    for group in proposed:
        out.write(f"## {group.label} ({len(group.members)})\n")
        for i in group.members:
            out.write(f"  {numbers[i]}\t{' '.join(texts[i].split())}\n")
        out.write("\n")
    return 0


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise InputError(f"--groups must be 'auto' or a positive whole number, got {value!r}")
    return number
