"""Word-cloud entries from a file or an export, as people and other tools write them.

Two shapes (issue 15.1):

- ``entries`` (default): one entry per line, as the presenter collects them.
- ``words``: each line holds several entries separated by whitespace, and ``_`` joins the
  words of one entry ("trygg_skolväg" is the entry "trygg skolväg"): the shape Mentimeter
  exports one participant's answers in.

A line longer than :data:`MAX_LINE` characters is refused with its line number (a pasted
document, not answers); a long line of ordinary words (500 words) is fine in ``words`` mode.
Each line's language is detected when it has enough words to tell (at least
:data:`DETECT_FROM_WORDS`); shorter lines, and lines the detector cannot decide, take the
language given. Pure Python, no Django.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .language import detect_language

SPLITS = ("entries", "words")
MAX_LINE = 8_000
DETECT_FROM_WORDS = 6  # shorter lines are mostly undecidable (docs: ~40 % undecided)


class EntryError(ValueError):
    """A line that cannot be used; ``line`` is its number (1-based) in the file."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


@dataclass
class SplitEntries:
    """The entries with their language, and how the lines were read."""

    entries: list[tuple[str, str]] = field(default_factory=list)  # (entry, language)
    lines: int = 0  # non-blank lines read
    languages: Counter[str] = field(default_factory=Counter)  # lines per language
    detected: int = 0  # lines whose language was detected and differs from the default

    def preview(self, limit: int = 5) -> list[str]:
        return [entry for entry, _lang in self.entries[:limit]]


def split_line(line: str, split: str) -> list[str]:
    """The entries of one line: the line itself, or its whitespace-separated parts with
    ``_`` shown as a space."""
    if split == "entries":
        text = line.strip()
        return [text] if text else []
    parts = (" ".join(part.replace("_", " ").split()) for part in line.split())
    return [part for part in parts if part]


def split_entries(
    lines: Iterable[str], lang: str, split: str = "entries", *, max_line: int = MAX_LINE
) -> SplitEntries:
    """Read ``lines`` into entries (see the module's docstring). Raises
    :class:`EntryError` for a line over ``max_line`` characters, ``ValueError`` for an
    unknown ``split``."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    result = SplitEntries()
    for number, line in enumerate(lines, start=1):
        if len(line) > max_line:
            raise EntryError(
                f"line {number} is {len(line)} characters long (at most {max_line})", number
            )
        parts = split_line(line, split)
        if not parts:
            continue
        result.lines += 1
        line_lang = lang
        if sum(len(part.split()) for part in parts) >= DETECT_FROM_WORDS:
            found = detect_language(line.replace("_", " "))
            if found and found != lang:
                line_lang = found
                result.detected += 1
        result.languages[line_lang] += 1
        result.entries.extend((part, line_lang) for part in parts)
    return result
