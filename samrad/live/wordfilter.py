"""The word filter: does a text contain a word that must never reach the projector?

Plain Python (no Django, no ORM), so that every answer path can call the same check: the
services call `needs_review` in one place (`services._screen`), and a faster answer
pipeline can call it on its own. A text that matches waits for the facilitator (moderation
"pending"); nothing is refused, so the participant loses nothing.

What is normalised, on the text and on the listed words alike, before comparing:

1. Unicode compatibility forms (NFKC then NFKD): full-width letters, ligatures ("ﬀ"),
   circled and mathematical letters become plain letters.
2. Diacritics are dropped (combining marks after NFKD): "kúk", "kůk" → "kuk"; "å", "ä", "ö"
   → "a", "a", "o" on both sides, so a listed "jävla" also catches "javla". "ø", "æ", "ß"
   and "ð" have no decomposition and are mapped to "o", "ae", "ss", "d".
3. Case is folded (`str.casefold`).
4. Invisible characters are removed: zero-width space / joiner / non-joiner, word joiner,
   soft hyphen, byte-order mark and every other Unicode "format" character (category Cf).
5. Look-alike digits and signs inside a word are read as letters: 0→o, 1→i, 3→e, 4→a,
   5→s, 7→t, @→a, $→s, !→i ("sh1t", "@ss").
6. Spacing: single letters separated by spaces, dots, dashes or underscores are read as one
   word ("f u c k", "f.u.c.k", "f-u-c-k" → "fuck"); other signs inside a word are dropped
   ("fu*ck" → "fuck"); a letter repeated three or more times counts once ("fuuuck" → "fuck").

A listed word matches a whole word of the text; a listed word ending in "*" matches every
word that begins with it ("fuck*" → "fucking", "fuckers"). A listed phrase of several words
matches those words in a row. Words are not searched inside other words otherwise, so that
"class" is not caught by "ass" ("Scunthorpe problem").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

LANGUAGES = ("sv", "nb", "da", "en")

# Short default lists of common slurs and strong profanity, one per language; organisations
# edit their own (`live.models.BlockedWords`). Lower case; "*" matches any ending.
DEFAULT_WORDS: dict[str, tuple[str, ...]] = {
    "sv": (
        "fitta",
        "fittan",
        "fittor",
        "kuk",
        "kuken",
        "kukar",
        "knulla*",
        "knull",
        "hora",
        "horan",
        "horor",
        "horunge*",
        "neger",
        "negrer",
        "negern",
        "blatte",
        "blattar",
        "svartskalle*",
        "bögjävel",
        "jävla idiot",
    ),
    "nb": (
        "fitte*",
        "kuk",
        "kuken",
        "pikk",
        "pikken",
        "knulle*",
        "hore",
        "horer",
        "horunge*",
        "neger",
        "negre",
        "svarting*",
        "pakkis",
        "homse*",
        "jævla idiot",
    ),
    "da": (
        "fisse*",
        "kusse*",
        "pik",
        "pikken",
        "kneppe*",
        "luder",
        "ludder",
        "neger",
        "negre",
        "perker*",
        "bøsserøv*",
        "kælling*",
        "spasser*",
    ),
    "en": (
        "fuck*",
        "motherfucker*",
        "shit",
        "shitty",
        "bullshit",
        "cunt*",
        "nigger*",
        "nigga*",
        "faggot*",
        "bitch*",
        "whore*",
        # Not "slut*": every list applies to every entry, and Swedish "slut" / "slutet"
        # (the end) and Norwegian "slutt" are everyday words.
        "sluts",
        "slutty",
        "asshole*",
        "retard*",
        "dickhead*",
    ),
}

_LETTERS = {"ø": "o", "æ": "ae", "ß": "ss", "ð": "d", "þ": "th", "ł": "l", "đ": "d"}
_LOOKALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"})
_SIGNS = str.maketrans({"@": "a", "$": "s", "!": "i"})
# Zero-width and other invisible characters that are not of category Cf.
_INVISIBLE = {"\u034f", "\u115f", "\u1160", "\u3164", "\uffa0"}
_REPEATS = re.compile(r"(\w)\1{2,}")
_TOKEN = re.compile(r"[^\s.\-_,;:/|\\]+")
_EDGES = re.compile(r"^[^\w@$]+|[^\w@$]+$")


def _fold(text: str) -> str:
    """Steps 1–4 of the module's list: compatibility forms, diacritics, case, invisibles."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(_LETTERS.get(ch, ch) for ch in text)
    return "".join(
        ch
        for ch in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(ch)
        and unicodedata.category(ch) != "Cf"
        and ch not in _INVISIBLE
    )


def _word(token: str) -> str:
    """One token as a word: look-alikes read as letters, other signs dropped, long runs of
    one letter counted once."""
    token = _EDGES.sub("", token)
    if any(ch.isalpha() for ch in token):
        token = token.translate(_LOOKALIKES)
    token = token.translate(_SIGNS)
    token = "".join(ch for ch in token if ch.isalnum())
    return _REPEATS.sub(r"\1", token)


def words(text: str) -> list[str]:
    """The text as normalised words (see the module docstring), single letters in a row
    joined into one word."""
    result: list[str] = []
    run: list[str] = []
    for token in _TOKEN.findall(_fold(text or "")):
        word = _word(token)
        if not word:
            continue
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if run:
            result.append("".join(run))
            run = []
        result.append(word)
    if run:
        result.append("".join(run))
    return result


def normalise(text: str) -> str:
    """The text as the filter reads it: its normalised words, separated by single spaces."""
    return " ".join(words(text))


@dataclass(frozen=True)
class Filter:
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=64)
def _compile(listed: tuple[str, ...]) -> Filter:
    exact, prefixes, phrases = set(), [], []
    for entry in listed:
        prefix = entry.strip().endswith("*")
        parts = words(entry.replace("*", " "))
        if not parts:
            continue
        if len(parts) > 1:
            phrases.append(tuple(parts))
        elif prefix:
            prefixes.append(parts[0])
        else:
            exact.add(parts[0])
    return Filter(frozenset(exact), tuple(prefixes), tuple(phrases))


def compile_words(listed: Iterable[str]) -> Filter:
    """A filter from a list of words (cached: the same list compiles once)."""
    return _compile(tuple(sorted({w.strip() for w in listed if w and w.strip()})))


def matches(text: str, listed: Iterable[str] | Filter) -> list[str]:
    """The text's words (normalised) that the list blocks, in order; [] when none."""
    found = listed if isinstance(listed, Filter) else compile_words(listed)
    tokens = words(text)
    hits = [
        token
        for token in tokens
        if token in found.exact or any(token.startswith(p) for p in found.prefixes)
    ]
    for phrase in found.phrases:
        size = len(phrase)
        for start in range(len(tokens) - size + 1):
            if tuple(tokens[start : start + size]) == phrase:
                hits.append(" ".join(phrase))
    return hits


def needs_review(text: str, *, premoderated: bool, listed: Iterable[str] | Filter) -> bool:
    """Whether a new entry waits for the facilitator before it is shown: every entry of a
    pre-moderated question, and any entry with a blocked word."""
    return premoderated or bool(matches(text, listed))


def parse_list(text: str) -> list[str]:
    """A list as the facilitator types it: one word or phrase per line (commas also
    separate), blank lines ignored, duplicates once, in the order typed."""
    seen: dict[str, None] = {}
    for line in re.split(r"[\n,]", text or ""):
        entry = " ".join(line.split()).lower()
        if entry:
            seen.setdefault(entry, None)
    return list(seen)
