"""Opinion groups: who is grouped, the 2-D opinion map, k-means, and stable group numbers.

The steps follow what Pol.is publishes about its math (docs/architecture/opinions.md has
the formulas): missing votes imputed by the statement's mean vote, PCA to two dimensions,
each participant's point stretched by how little they voted, base clusters, then k-means
of the base clusters for every k in 2–5 and the k with the best silhouette.

scikit-learn and SciPy are imported where they are used: this module is imported by every
process that loads Django (live kinds → opinions), and importing them costs about a second
of CPU, paid otherwise by every `manage.py` command, server and worker at start.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .matrix import VoteMatrix

MIN_VOTES = 7  # Pol.is's threshold for taking part in the grouping
MIN_PARTICIPANTS_FOR_GROUPS = 4
K_RANGE = range(2, 6)
BASE_CLUSTERS = 100


def grouped_rows(matrix: VoteMatrix, min_votes: int) -> np.ndarray:
    """Indexes of the participants who take part in the grouping.

    The rule: a participant is grouped when they voted (agree, disagree or pass) on at
    least ``min(min_votes, number of statements)`` statements, and on at least one.
    """
    needed = max(1, min(min_votes, len(matrix.statements)))
    return np.flatnonzero(matrix.votes_per_participant() >= needed)


def project(values: np.ndarray, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Each row's point on the 2-D opinion map, and the share of variance of both axes.

    Missing votes are replaced by the statement's mean vote (over these rows), the
    matrix is reduced to its first two principal components, and each point is scaled
    by sqrt(statements / statements voted) so that someone who voted on a few statements
    is not pulled into the middle by the imputed means.
    """
    rows, columns = values.shape
    voted = ~np.isnan(values)
    counts = voted.sum(axis=0)
    sums = np.where(voted, values, 0.0).sum(axis=0)
    means = np.divide(sums, counts, out=np.zeros(columns), where=counts > 0)
    filled = np.where(voted, values, means)
    components = min(2, rows, columns)
    points = np.zeros((rows, 2))
    explained = np.zeros(2)
    if components and rows >= 2 and filled.std(axis=0).max(initial=0.0) > 0:
        from sklearn.decomposition import PCA

        pca = PCA(n_components=components, random_state=seed)
        points[:, :components] = pca.fit_transform(filled)
        explained[:components] = pca.explained_variance_ratio_
    per_row = np.maximum(voted.sum(axis=1), 1)
    points *= np.sqrt(columns / per_row)[:, None]
    return points, explained


@dataclass(frozen=True)
class Clustering:
    labels: np.ndarray  # a cluster label per point, 0..k-1 (k may be 0: no groups)
    k: int
    silhouette: float | None


def cluster(points: np.ndarray, seed: int = 0) -> Clustering:
    """k-means groups of ``points``: k in 2–5 chosen by the best silhouette.

    With more than 100 points, k-means first makes 100 base clusters and the groups are
    made of those (weighted by their sizes), as Pol.is does; the silhouette is measured
    on the base clusters. A tie in silhouette goes to the smaller k.
    """
    if len(points) < MIN_PARTICIPANTS_FOR_GROUPS:
        return Clustering(np.zeros(len(points), dtype=int), 0, None)
    distinct = np.unique(points.round(9), axis=0)
    if len(distinct) < 3:
        return Clustering(np.zeros(len(points), dtype=int), 0, None)
    from sklearn.cluster import KMeans
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.metrics import silhouette_score

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        if len(distinct) > BASE_CLUSTERS:
            base = KMeans(n_clusters=BASE_CLUSTERS, n_init=1, random_state=seed).fit(points)
            centres = base.cluster_centers_
            weights = np.bincount(base.labels_, minlength=BASE_CLUSTERS).astype(float)
            keep = weights > 0
            centres, weights = centres[keep], weights[keep]
            base_of_point = np.cumsum(keep)[base.labels_] - 1
        else:
            centres, weights = points, np.ones(len(points))
            base_of_point = np.arange(len(points))
        distinct_centres = len(np.unique(centres.round(9), axis=0))
        best: tuple[float, int, np.ndarray] | None = None
        for k in K_RANGE:
            if k >= distinct_centres:
                break
            model = KMeans(n_clusters=k, n_init=4, random_state=seed)
            labels = model.fit_predict(centres, sample_weight=weights)
            if len(set(labels.tolist())) < 2:
                continue
            score = float(silhouette_score(centres, labels))
            if best is None or score > best[0] + 1e-9:
                best = (score, k, labels)
    if best is None:
        return Clustering(np.zeros(len(points), dtype=int), 0, None)
    score, k, labels = best
    return Clustering(labels[base_of_point], k, score)


def number_groups(
    members: Sequence[Sequence[Hashable]],
    previous: Mapping[int, Sequence[Hashable]] | None = None,
) -> list[int]:
    """A stable number for each group of ``members`` (in the order given).

    Without ``previous`` groups, the largest group is 1, the next 2, and so on (equal
    sizes: the group with the smallest member first). With the groups of the previous
    analysis (id → members), each new group keeps the number of the old group it shares
    the most participants with (one-to-one, maximising the total shared); a group that
    matches none gets a number no previous group had.
    """
    order = sorted(range(len(members)), key=lambda g: (-len(members[g]), min(members[g])))  # type: ignore[type-var]  # ids of one kind, orderable
    if not previous:
        ids = [0] * len(members)
        for number, g in enumerate(order, start=1):
            ids[g] = number
        return ids
    old_ids = sorted(previous)
    old_sets = [set(previous[i]) for i in old_ids]
    overlap = np.array([[len(old & set(new)) for old in old_sets] for new in members])
    ids = [0] * len(members)
    if overlap.size:
        from scipy.optimize import linear_sum_assignment

        new_rows, old_columns = linear_sum_assignment(overlap, maximize=True)
        for g, o in zip(new_rows, old_columns, strict=True):
            if overlap[g, o] > 0:
                ids[g] = old_ids[o]
    fresh = max(old_ids) + 1
    for g in order:
        if not ids[g]:
            ids[g] = fresh
            fresh += 1
    return ids
