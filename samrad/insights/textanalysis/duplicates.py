"""Find inputs that say the same thing in other words (or the very same words).

Texts become L2-normalised TF-IDF vectors of stems and character n-grams; two
texts are near-duplicates when their cosine similarity reaches the threshold,
and pairs are merged into groups with union-find. Identical texts (after
normalisation) are collapsed first, and the similarity is computed in blocks
of rows against a sparse matrix, so 10,000 inputs never need an n x n matrix.
"""

from __future__ import annotations

from collections.abc import Sequence

from .features import TextVectorizer, resolve_language
from .normalize import normalize

_BLOCK = 512
_COMMON_NGRAMS_FROM = 1000


def near_duplicates(
    texts: Sequence[str], lang: str | None = None, threshold: float = 0.8
) -> list[list[int]]:
    """Groups (two or more indices into ``texts``, ascending) of inputs that say the same.

    Groups are sorted by size, largest first, then by their first index.
    Blank texts are never duplicates of anything.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    by_text: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        key = normalize(text)
        if key:
            by_text.setdefault(key, []).append(index)
    unique = list(by_text)
    parent = list(range(len(unique)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    if len(unique) > 1:
        lang = resolve_language(unique, lang)
        # In a big collection, character n-grams found in one text of twenty
        # (" og ", "ene ") say little about sameness but make the product dense.
        max_char_df = 0.05 if len(unique) >= _COMMON_NGRAMS_FROM else 1.0
        matrix = TextVectorizer(lang, bigrams=False, max_char_df=max_char_df).fit_transform(unique)
        transposed = matrix.T.tocsc()
        for start in range(0, len(unique), _BLOCK):
            block = (matrix[start : start + _BLOCK] @ transposed).tocoo()
            keep = (block.data >= threshold - 1e-6) & (block.row + start < block.col)
            for row, col in zip(block.row[keep] + start, block.col[keep], strict=True):
                a, b = find(int(row)), find(int(col))
                if a != b:
                    parent[max(a, b)] = min(a, b)

    groups: dict[int, list[int]] = {}
    for position, indices in enumerate(by_text.values()):
        groups.setdefault(find(position), []).extend(indices)
    result = [sorted(members) for members in groups.values() if len(members) >= 2]
    result.sort(key=lambda members: (-len(members), members[0]))
    return result
