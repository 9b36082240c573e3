"""Command-line front end of the word-cloud counter.

Reads entries from a UTF-8 file (one per line) and prints ``term<TAB>count``
lines. Kept free of Django so it can be tested directly; the management
command is a thin wrapper around :func:`wordcloud_main`. The themes commands
live in :mod:`.themes_cli`, so this one does not load scikit-learn.
"""

from __future__ import annotations

import sys
from typing import Protocol

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
