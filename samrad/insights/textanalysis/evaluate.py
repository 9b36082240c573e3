"""How well would the theme suggester have done on inputs already coded? Cross-validation.

Folds are stratified by each input's first theme: inputs are sorted by theme
and dealt out round robin, so every theme with at least ``folds`` examples is
in every fold, and a theme with one example is simply tested once (and missed,
since no fold can have learnt it) without any error.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TypeVar

from .features import resolve_language
from .themes import ThemeSuggester, theme_list

Pair = TypeVar("Pair", bound=tuple[str, list[str]])


def fold_splits(pairs: Sequence[Pair], folds: int) -> Iterator[tuple[list[Pair], list[Pair]]]:
    """(train, test) for each of `folds` folds (the module's stratified round robin; `folds`
    at most len(pairs)); a fold with nothing to test is left out."""
    n = len(pairs)
    order = sorted(range(n), key=lambda i: (pairs[i][1][0], i))
    fold_of = {index: position % folds for position, index in enumerate(order)}
    for fold in range(folds):
        test = [pairs[i] for i in range(n) if fold_of[i] == fold]
        if test:
            yield [pairs[i] for i in range(n) if fold_of[i] != fold], test


def evaluate(
    texts: Sequence[str],
    labels: Sequence[Sequence[str] | str],
    folds: int = 5,
    lang: str | None = None,
) -> dict:
    """Cross-validate :class:`ThemeSuggester` on coded inputs.

    Returns ``accuracy_at_1`` and ``accuracy_at_3`` (share of inputs whose
    first / any of the first three suggestions is one of their themes),
    ``majority_baseline`` (share hit by always suggesting the most frequent
    theme of the training folds), ``n`` (inputs with a theme) and ``themes``
    (distinct themes). ``folds=0`` means leave-one-out. The themes' names are given to the
    suggester as their descriptions, as the board gives a codebook's names and descriptions.
    """
    if folds < 0 or folds == 1:
        raise ValueError(f"folds must be 0 (leave-one-out) or at least 2, got {folds}")
    pairs = [(text, theme_list(label)) for text, label in zip(texts, labels, strict=True)]
    pairs = [(text, themes) for text, themes in pairs if themes]
    n = len(pairs)
    all_themes = {theme for _, themes in pairs for theme in themes}
    result = {
        "accuracy_at_1": 0.0,
        "accuracy_at_3": 0.0,
        "majority_baseline": 0.0,
        "n": n,
        "themes": len(all_themes),
    }
    if n < 2:
        return result
    lang = resolve_language([text for text, _ in pairs], lang)
    hits1 = hits3 = hits_majority = 0
    for train, test in fold_splits(pairs, n if folds == 0 else min(folds, n)):
        described = {theme: theme for _, themes in train for theme in themes}
        suggester = ThemeSuggester(lang).fit(
            [t for t, _ in train], [ls for _, ls in train], descriptions=described
        )
        suggestions = suggester.suggest([t for t, _ in test], k=3)
        if not suggestions:
            suggestions = [[] for _ in test]
        counts = Counter(theme for _, themes in train for theme in themes)
        majority = min(counts.items(), key=lambda item: (-item[1], item[0]))[0] if counts else None
        for (_, themes), ranked in zip(test, suggestions, strict=True):
            names = [theme for theme, _ in ranked]
            hits1 += bool(names[:1]) and names[0] in themes
            hits3 += any(name in themes for name in names[:3])
            hits_majority += majority in themes
    result["accuracy_at_1"] = hits1 / n
    result["accuracy_at_3"] = hits3 / n
    result["majority_baseline"] = hits_majority / n
    return result


def groups_ari(
    texts: Sequence[str], labels: Sequence[Sequence[str] | str], lang: str | None = None
) -> float:
    """Adjusted Rand index of "from scratch" groups (:func:`.groups.propose_groups` with as
    many groups as there are coded themes) against each input's first theme; inputs the
    grouping leaves out (no content word) form one group of their own."""
    from sklearn.metrics import adjusted_rand_score

    from .groups import propose_groups

    pairs = [(text, theme_list(label)) for text, label in zip(texts, labels, strict=True)]
    pairs = [(text, themes) for text, themes in pairs if themes]
    themes = {themes[0] for _, themes in pairs}
    if len(pairs) < 2 or len(themes) < 2:
        return 0.0
    found = propose_groups([text for text, _ in pairs], lang, groups=len(themes))
    group_of = [-1] * len(pairs)
    for number, group in enumerate(found):
        for member in group.members:
            group_of[member] = number
    return float(adjusted_rand_score([themes[0] for _, themes in pairs], group_of))


def duplicate_scores(
    pairs: Sequence[tuple[str, str, bool]],
    lang: str | None = None,
    threshold: float = 0.8,
    background: Sequence[str] = (),
) -> dict:
    """Precision, recall and F1 of :func:`.duplicates.near_duplicates` at ``threshold`` on
    labelled pairs ``(text_a, text_b, is_paraphrase)``: all texts (and ``background``, for
    realistic word weights) are searched at once, as on the board; a pair is found when both
    texts end in one group."""
    from .duplicates import near_duplicates

    texts = [text for a, b, _ in pairs for text in (a, b)] + list(background)
    group_of: dict[int, int] = {}
    for number, group in enumerate(near_duplicates(texts, lang, threshold)):
        for member in group:
            group_of[member] = number
    tp = fp = fn = 0
    for index, (_a, _b, same) in enumerate(pairs):
        a, b = 2 * index, 2 * index + 1
        found = a in group_of and group_of.get(a) == group_of.get(b)
        tp += found and same
        fp += found and not same
        fn += (not found) and same
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "duplicates_threshold": threshold,
        "duplicates_precision": precision,
        "duplicates_recall": recall,
        "duplicates_f1": f1,
        "duplicates_pairs": len(pairs),
    }


def calibrated_threshold(
    scored: Sequence[tuple[float, bool]], precision: float, grid: Sequence[float]
) -> float | None:
    """The lowest threshold of ``grid`` from which the best guesses are right at least
    ``precision`` of the time: ``scored`` holds (top confidence, top is right) of inputs
    suggested out of fold. None when no threshold of the grid gets there."""
    for threshold in sorted(grid):
        kept = [right for confidence, right in scored if confidence >= threshold]
        if kept and sum(kept) / len(kept) >= precision:
            return threshold
    return None
