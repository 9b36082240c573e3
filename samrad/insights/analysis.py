"""The board's door to `textanalysis/` (plain Python): language, theme suggestions, groups,
near-duplicates, distinctive terms and word clouds of whole sentences.

Views and selectors call these, never the text-analysis modules directly, so that the board
depends on one small interface.
"""

from __future__ import annotations

from samrad.insights.textanalysis.normalize import tokenize
from samrad.insights.textanalysis.stopwords import check_language
from samrad.insights.textanalysis.wordcloud import Term, count_terms

LANGUAGES = ("sv", "nb", "da", "en")


def detect_language(text: str) -> str:
    from samrad.insights.textanalysis import language

    return language.detect_language(text)


def analysis_language(lang: str | None, fallback: str = "sv") -> str:
    if lang in LANGUAGES:
        return lang
    return fallback if fallback in LANGUAGES else "sv"


def word_cloud(texts: list[str], lang: str, top: int = 40) -> list[Term]:
    """Terms of sentences: each word is an entry of `count_terms` (stop words out, stems)."""
    check_language(lang)
    return count_terms((word for text in texts for word in tokenize(text)), lang, top=top)


def cloud_rows(terms: list[Term], *, forms: bool = False) -> list[dict]:
    """Terms with a size 1–4 for the template (largest = 4). With `forms` (the facilitator's
    clouds, never the public one) each row also holds `others`: the surface forms the term
    groups besides its own, as (form, count), shown on hover and focus."""
    if not terms:
        return []
    most = max(term.count for term in terms)
    rows = []
    for t in terms:
        row = {
            "text": t.text,
            "count": t.count,
            "size": 1 + round(3 * t.count / most) if most else 1,
        }
        if forms:
            row["others"] = t.others()
        rows.append(row)
    return rows


def distinctive_terms(texts_a: list[str], texts_b: list[str], lang: str, top: int = 15):
    from samrad.insights.textanalysis import compare

    return compare.distinctive_terms(texts_a, texts_b, lang=lang, top=top)


def near_duplicates(texts: list[str], lang: str, threshold: float = 0.8) -> list[list[int]]:
    from samrad.insights.textanalysis import duplicates

    return duplicates.near_duplicates(texts, lang=lang, threshold=threshold)


def propose_groups(texts: list[str], lang: str):
    from samrad.insights.textanalysis import groups

    return groups.propose_groups(texts, lang=lang, groups="auto")
