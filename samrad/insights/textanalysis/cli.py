"""Command-line front end of the word-cloud counter.

Reads entries from a UTF-8 file (one per line, or several per line with
``--split words``) and prints ``term<TAB>count``
lines. Kept free of Django so it can be tested directly; the management
command is a thin wrapper around :func:`wordcloud_main`. The themes commands
live in :mod:`.themes_cli`, so this one does not load scikit-learn.
"""

from __future__ import annotations

import sys
from typing import Protocol

from .entries import split_entries
from .stopwords import check_language
from .wordcloud import count_terms_by_language


class SupportsWrite(Protocol):
    """Anything with ``write(str)``: a text file, ``sys.stdout``, Django's ``OutputWrapper``."""

    def write(self, text: str, /) -> object: ...


def wordcloud_main(
    path: str, lang: str, top: int | None, out: SupportsWrite, split: str = "entries"
) -> int:
    """Count the entries in the file at ``path`` and write ``term<TAB>count`` lines to ``out``.

    The file is UTF-8, optionally with a byte-order mark (Excel adds one); with
    ``split="entries"`` one entry per line, with ``split="words"`` several
    entries per line separated by whitespace, ``_`` joining the words of one
    entry (see :mod:`.entries`). Each line long enough to tell is counted in its
    own detected language; when lines of more than one language are found, a
    ``note:`` line on stderr says how many of each. Terms are written most
    frequent first, at most ``top`` of them. Returns 0 on success, or 2 after
    writing an ``error:`` line to stderr when the file is missing, unreadable or
    not UTF-8, a line is too long (its number is given), or ``lang``/``top``/
    ``split`` is invalid.
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
        check_language(lang)
        found = split_entries(text.splitlines(), lang, split)
        terms = count_terms_by_language(found.entries, top)
    except ValueError as exc:
        return _fail(str(exc))
    if len(found.languages) > 1:
        counts = ", ".join(f"{code} {n}" for code, n in found.languages.most_common())
        print(f"note: lines by language (detected per line): {counts}", file=sys.stderr)
    for term in terms:
        out.write(f"{term.text}\t{term.count}\n")
    return 0


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2
