"""Nordic compounds split against the lemmatizer's vocabulary (issue 15.3).

"innbyggerinvolvering" is not in simplemma's bokmål lexicon, but "innbygger" and
"involvering" are: the word also counts as those two for the features of theme
suggestions, groups and near-duplicates (the word cloud keeps the whole word). How:

- words of at least 2 × :data:`MIN_PART` letters that the lexicon does not know, or, with
  ``known_words=True`` (theme suggestions, branch themes2), also words it knows:
  simplemma's lexicons list many compounds whole ("ungdomsklub", "idrætsanlæg" in Danish),
  which then shared nothing with "klub" or "anlæg". A known word is split in its base form
  (simplemma's lemma: "ungdomsklubben" → "ungdomsklub" → "ungdoms" + "klub"), so an inflected
  form is not cut at its ending ("lukker" stays whole);
- every cut leaving two parts of at least :data:`MIN_PART` letters is tried, the left part
  also without a linking "s" or "e" (sv "trafiksäkerhet", "tillgänglighetsanpassning",
  nb "barnehageplass"); a cut counts when both parts are known words;
- of the cuts that count, the one with the longest right part wins (the head of a Nordic
  compound is on the right and tends to carry the meaning); no recursion.

Pure Python; simplemma is optional (no split without it).
"""

from __future__ import annotations

from functools import cache

MIN_PART = 3
LINKS = ("s", "e")


@cache
def split_compound(word: str, lang: str, known_words: bool = False) -> tuple[str, str] | None:
    """``(left, right)`` known words making up ``word``, or ``None``. A word the lexicon
    knows is split only with ``known_words``."""
    if len(word) < 2 * MIN_PART or not lang or not word.isalpha():
        return None
    try:
        import simplemma
    except ImportError:  # pragma: no cover - a dependency
        return None
    known = simplemma.is_known
    if known(word, lang=lang):
        if not known_words:
            return None
        word = simplemma.lemmatize(word, lang=lang).casefold()
        if len(word) < 2 * MIN_PART or not word.isalpha():
            return None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        left, right = word[:cut], word[cut:]
        if not known(right, lang=lang):
            continue
        if known(left, lang=lang):
            return left, right
        if left.endswith(LINKS) and len(left) > MIN_PART and known(left[:-1], lang=lang):
            return left[:-1], right
    return None
