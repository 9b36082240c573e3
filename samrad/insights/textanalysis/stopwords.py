"""Stop-word lists for the languages the text analysis supports.

The lists live in ``stopwords/<lang>.txt`` (one word per line, UTF-8, ``#``
starts a comment) so they can be reviewed and extended without touching code.
Each list is read on first use and then cached for the life of the process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .normalize import normalize

SUPPORTED_LANGUAGES: tuple[str, ...] = ("sv", "nb", "da", "en")

_STOPWORD_DIR = Path(__file__).with_name("stopwords")


def check_language(lang: str) -> None:
    """Raise ``ValueError`` unless ``lang`` is one of :data:`SUPPORTED_LANGUAGES`."""
    if lang not in SUPPORTED_LANGUAGES:
        supported = ", ".join(SUPPORTED_LANGUAGES)
        raise ValueError(f"Unsupported language {lang!r}; expected one of: {supported}")


@lru_cache(maxsize=len(SUPPORTED_LANGUAGES))
def stopwords(lang: str) -> frozenset[str]:
    """Return the normalised stop words of ``lang`` (an ISO 639-1 code such as ``"sv"``)."""
    check_language(lang)
    text = (_STOPWORD_DIR / f"{lang}.txt").read_text(encoding="utf-8")
    # Normalised like entries are, so a list entry matches however it was typed.
    words = (normalize(line.split("#", 1)[0]) for line in text.splitlines())
    return frozenset(word for word in words if word)
