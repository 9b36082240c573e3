"""Command-line front ends of the text analysis.

``wordcloud_main`` reads entries from a UTF-8 file (one per line) and prints
``term<TAB>count`` lines; ``themes_evaluate_main`` and ``themes_suggest_main``
read a CSV/TSV table of inputs. Kept free of Django so they can be tested
directly; the management commands are thin wrappers around them.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Protocol

from .evaluate import evaluate
from .groups import propose_groups
from .themes import theme_list
from .wordcloud import count_terms


class SupportsWrite(Protocol):
    """Anything with ``write(str)``: a text file, ``sys.stdout``, Django's ``OutputWrapper``."""

    def write(self, text: str, /) -> object: ...


def wordcloud_main(path: str, lang: str, top: int | None, out: SupportsWrite) -> int:
    """Count the entries in the file at ``path`` and write ``term<TAB>count`` lines to ``out``.

    The file is UTF-8, optionally with a byte-order mark (Excel adds one), one
    entry per line; terms are written most frequent first, at most ``top`` of
    them. Returns 0 on success, or 2 after writing an ``error:`` line to stderr
    when the file is missing, unreadable or not UTF-8, or ``lang``/``top`` is
    invalid.
    """
    try:
        with open(path, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        return _fail(f"file not found: {path}")
    except OSError as exc:
        return _fail(f"cannot read {path}: {exc.strerror}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return _fail(f"{path} is not valid UTF-8 (line {line}); save it as UTF-8 and retry")
    try:
        terms = count_terms(text.splitlines(), lang, top)
    except ValueError as exc:
        return _fail(str(exc))
    for term in terms:
        out.write(f"{term.text}\t{term.count}\n")
    return 0


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


# --- themes -------------------------------------------------------------------

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
    try:
        dialect = csv.Sniffer().sniff(text[:20_000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
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
