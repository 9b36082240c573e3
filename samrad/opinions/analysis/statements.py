"""Which statements characterise a group, unite all groups, or split them.

All three work on vote counts per group and statement (agree, disagree, seen = agree +
disagree + pass). Representative statements use Pol.is's two z-tests with pseudo-counts
(one-sided, 90 %); common ground and divisiveness are plain shares with a minimum number
of votes per group. docs/architecture/opinions.md has the formulas.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Z_90 = 1.2816  # one-sided 90 % critical value of the standard normal
MAX_REPRESENTATIVE = 5
CONSENSUS_SHARE = 0.6
MIN_GROUP_VOTES = 3


@dataclass(frozen=True)
class Counts:
    """Vote counts, one row per group, one column per statement."""

    agree: np.ndarray
    disagree: np.ndarray
    seen: np.ndarray

    @classmethod
    def of(cls, values: np.ndarray, labels: np.ndarray, groups: int) -> Counts:
        """Count the votes of ``values`` (rows = participants) per group label 0..groups-1."""
        shape = (groups, values.shape[1])
        agree, disagree, seen = np.zeros(shape), np.zeros(shape), np.zeros(shape)
        for g in range(groups):
            rows = values[labels == g]
            agree[g] = (rows == 1).sum(axis=0)
            disagree[g] = (rows == -1).sum(axis=0)
            seen[g] = (~np.isnan(rows)).sum(axis=0)
        return cls(agree, disagree, seen)


@dataclass(frozen=True)
class Representative:
    statement: int  # column index
    direction: str  # "agree" or "disagree"
    share_in: float  # smoothed share of the group voting that way
    share_out: float  # the same for everyone else grouped
    z_group: float  # one-proportion test: the group leans that way
    z_difference: float  # two-proportion test: more than the others
    metric: float


def one_proportion_z(successes: np.ndarray, n: np.ndarray) -> np.ndarray:
    """z of "more than half": 2·√(n+1)·((s+1)/(n+1) − ½), with Pol.is's pseudo-counts."""
    return 2.0 * np.sqrt(n + 1.0) * ((successes + 1.0) / (n + 1.0) - 0.5)


def two_proportion_z(s_in: np.ndarray, s_out: np.ndarray, n_in: np.ndarray, n_out: np.ndarray):
    """Pooled two-proportion z of "in > out", with one pseudo-count added to every count."""
    s_in, s_out, n_in, n_out = s_in + 1.0, s_out + 1.0, n_in + 1.0, n_out + 1.0
    pooled = (s_in + s_out) / (n_in + n_out)
    spread = np.sqrt(pooled * (1.0 - pooled) * (1.0 / n_in + 1.0 / n_out))
    difference = s_in / n_in - s_out / n_out
    return np.divide(difference, spread, out=np.zeros_like(spread), where=spread > 0)


def representative(counts: Counts, limit: int = MAX_REPRESENTATIVE) -> list[list[Representative]]:
    """Per group, up to ``limit`` statements on which it differs most from the others.

    A statement represents a group in a direction (agree or disagree) when the group
    leans that way (one-proportion z > 1.2816) and significantly more than everyone else
    grouped (two-proportion z > 1.2816). Of the two directions the one with the larger
    metric ratio·z_difference·share·z_group counts; the best metrics come first.
    """
    total = Counts(*(array.sum(axis=0) for array in (counts.agree, counts.disagree, counts.seen)))
    chosen: list[list[Representative]] = []
    for g in range(counts.seen.shape[0]):
        n_in, n_out = counts.seen[g], total.seen - counts.seen[g]
        candidates: dict[int, Representative] = {}
        for direction, votes, all_votes in (
            ("agree", counts.agree[g], total.agree),
            ("disagree", counts.disagree[g], total.disagree),
        ):
            out = all_votes - votes
            share_in = (votes + 1.0) / (n_in + 2.0)
            share_out = (out + 1.0) / (n_out + 2.0)
            z_group = one_proportion_z(votes, n_in)
            z_difference = two_proportion_z(votes, out, n_in, n_out)
            metric = share_in / share_out * z_difference * share_in * z_group
            passing = (z_group > Z_90) & (z_difference > Z_90)
            for j in np.flatnonzero(passing).tolist():
                found = Representative(
                    j,
                    direction,
                    float(share_in[j]),
                    float(share_out[j]),
                    float(z_group[j]),
                    float(z_difference[j]),
                    float(metric[j]),
                )
                if j not in candidates or found.metric > candidates[j].metric:
                    candidates[j] = found
        ranked = sorted(candidates.values(), key=lambda r: (-r.metric, r.statement))
        chosen.append(ranked[:limit])
    return chosen


def _enough_votes(counts: Counts, sizes: np.ndarray) -> np.ndarray:
    """True where a group has enough votes on a statement: 3, or all members if fewer."""
    needed = np.minimum(MIN_GROUP_VOTES, sizes)[:, None]
    return (counts.seen >= needed) & (counts.seen > 0)


def consensus(counts: Counts, sizes: np.ndarray) -> list[tuple[int, float]]:
    """Common ground: statements that at least 60 % of every group agrees with.

    Every group must have enough votes on the statement (see ``_enough_votes``); the
    share is agree / seen, so a pass counts against. Sorted by Pol.is's group-informed
    consensus Π_g (agree_g + 1) / (seen_g + 2), highest first; returned as (column, score).
    """
    if counts.seen.shape[0] == 0:
        return []
    seen = counts.seen
    share = np.divide(counts.agree, seen, out=np.zeros_like(seen), where=seen > 0)
    ok = (_enough_votes(counts, sizes) & (share >= CONSENSUS_SHARE)).all(axis=0)
    score = ((counts.agree + 1.0) / (counts.seen + 2.0)).prod(axis=0)
    found = [(j, float(score[j])) for j in np.flatnonzero(ok).tolist()]
    return sorted(found, key=lambda item: (-item[1], item[0]))


def divisive(counts: Counts, sizes: np.ndarray) -> list[tuple[int, float]]:
    """Statements that split the groups: one group mostly agrees, another mostly disagrees.

    "Mostly" is more than half of the group's votes on it (with enough votes). Sorted by
    the spread max_g − min_g of the group leaning (agree − disagree) / seen, largest
    first; returned as (column, spread).
    """
    if counts.seen.shape[0] < 2:
        return []
    enough = _enough_votes(counts, sizes)
    seen = np.maximum(counts.seen, 1.0)
    agreeing = enough & (counts.agree / seen > 0.5)
    disagreeing = enough & (counts.disagree / seen > 0.5)
    split = agreeing.any(axis=0) & disagreeing.any(axis=0)
    leaning = (counts.agree - counts.disagree) / seen
    high = np.where(enough, leaning, -np.inf).max(axis=0)
    low = np.where(enough, leaning, np.inf).min(axis=0)
    found = [(j, float(high[j] - low[j])) for j in np.flatnonzero(split).tolist()]
    return sorted(found, key=lambda item: (-item[1], item[0]))
