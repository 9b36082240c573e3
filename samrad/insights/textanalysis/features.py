"""Shared word analysis for themes, groups, duplicates and contrasts.

One place turns an input into content-word stems (the word cloud's tokeniser,
stop words and Snowball stemmer) and into TF-IDF matrices, so every analysis
in this package sees the same words. ``lang=None`` means: detect the language
of the whole collection; if that fails, drop the stop words of all four
languages and do not stem.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, partial

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import (
    HashingVectorizer,
    TfidfTransformer,
    TfidfVectorizer,
)
from sklearn.preprocessing import normalize as l2_normalize

from .compounds import split_compound
from .language import detect_language
from .normalize import normalize, tokenize
from .stopwords import SUPPORTED_LANGUAGES, check_language, stopwords
from .wordcloud import _stemmer

# How many texts language detection looks at when it guesses a collection's language.
_DETECT_SAMPLE = 400
# Hash space of the character n-grams: a few hundred inputs have ~20,000
# distinct ones, 10,000 inputs ~100,000, so collisions stay rare.
_CHAR_FEATURES = 2**20


def resolve_language(texts: Sequence[str], lang: str | None) -> str:
    """Return ``lang`` (checked), or the detected language of ``texts``, or ``""``."""
    if lang:
        check_language(lang)
        return lang
    votes = Counter(detect_language(text) for text in texts[:_DETECT_SAMPLE])
    votes.pop("", None)
    if votes:
        return votes.most_common(1)[0][0]
    # Each text too short on its own: try them together.
    return detect_language(" ".join(texts[:_DETECT_SAMPLE]))


class Analyser:
    """Content words of a text: ``(stem, surface form)`` pairs, stop words removed."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        if lang:
            self.stop = stopwords(lang)
            self.stem: Callable[[str], str] = _stemmer(lang)
        else:
            self.stop = frozenset().union(*(stopwords(code) for code in SUPPORTED_LANGUAGES))
            self.stem = str

    def pairs(self, text: str) -> list[tuple[str, str]]:
        stem = self.stem
        return [(stem(word), word) for word in tokenize(text) if word not in self.stop]

    def stems(self, text: str) -> list[str]:
        stem = self.stem
        return [stem(word) for word in tokenize(text) if word not in self.stop]

    def feature_keys(self, text: str, known_compounds: bool = False) -> list[str]:
        """:meth:`stems`, and for a compound the lexicon does not know (with
        ``known_compounds`` also one it knows) the keys of its two parts (see
        :mod:`.compounds`): features only, never shown as terms."""
        stem, lang = self.stem, self.lang
        keys = []
        for word in tokenize(text):
            if word in self.stop:
                continue
            keys.append(stem(word))
            parts = split_compound(word, lang, known_compounds) if lang else None
            if parts:
                keys.extend(stem(part) for part in parts)
        return keys


@lru_cache(maxsize=8)
def analyser(lang: str) -> Analyser:
    return Analyser(lang)


def surface_forms(texts: Sequence[str], lang: str) -> dict[str, str]:
    """Map each stem to its most frequent surface form in ``texts``."""
    return most_frequent_forms(analyser(lang).pairs(text) for text in texts)


def most_frequent_forms(analysed: Iterable[list[tuple[str, str]]]) -> dict[str, str]:
    """Most frequent surface form per stem over analysed texts (ties: shortest, then a-z)."""
    forms: dict[str, Counter[str]] = {}
    for pairs in analysed:
        for stem, word in pairs:
            forms.setdefault(stem, Counter())[word] += 1
    return {
        stem: min(counter.items(), key=lambda item: (-item[1], len(item[0]), item[0]))[0]
        for stem, counter in forms.items()
    }


class TextVectorizer:
    """TF-IDF on stems (and stem bigrams) next to TF-IDF on character n-grams.

    Stems carry the meaning; character n-grams catch compounds, spelling errors
    and inflections the stemmer misses ("sykkelvei" / "sykkelveien" / "sykelvei").
    Each block is L2-normalised, weighted (``word_weight`` for stems, the rest
    for characters), and the whole row normalised again, so a dot product of two
    rows is their cosine similarity. Character n-grams are hashed (no vocabulary
    to build: the slow part of vectorising 10,000 inputs); ``max_char_df`` drops
    those found in more than that share of the fitted texts. ``known_compounds`` also splits
    compounds the lexicon knows (:meth:`Analyser.feature_keys`; the theme suggester's choice).
    """

    def __init__(
        self,
        lang: str,
        *,
        word_weight: float = 0.6,
        chars: bool = True,
        bigrams: bool = True,
        max_char_df: float = 1.0,
        known_compounds: bool = False,
    ) -> None:
        self.lang = lang
        self.word_weight = word_weight
        self.chars = chars
        self.max_char_df = max_char_df
        keys = analyser(lang).feature_keys
        stems = keys if not known_compounds else partial(keys, known_compounds=True)
        self.words = TfidfVectorizer(
            analyzer=stems if not bigrams else _with_bigrams(stems),
            sublinear_tf=True,
            dtype=np.float32,
        )
        self._hasher = HashingVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            preprocessor=normalize,
            alternate_sign=False,
            norm=None,
            n_features=_CHAR_FEATURES,
            dtype=np.float32,
        )
        self._char_idf = TfidfTransformer(sublinear_tf=True)
        self._char_columns: np.ndarray | None = None

    def fit_transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        words = self.words.fit_transform(texts)
        if not self.chars:
            return words.tocsr()
        counts = self._hasher.transform(texts)
        # Keep only the hashed columns these texts use (and not too commonly), so
        # the models see a vocabulary-sized matrix, not a million columns.
        document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
        keep = (document_frequency > 0) & (
            document_frequency <= max(1.0, self.max_char_df * counts.shape[0])
        )
        self._char_columns = np.flatnonzero(keep)
        counts = counts[:, self._char_columns]
        return self._combine(words, self._char_idf.fit_transform(counts))

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        words = self.words.transform(texts)
        if not self.chars:
            return words.tocsr()
        counts = self._hasher.transform(texts)[:, self._char_columns]
        return self._combine(words, self._char_idf.transform(counts))

    def _combine(self, words: sparse.spmatrix, chars: sparse.spmatrix) -> sparse.csr_matrix:
        weight = self.word_weight
        combined = sparse.hstack(
            [l2_normalize(words) * np.sqrt(weight), l2_normalize(chars) * np.sqrt(1 - weight)],
            format="csr",
        )
        return l2_normalize(combined).astype(np.float32)


def _with_bigrams(stems: Callable[[str], list[str]]) -> Callable[[str], list[str]]:
    def analyse(text: str) -> list[str]:
        tokens = stems(text)
        return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]

    return analyse
