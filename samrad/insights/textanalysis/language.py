"""Guess whether a text is Swedish, Norwegian bokmål, Danish or English.

No model: the evidence is the stop words only one language uses (read from
the lists in ``stopwords/``), the letters only some of them have (ä/ö versus
æ/ø) and a few spellings that tell bokmål from Danish ("vei"/"vej",
"-sjon"/"-tion", "-ene"/"-erne"). A text with too little evidence, or a tie,
returns ``""``: short inputs ("Bedre busser!") are often honestly ambiguous.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from .normalize import tokenize
from .stopwords import SUPPORTED_LANGUAGES, stopwords

# Spellings in content words that point to one language. Weighted lower than
# a stop word because a loan word or a typo can produce them by accident.
_MARKERS: dict[str, tuple[tuple[re.Pattern[str], float], ...]] = {
    "nb": (
        (re.compile(r"sjon(en|er|ene)?$"), 1.0),
        (re.compile(r"(ei|øy|au)"), 0.5),
        (re.compile(r"^(kj|skj|gj|hv)"), 0.3),
        (re.compile(r"[^r]ene$"), 0.5),
        (re.compile(r"het(en|er)?$"), 0.7),
        (re.compile(r"^(ikke|veldig|bedre|gjerne|trenger|kommunen)$"), 0.3),
    ),
    "da": (
        (re.compile(r"tion(en|er|erne)?$"), 0.6),
        (re.compile(r"(ej|øj|av[^a])"), 0.5),
        (re.compile(r"erne$"), 0.7),
        (re.compile(r"hed(en|er)?$"), 0.8),
        (re.compile(r"(gade|købe|bliver|synes|rigtig|gerne|kommunen)$"), 0.3),
    ),
    "sv": (
        (re.compile(r"[äö]"), 1.0),
        (re.compile(r"tion(en|er|erna)?$"), 0.4),
        (re.compile(r"(erna|orna|arna)$"), 0.8),
        (re.compile(r"^(inte|bättre|behöver|kommunen)$"), 0.5),
    ),
    "en": (
        (re.compile(r"(tion|ness|ould|ight)$"), 0.6),
        (re.compile(r"^th|[wq]"), 0.4),
    ),
}
# Everyday words that the stop-word lists share or lack but that split the
# languages well (bokmål and Danish above all); they vote like a unique stop word.
_WORDS: dict[str, str] = {}
for _lang, _words in (
    (
        "nb",
        "av mer nå blir ble tar gir sier trenger eldre barna veien gata kjøre kjøpe viktig "
        "sykkel mye",
    ),
    (
        "da",
        "af mig dig sig nu efter mere bliver blev tager giver siger brug ældre børn børnene "
        "vejen gaden køre købe vigtig synes rigtig gerne",
    ),
    ("sv", "och inte behöver bättre äldre barnen vägen gatan"),
    ("en", "the of and is are need should"),
):
    _WORDS.update(dict.fromkeys(_words.split(), _lang))
_NORDIC = ("sv", "nb", "da")
_MIN_SCORE = 1.5
_MIN_MARGIN = 0.5


@cache
def _stopword_votes() -> dict[str, tuple[str, ...]]:
    """For each stop word that is not in all four lists: the languages it points to."""
    owners: dict[str, list[str]] = {}
    for lang in SUPPORTED_LANGUAGES:
        for word in stopwords(lang):
            owners.setdefault(word, []).append(lang)
    return {
        word: tuple(langs)
        for word, langs in owners.items()
        if len(langs) < len(SUPPORTED_LANGUAGES)
    }


def language_scores(text: str) -> dict[str, float]:
    """Evidence per language code for ``text`` (higher is stronger)."""
    votes = _stopword_votes()
    scores: defaultdict[str, float] = defaultdict(float)
    for word in tokenize(text):
        if word in _WORDS:
            scores[_WORDS[word]] += 1.0
            continue
        owners = votes.get(word)
        if owners:
            share = 1.0 / len(owners)
            for lang in owners:
                scores[lang] += share
            continue
        if "ø" in word:
            scores["nb"] += 0.4
            scores["da"] += 0.4
        if "æ" in word:
            # Danish writes æ where bokmål mostly writes e ("ældre"/"eldre").
            scores["nb"] += 0.2
            scores["da"] += 0.6
        if "å" in word:
            for lang in _NORDIC:
                scores[lang] += 0.2
        for lang, markers in _MARKERS.items():
            for pattern, weight in markers:
                if pattern.search(word):
                    scores[lang] += weight
    return dict(scores)


def detect_language(text: str) -> str:
    """Return ``"sv"``, ``"nb"``, ``"da"``, ``"en"``, or ``""`` when the evidence is too thin."""
    # strongest first; a tie keeps the order the evidence came in (as Counter.most_common)
    ranked = sorted(language_scores(text).items(), key=lambda item: -item[1])[:2]
    if not ranked or ranked[0][1] < _MIN_SCORE:
        return ""
    if len(ranked) == 2 and ranked[0][1] - ranked[1][1] < _MIN_MARGIN:
        return ""
    return ranked[0][0]
