"""What one group of participants says more than another (e.g. young vs. old, district A vs. B).

Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
& Quinn 2008, "Fightin' Words"): the prior is the pooled word counts of both
groups, so rare words do not top the list by chance, and the score is a
z-score (above ~2 is a clear difference). Words are counted per stem and shown
in their most frequent surface form, as in the word cloud.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .features import analyser, resolve_language, surface_forms

# Total weight of the prior, in words; the pooled counts are scaled to this.
_PRIOR_WEIGHT = 500.0


@dataclass(frozen=True)
class TermContrast:
    term: str
    count_a: int
    count_b: int
    score: float  # z-score of the log-odds difference; positive favours the side it is listed on


def distinctive_terms(
    texts_a: Sequence[str], texts_b: Sequence[str], lang: str | None = None, top: int = 15
) -> tuple[list[TermContrast], list[TermContrast]]:
    """Terms group A uses clearly more than group B, and those B uses more than A.

    Each list holds at most ``top`` terms with a positive score, strongest first
    (ties by term). ``count_a``/``count_b`` are how often the term occurs in each group.
    """
    lang = resolve_language([*texts_a, *texts_b], lang)
    stems = analyser(lang).stems
    counts_a = Counter(stem for text in texts_a for stem in stems(text))
    counts_b = Counter(stem for text in texts_b for stem in stems(text))
    total_a, total_b = counts_a.total(), counts_b.total()
    pooled = counts_a + counts_b
    if not pooled:
        return [], []
    scale = _PRIOR_WEIGHT / pooled.total()
    prior_total = _PRIOR_WEIGHT
    forms = surface_forms([*texts_a, *texts_b], lang)
    scored: list[TermContrast] = []
    for stem, pooled_count in pooled.items():
        alpha = pooled_count * scale
        y_a, y_b = counts_a[stem], counts_b[stem]
        log_odds_a = math.log((y_a + alpha) / (total_a + prior_total - y_a - alpha))
        log_odds_b = math.log((y_b + alpha) / (total_b + prior_total - y_b - alpha))
        variance = 1.0 / (y_a + alpha) + 1.0 / (y_b + alpha)
        score = (log_odds_a - log_odds_b) / math.sqrt(variance)
        scored.append(TermContrast(forms.get(stem, stem), y_a, y_b, score))
    for_a = sorted((t for t in scored if t.score > 0), key=lambda t: (-t.score, t.term))
    for_b = sorted(
        (TermContrast(t.term, t.count_a, t.count_b, -t.score) for t in scored if t.score < 0),
        key=lambda t: (-t.score, t.term),
    )
    return for_a[:top], for_b[:top]
