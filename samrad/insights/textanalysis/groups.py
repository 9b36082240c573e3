"""Propose groups of similar inputs "from scratch", before anyone has coded a theme.

Inputs become TF-IDF vectors of lemmas and character n-grams (see features.py).
Non-negative matrix factorisation (NMF) splits them into as many parts as groups are wanted,
and each input joins the part that weighs most in it: on the hand-written labelled set this
agreed about twice as well with the coders' themes as k-means on an SVD of the same vectors
(adjusted Rand index 0.11 against 0.063; agglomerative and spectral clustering and a
Dirichlet mixture for short texts were no better than k-means, see
docs/architecture/insights-text.md). ``groups="auto"`` tries 2 to about sqrt(n) groups
(at most 12): k-means on a truncated SVD (latent semantic analysis) of a sample of up to
1,000 inputs, keeping the count with the best silhouette (mini-batch k-means above 2,000).
Each group is labelled with the stems that the most members use and the fewest
non-members use, shown as their most frequent surface forms. Everything uses a
fixed random state, so the same inputs give the same groups.

Honest limit: the groups agree only weakly with the organisers' themes (adjusted Rand
index about 0.1 for 8 groups on the hand-coded test data); short inputs share few words.
They are a first sorting to start coding from; once some inputs are coded,
:class:`~.themes.ThemeSuggester` does much better.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import NMF, TruncatedSVD
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize as l2_normalize
from threadpoolctl import threadpool_limits

from .features import TextVectorizer, analyser, most_frequent_forms, resolve_language
from .normalize import normalize

_RANDOM_STATE = 0
# Stems versus character n-grams in the vectors that are clustered (see features.py).
_WORD_WEIGHT = 0.3
_LABEL_TERMS = 3
_TERMS = 8
_SVD_DIMENSIONS = 50
_SILHOUETTE_SAMPLE = 1000
_MINI_BATCH_FROM = 2000
_MAX_AUTO_GROUPS = 12
# NMF stops when its error improves by less than this share: 1e-3 halves the iterations of
# the default 1e-4 on 10,000 inputs with the same first-set ARI (measured, see the docs).
_NMF_TOLERANCE = 1e-3


@dataclass
class Group:
    label: str  # the characteristic words, joined with ", "
    terms: list[str]  # characteristic words, strongest first
    members: list[int]  # indices into the texts, ascending


def propose_groups(
    texts: Sequence[str], lang: str | None = None, groups: int | str = "auto"
) -> list[Group]:
    """Group similar ``texts``; largest group first (ties: lowest first member).

    ``groups`` is the number of groups wanted, or ``"auto"``. Texts without a
    content word (blank, only stop words) belong to no group.
    """
    if groups != "auto" and (not isinstance(groups, int) or groups < 1):
        raise ValueError(f"groups must be 'auto' or a positive integer, got {groups!r}")
    lang = resolve_language(texts, lang)
    pairs = analyser(lang).pairs
    analysed: dict[str, list[tuple[str, str]]] = {}
    for text in texts:
        if text not in analysed:
            analysed[text] = pairs(text)
    documents = [{stem for stem, _ in analysed[text]} for text in texts]
    rows = np.array([i for i, words in enumerate(documents) if words], dtype=int)
    if len(rows) == 0:
        return []
    # Identical inputs (after normalising) always share a group: cluster each
    # distinct text once, weighted by how many inputs said it.
    distinct: dict[str, int] = {}
    copy_of = np.array([distinct.setdefault(normalize(texts[i]), len(distinct)) for i in rows])
    if len(distinct) == 1:
        labels = np.zeros(len(rows), dtype=int)
    else:
        first = {position: i for i, position in zip(rows[::-1], copy_of[::-1], strict=True)}
        features = TextVectorizer(lang, word_weight=_WORD_WEIGHT, bigrams=False).fit_transform(
            [texts[first[position]] for position in range(len(distinct))]
        )
        weights = np.bincount(copy_of, minlength=len(distinct)).astype(np.float64)
        # One thread: k-means' OpenMP threads spin and crawl when the server's
        # cores are busy with requests (measured: 17 s instead of 4 s for 10,000).
        with threadpool_limits(limits=1):
            labels = _cluster(features, groups, weights)[copy_of]
    forms = most_frequent_forms(analysed[texts[i]] for i in rows)
    everyone = Counter(stem for i in rows for stem in documents[i])
    result = []
    for cluster in np.unique(labels):
        members = rows[labels == cluster]
        terms = _characteristic_terms([documents[i] for i in members], everyone, len(rows))
        terms = [forms.get(stem, stem) for stem in terms]
        result.append(
            Group(
                label=", ".join(terms[:_LABEL_TERMS]),
                terms=terms,
                members=[int(i) for i in members],
            )
        )
    result.sort(key=lambda group: (-len(group.members), group.members[0]))
    return result


def _characteristic_terms(inside: list[set[str]], count_all: Counter[str], total: int) -> list[str]:
    """Stems used by many members and by few others: share inside minus share outside.

    A word every group uses ("kommunen") scores near zero, a word only this
    group uses scores its share of members. Ties: the more frequent, then a-z.
    """
    count_in = Counter(stem for document in inside for stem in document)
    outside = max(1, total - len(inside))
    scored = []
    for stem, n_in in count_in.items():
        if n_in < 2 and len(inside) > 1:
            continue
        score = n_in / len(inside) - (count_all[stem] - n_in) / outside
        if score > 0:
            scored.append((-score, -n_in, stem))
    return [stem for _, _, stem in sorted(scored)[:_TERMS]]


def _reduce(matrix: Any) -> np.ndarray:
    dimensions = min(_SVD_DIMENSIONS, matrix.shape[0] - 1, matrix.shape[1] - 1)
    if dimensions < 2:
        return np.asarray(matrix.toarray())
    svd = TruncatedSVD(n_components=dimensions, n_iter=3, random_state=_RANDOM_STATE)
    return np.asarray(l2_normalize(svd.fit_transform(matrix)), dtype=np.float32)


def _cluster(features: Any, groups: int | str, weights: np.ndarray) -> np.ndarray:
    n = features.shape[0]
    k = min(int(groups), n) if groups != "auto" else _choose_k(_reduce(features))
    if k < 2:
        return np.zeros(n, dtype=int)
    # An input said w times weighs w in the factorisation's squared error: scale its row by √w.
    scaled = sparse.diags(np.sqrt(weights)) @ features
    model = NMF(
        n_components=k, init="nndsvda", tol=_NMF_TOLERANCE, max_iter=400, random_state=_RANDOM_STATE
    )
    parts = model.fit_transform(scaled)
    # The parts that no input leans on are dropped by renumbering: labels stay 0..groups-1.
    return np.unique(parts.argmax(axis=1), return_inverse=True)[1]


def _choose_k(points: np.ndarray) -> int:
    """The number of groups with the best silhouette, tried on a sample of the points.

    Candidates run from 2 to about sqrt(n), at most :data:`_MAX_AUTO_GROUPS`:
    more groups than that are more than a person reads on one screen.
    """
    n = len(points)
    top = min(_MAX_AUTO_GROUPS, n - 1, max(2, round(math.sqrt(n))))
    if top <= 2:
        return min(2, n)
    rng = np.random.default_rng(_RANDOM_STATE)
    sample = points if n <= _SILHOUETTE_SAMPLE else points[rng.choice(n, _SILHOUETTE_SAMPLE, False)]
    best_k, best_score = 2, -2.0
    for k in range(2, top + 1):
        labels = _kmeans(sample, k, n_init=1)
        if len(np.unique(labels)) < 2:
            continue
        score = silhouette_score(sample, labels)
        if score > best_score + 1e-9:
            best_k, best_score = k, score
    return best_k


def _kmeans(points: np.ndarray, k: int, n_init: int = 3) -> np.ndarray:
    if len(points) > _MINI_BATCH_FROM:
        # Mini-batches: the same groups for thousands of inputs at a fraction of the time.
        model = MiniBatchKMeans(
            n_clusters=k, n_init=n_init, batch_size=2048, random_state=_RANDOM_STATE
        )
    else:
        model = KMeans(n_clusters=k, n_init=n_init, random_state=_RANDOM_STATE)
    return model.fit_predict(points)
