"""Generated votes with planted opinion groups, for tests and the benchmark.

Each planted group has a stance on every statement (agree or disagree); a member votes
their group's stance with probability ``loyalty``, the opposite or pass otherwise. The
first ``consensus`` statements are agreed with by every group (common ground by design).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Planted:
    participants: np.ndarray  # one entry per vote
    statements: np.ndarray
    votes: np.ndarray
    membership: np.ndarray  # planted group of participant i (ids 0..n-1)
    stances: np.ndarray  # groups × statements, +1 / −1
    consensus: frozenset[int]  # statements every group agrees with


def planted_votes(
    *,
    participants: int,
    statements: int,
    groups: int,
    fill: float,
    consensus: int = 0,
    loyalty: float = 0.85,
    passes: float = 0.05,
    sizes: list[float] | None = None,
    seed: int = 0,
) -> Planted:
    """Votes of ``participants`` on ``statements``, each cell voted with probability ``fill``."""
    rng = np.random.default_rng(seed)
    shares = np.asarray(sizes if sizes is not None else [1.0] * groups, dtype=float)
    membership = rng.choice(groups, size=participants, p=shares / shares.sum())
    stances = rng.choice([-1, 1], size=(groups, statements))
    stances[:, :consensus] = 1
    for j in range(consensus, statements):  # make sure the other statements are not unanimous
        if (stances[:, j] == stances[0, j]).all():
            stances[rng.integers(groups), j] *= -1
    voted = rng.random((participants, statements)) < fill
    roll = rng.random((participants, statements))
    stance = stances[membership]
    cast = np.where(roll < loyalty, stance, np.where(roll < loyalty + passes, 0, -stance))
    rows, columns = np.nonzero(voted)
    return Planted(
        rows, columns, cast[rows, columns], membership, stances, frozenset(range(consensus))
    )
