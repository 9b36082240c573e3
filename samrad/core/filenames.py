"""Names of downloaded files: in the dialogue's language and ASCII only (issue 13).

`download_name("dialogue", "Framtidens Ydre", "csv", language="sv", pk=7)` →
``samrad-dialog-7-framtidens-ydre.csv``. The words are translated with the msgctxt
"file name" (one word each, lower case, no spaces), then folded to ASCII like the title
(æ → ae, ø → o, å → a, ö → o), so every browser, shell and e-mail client keeps the name.
"""

from __future__ import annotations

import unicodedata

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import pgettext_lazy

_TRANSLITERATE = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d"})

# The words a download's name is made of, translated into the dialogue's language.
WORDS = {
    "dialogue": pgettext_lazy("file name", "dialogue"),
    "session": pgettext_lazy("file name", "session"),
    "inputs": pgettext_lazy("file name", "inputs"),
    "actions": pgettext_lazy("file name", "actions"),
    "leaflet": pgettext_lazy("file name", "leaflet"),
    "report": pgettext_lazy("file name", "report"),
    "guide": pgettext_lazy("file name", "guide"),
    "method": pgettext_lazy("file name", "method"),
    "conference": pgettext_lazy("file name", "conference"),
    "answers": pgettext_lazy("file name", "answers"),
}


def ascii_slug(text: str, limit: int = 50) -> str:
    """Lower-case ASCII words joined by hyphens ("Bøg/Ærø möte" → "bog-aero-mote")."""
    folded = unicodedata.normalize("NFKC", str(text)).translate(_TRANSLITERATE)
    return slugify(folded)[:limit].strip("-")


def word(key: str, language: str | None) -> str:
    with translation.override(language or "en"):
        return ascii_slug(str(WORDS[key])) or key


def download_name(
    what: str, title: str, fmt: str, *, language: str | None, pk: int | None = None
) -> str:
    """samrad-<what>[-<pk>][-<title>].<fmt>, <what> in `language`; `fmt` may itself carry
    a word ("answers.pdf") and is kept as it is."""
    parts = ["samrad", word(what, language), str(pk) if pk is not None else "", ascii_slug(title)]
    return "-".join(part for part in parts if part) + f".{fmt}"
