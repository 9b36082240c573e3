"""Normalisation and tokenisation of participants' free-text entries.

Everything that compares entries (stop words, stemming, grouping, validation)
goes through these functions, so "Skola", " SKOLA " and a decomposed "å" typed
on one phone versus a composed one on another end up as the same text.
"""

from __future__ import annotations

import re
import unicodedata

# Keyboards and phones produce several look-alike characters; fold them so
# "e‑post" (non-breaking hyphen) and "e-post" are one word, "don’t" and
# "don't" likewise. The soft hyphen is invisible and only marks a break point.
_CHAR_FOLDS = str.maketrans(
    {
        "\u00ad": None,  # soft hyphen
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2019": "'",  # right single quotation mark, the usual typographic apostrophe
        "\u02bc": "'",  # modifier letter apostrophe
    }
)

# Combining marks that survive NFC (letters without a precomposed form) must
# stay inside their word; `\w` alone does not match them.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_RUN = rf"(?:[^\W_]|[{_MARKS}])+"
# A word is a run of letters/digits, optionally joined to more runs by single
# inner hyphens or apostrophes ("e-post", "don't"); anything else (punctuation,
# quotes, symbols, emoji) separates words and is dropped.
_WORD_RE = re.compile(rf"{_RUN}(?:['-]{_RUN})*")
# The same, but "_" also joins: used to count words as the participant meant them.
_JOINED_WORD_RE = re.compile(rf"{_RUN}(?:['_-]{_RUN})*")


def _fold(text: str) -> str:
    """NFC, fold look-alike characters, casefold."""
    folded = unicodedata.normalize("NFC", text).translate(_CHAR_FOLDS).casefold()
    # casefold() can emit decomposed sequences (e.g. "İ" -> "i" + U+0307), so recompose.
    return unicodedata.normalize("NFC", folded)


def normalize(text: str) -> str:
    """Return ``text`` in NFC, casefolded, with ``_`` as a space, whitespace collapsed, trimmed.

    Participants sometimes type ``Spennende_prosjekt`` where others type
    ``spennende prosjekt``; treating ``_`` as a space makes them the same text.
    Hyphens are kept, so ``e-post`` stays one word.
    """
    return " ".join(_fold(text).replace("_", " ").split())


def tokenize(text: str) -> list[str]:
    """Split ``text`` into normalised words (see :func:`normalize`).

    Words are runs of Unicode letters and digits (å, ä, ö, æ, ø, é, ... included),
    with inner hyphens and apostrophes kept. Surrounding punctuation and quotes
    are stripped, and tokens without a letter or digit (emoji, "!!!") vanish.
    """
    return _WORD_RE.findall(normalize(text))


def count_words(text: str) -> int:
    """Count the words in ``text`` the way a participant would.

    Like :func:`tokenize`, except that ``_`` joins words instead of separating
    them: ``Spennende_prosjekt`` counts as one word, because the participant
    joined it on purpose to submit a single idea.
    """
    return len(_JOINED_WORD_RE.findall(_fold(text)))
