"""Word-cloud counting: group participants' short free-text entries into terms.

Each entry (a participant's answer of one to a few words) is one term, a
phrase, never split into separate words. Entries are normalised, stripped of
stop words and stemmed word by word with Snowball, so that "Skola", "skolan"
and " SKOLOR " count as one term, as do "Spennende_prosjekt" and
"spennende prosjekt".

A word's key is its lemma when simplemma's lexicon (sv, nb, da, en; offline) knows it, so
"trygghet" and "tryggheten" meet while "trygga" (-> "trygg") stays apart; for words the
lexicon does not know, Snowball does the stemming, with two small corrections where its
Scandinavian stemmers miss forms that are common in municipal dialogue: Swedish definite
"-an" ("skolan" -> "skola") and the final "s" that is dropped from
"lekplats" but not from "lekplatser" (see ``_stemmer``).

Pure Python with no Django import, so it runs in management commands, workers
and plain tests alike.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

import snowballstemmer

from .normalize import count_words, tokenize
from .stopwords import check_language, stopwords

_SNOWBALL_ALGORITHMS = {
    "sv": "swedish",
    "nb": "norwegian",
    "da": "danish",
    "en": "english",
}

# Snowball's Swedish stemmer has no rule for the definite singular "-n" of
# nouns ending in "-a" ("skolan", "gatan", "listan"), so those would never
# meet "skola", "skolor". We strip that "n" before stemming, except in words
# where "-an" belongs to the stem itself. Matched as suffixes so compounds
# ("detaljplan", "ombudsman") are covered too. Vowel + "an" ("ocean",
# "Kristian") is left alone by the rule itself and needs no entry here.
_SWEDISH_AN_STEMS = (
    "altan",
    "divan",
    "fasan",
    "istan",  # country names: Pakistan, Afghanistan, ...
    "japan",
    "kaftan",
    "kompan",
    "kran",
    "kumpan",
    "man",
    "marsipan",
    "milan",
    "organ",
    "orkan",
    "partisan",
    "pelikan",
    "plan",
    "roman",
    "satan",
    "slogan",
    "span",
    "sudan",
    "sultan",
    "svan",
    "taiwan",
    "titan",
    "tulpan",
    "urban",
    "vegan",
    "veteran",
    "vulkan",
)
_SWEDISH_VOWELS = frozenset("aeiouyåäöéü")

# Languages whose Snowball stemmer deletes a word-final "s" (see _stemmer).
_FINAL_S_LANGUAGES = frozenset({"sv", "nb", "da"})


@dataclass(frozen=True)
class Term:
    """One word-cloud term and how many entries contributed to it."""

    key: str  # stable grouping key: the stems of the content words joined by a space
    text: str  # display form: the most frequent normalised surface form
    count: int
    # Every surface form grouped here with its count, most frequent first (the display form
    # among them): what a facilitator sees as "trygghet ← tryggheten" and may split apart.
    forms: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    def others(self) -> list[tuple[str, int]]:
        """The surface forms grouped under the display form, without it."""
        return [(form, n) for form, n in self.forms if form != self.text]


# Keys of forms a facilitator separated from their group: a surface form stands for itself.
# No token holds "=" (tokenize drops punctuation), so these never meet a lemma's key.
APART_PREFIX = "="


def count_terms(
    entries: Iterable[str],
    lang: str,
    top: int | None = None,
    ties: str = "text",
    apart: Collection[str] = (),
) -> list[Term]:
    """Group ``entries`` into terms and count them, most frequent first.

    Each non-empty entry is normalised (NFC, casefold, ``_`` as a space,
    punctuation and emoji dropped), the stop words of ``lang`` are removed from
    it and the remaining words are stemmed; entries with the same stems group
    into one :class:`Term`. An entry made only of stop words is dropped.

    The display text of a term is its most frequent surface form (the content
    words as typed, normalised); ties go to the shortest, then the first in
    code-point order. Terms are sorted by count descending, then by display
    text in code-point order, or with ``ties="first"`` in the order their first entry
    came (the live word cloud). ``top`` keeps only the first ``top`` terms.

    ``apart`` holds surface forms (as in :attr:`Term.forms`) that a facilitator separated
    from their group: each counts as a term of its own (issue 15.3, "Split").

    ``lang`` is one of ``"sv"``, ``"nb"``, ``"da"``, ``"en"``; anything else
    raises ``ValueError``, as does a negative ``top``.
    """
    check_language(lang)
    return count_terms_by_language(
        ((entry, lang) for entry in entries), top, ties=ties, apart=apart
    )


def count_terms_by_language(
    entries: Iterable[tuple[str, str]],
    top: int | None = None,
    ties: str = "text",
    apart: Collection[str] = (),
) -> list[Term]:
    """:func:`count_terms` of ``(entry, language)`` pairs: each entry is analysed with the
    stop words and stemmer of its own language (a file of mixed languages, issue 15.1)."""
    if top is not None and top < 0:
        raise ValueError(f"top must be zero or positive, got {top}")
    apart = frozenset(apart)
    tools: dict[str, tuple[frozenset[str], Callable[[str], str]]] = {}

    # Many participants submit the very same text, so analyse each distinct
    # raw entry once.
    analysed: dict[tuple[str, str], tuple[str, str] | None] = {}
    forms_by_key: dict[str, Counter[str]] = {}
    for pair in entries:
        if pair not in analysed:
            entry, lang = pair
            if lang not in tools:
                check_language(lang)
                tools[lang] = (stopwords(lang), _stemmer(lang))
            result = _analyse(entry, *tools[lang])
            if result is not None and result[1] in apart:
                result = (APART_PREFIX + result[1], result[1])
            analysed[pair] = result
        result = analysed[pair]
        if result is not None:
            key, text = result
            forms_by_key.setdefault(key, Counter())[text] += 1

    terms = [_term(key, forms) for key, forms in forms_by_key.items()]
    # forms_by_key is in the order of first appearance, and sort() keeps that order on ties.
    terms.sort(
        key=(lambda term: -term.count) if ties == "first" else (lambda t: (-t.count, t.text))
    )
    return terms if top is None else terms[:top]


def _term(key: str, forms: Counter[str]) -> Term:
    if len(forms) == 1:  # most terms: one form, nothing to choose or sort
        ((text, count),) = forms.items()
        return Term(key=key, text=text, count=count, forms=((text, count),))
    return Term(
        key=key,
        text=_display_form(forms),
        count=forms.total(),
        forms=tuple(sorted(forms.items(), key=lambda item: (-item[1], item[0]))),
    )


def entry_is_valid(entry: str, max_words: int = 3, max_length: int = 500) -> str | None:
    """Check a participant's entry before it is stored; return ``None`` or a reason code.

    Reason codes:

    - ``"too_long"``: more than ``max_length`` characters (code points, after
      NFC and trimming surrounding whitespace, so a decomposed "å" is one).
    - ``"empty"``: no word at all (blank, or only punctuation/emoji).
    - ``"too_many_words"``: more than ``max_words`` words.

    Words are counted as typed, stop words included. Words joined with ``_``
    (``Spennende_prosjekt``) count as ONE word: the participant joined them on
    purpose to submit a single idea, and the word cloud shows them as one term.
    Hyphenated words (``e-post``) are one word too.
    """
    text = unicodedata.normalize("NFC", entry).strip()
    # Length first, so oversized input is rejected before any tokenising.
    if len(text) > max_length:
        return "too_long"
    words = count_words(text)
    if words == 0:
        return "empty"
    if words > max_words:
        return "too_many_words"
    return None


def _analyse(
    entry: str, stop: frozenset[str], stem: Callable[[str], str]
) -> tuple[str, str] | None:
    """Return ``(key, surface form)`` of an entry, or ``None`` if it has no content word."""
    content = [word for word in tokenize(entry) if word not in stop]
    if not content:
        return None
    return " ".join(stem(word) for word in content), " ".join(content)


def _display_form(forms: Counter[str]) -> str:
    """Most frequent surface form; ties: the shortest, then code-point order."""
    text, _ = min(forms.items(), key=lambda item: (-item[1], len(item[0]), item[0]))
    return text


def _stemmer(lang: str) -> Callable[[str], str]:
    """Return a memoised function from a word to its grouping key in ``lang``: the lemma
    when simplemma's lexicon knows the word (issue 15.3: "tryggheten" -> "trygghet",
    "trygga" -> "trygg", so the two stay apart), else the Snowball stem below."""
    snowball = _snowball_stemmer(lang)

    def key(word: str) -> str:
        return _lemma(word, lang) or snowball(word)

    return cache(key)


def warm_lexicons(languages: Iterable[str]) -> threading.Thread:
    """Load simplemma's lexicons of ``languages`` in a background (daemon) thread, so the
    first word cloud or board of a process does not wait 2–8 s for them. Returns the
    thread (started)."""

    def load() -> None:
        try:
            import simplemma
        except ImportError:  # pragma: no cover - a dependency
            return
        for lang in languages:
            simplemma.is_known("samråd", lang=lang)

    thread = threading.Thread(target=load, name="samrad-lexicons", daemon=True)
    thread.start()
    return thread


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    """simplemma's lemma of a word its lexicon knows, else ''. Shared by all calls and
    threads (simplemma keeps no state per word), so a word is looked up once per process."""
    try:
        import simplemma
    except ImportError:  # pragma: no cover - a dependency; Snowball alone still works
        return ""
    if simplemma.is_known(word, lang=lang):
        return simplemma.lemmatize(word, lang=lang).casefold()
    return ""


def _snowball_stemmer(lang: str) -> Callable[[str], str]:
    """Return a memoised stemming function for ``lang``.

    A fresh Snowball stemmer per call, because stemmer objects keep state and
    must not be shared between threads; the memo makes repeated words (the
    common case in a word cloud) cost one dictionary lookup.
    """
    stemmer = snowballstemmer.stemmer(_SNOWBALL_ALGORITHMS[lang])
    swedish = lang == "sv"
    scandinavian = lang in _FINAL_S_LANGUAGES

    def stem(word: str) -> str:
        if swedish:
            word = _strip_swedish_definite_n(word)
        result = stemmer.stemWord(word)
        if scandinavian and result.endswith("s"):
            # Snowball drops a final (genitive) "s" only from the whole word, so
            # "lekplats" -> "lekplat" but "lekplatser" -> "lekplats". A second
            # pass lets Snowball's own rule decide; anything beyond dropping
            # that "s" is not taken.
            again = str(stemmer.stemWord(result))
            if again == result[:-1]:
                result = again
        return result

    return cache(stem)


def _strip_swedish_definite_n(word: str) -> str:
    """Turn a Swedish definite "-an" noun ("skolan") into its base form ("skola")."""
    if (
        len(word) >= 5
        and word.endswith("an")
        and word[-3] not in _SWEDISH_VOWELS
        and not word.endswith(_SWEDISH_AN_STEMS)
    ):
        return word[:-1]
    return word
