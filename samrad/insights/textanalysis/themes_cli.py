"""Command-line front end of theme evaluation and grouping (`samrad themes ...`).

Reads a CSV/TSV table of inputs, as a conference export or a spreadsheet gives
it, and prints scores or groups. Kept free of Django so it can be tested
directly; the management command is a thin wrapper around
:func:`themes_evaluate_main` and :func:`themes_suggest_main`.
"""

from __future__ import annotations

import json

from samrad.core import tables

from .cli import SupportsWrite, _fail
from .evaluate import duplicate_scores, evaluate, groups_ari
from .groups import propose_groups
from .themes import theme_list

THEME_SEPARATOR = ";"


class InputError(Exception):
    """A table that cannot be used; the message is for the person who gave it."""


def read_table(path: str, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    """Read a CSV/TSV/XLSX with the project's one table reader (`samrad.core.tables`).

    Returns ``(row number, cells)`` pairs, where the header is row 1 and the
    first record row 2, as a spreadsheet numbers them; blank rows are skipped.
    ``columns`` must exist (matched exactly, else ignoring case and accents, else
    by the shared column names in sv/nb/da/en: ``text`` finds "Innspill"); the
    cells are keyed by those requested names. Raises :class:`InputError` with a
    readable message otherwise.
    """
    try:
        table = tables.read_path(path)
    except tables.TableError as exc:
        if exc.empty:
            raise InputError(tables.translate("%(path)s is empty") % {"path": path}) from None
        raise InputError(f"{path}: {exc}") from None
    start, header = table.header()
    if start < 0:
        raise InputError(tables.translate("%(path)s is empty") % {"path": path})
    positions: dict[str, int] = {}
    for column in columns:
        index = tables.find_column(header, column)
        if index is None:
            found = ", ".join(repr(name) for name in header)
            message = "column %(column)s not found in %(path)s; its columns are: %(found)s"
            raise InputError(
                tables.translate(message) % {"column": repr(column), "path": path, "found": found}
            )
        positions[column] = index
    return [
        (number, {column: (row[i] if i < len(row) else "") for column, i in positions.items()})
        for number, row in enumerate(table.rows[start + 1 :], start=start + 2)
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
    *,
    ari: bool = False,
    pairs: str | None = None,
    threshold: float = 0.8,
) -> int:
    """Cross-validate theme suggestions on a coded table and print the scores; 0 or 2.

    ``ari`` adds ``groups_ari`` (from-scratch groups against the coded themes); ``pairs``
    (a table ``text_a,text_b,paraphrase`` with 1/0) adds the near-duplicates' precision,
    recall and F1 at ``threshold`` (see :mod:`.evaluate`)."""
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
        if ari:
            result["groups_ari"] = groups_ari(texts, labels, lang=lang)
        if pairs:
            labelled = [
                (row["text_a"], row["text_b"], row["paraphrase"].strip() in ("1", "yes", "ja"))
                for _number, row in read_table(pairs, ["text_a", "text_b", "paraphrase"])
            ]
            result |= duplicate_scores(labelled, lang, threshold, background=texts)
    except (InputError, ValueError) as exc:
        return _fail(str(exc))
    if as_json:
        out.write(json.dumps(result) + "\n")
        return 0
    shown = lang or "en"
    lines = [
        (tables.translate("accuracy@1"), tables.decimal(result["accuracy_at_1"], shown)),
        (tables.translate("accuracy@3"), tables.decimal(result["accuracy_at_3"], shown)),
        (tables.translate("majority baseline"), tables.decimal(result["majority_baseline"], shown)),
        ("n", str(result["n"])),
        (tables.translate("themes"), str(result["themes"])),
    ]
    for key in ("groups_ari", "duplicates_precision", "duplicates_recall", "duplicates_f1"):
        if key in result:
            lines.append((key, tables.decimal(result[key], shown)))
    width = max(len(label) for label, _value in lines) + 2
    for label, value in lines:
        out.write(f"{label:<{width}}{value}\n")
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
