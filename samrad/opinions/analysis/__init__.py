"""Opinion analysis of agree/disagree/pass votes on statements, in plain numpy (no Django).

:func:`analyse` turns a :class:`VoteMatrix` into opinion groups with their representative
statements, the common ground and the divisive statements. The live app, the report and
the ``samrad opinions analyse`` command all call it; docs/architecture/opinions.md
describes the method with its formulas.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from .clustering import MIN_VOTES, cluster, grouped_rows, number_groups, project
from .matrix import AGREE, DISAGREE, PASS, VoteMatrix
from .statements import Counts, Representative, consensus, divisive, representative

__all__ = [
    "AGREE",
    "DISAGREE",
    "PASS",
    "Analysis",
    "Group",
    "RepresentativeStatement",
    "StatementScore",
    "VoteMatrix",
    "analyse",
]


@dataclass(frozen=True)
class RepresentativeStatement:
    statement: Hashable
    direction: str  # "agree" or "disagree"
    share_in: float
    share_out: float
    z_group: float
    z_difference: float


@dataclass(frozen=True)
class Group:
    id: int
    participants: tuple[Hashable, ...]
    representative: tuple[RepresentativeStatement, ...]
    # agree / disagree / seen counts of this group per statement, in the matrix's order
    agree: tuple[int, ...] = field(repr=False)
    disagree: tuple[int, ...] = field(repr=False)
    seen: tuple[int, ...] = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.participants)


@dataclass(frozen=True)
class StatementScore:
    statement: Hashable
    score: float  # consensus: Π (agree+1)/(seen+2); divisive: spread of the groups' leaning


@dataclass(frozen=True)
class Analysis:
    statements: tuple[Hashable, ...]
    participants: int  # everyone with at least one vote
    groups: tuple[Group, ...]
    points: Mapping[Hashable, tuple[float, float]]  # the opinion map, grouped participants
    consensus: tuple[StatementScore, ...]
    divisive: tuple[StatementScore, ...]
    method: Mapping[str, object]

    def previous(self) -> dict[int, tuple[Hashable, ...]]:
        """The groups as ``previous`` for the next :func:`analyse`, to keep their numbers."""
        return {group.id: group.participants for group in self.groups}


def analyse(
    matrix: VoteMatrix,
    *,
    min_votes: int = MIN_VOTES,
    previous: Mapping[int, Sequence[Hashable]] | None = None,
    seed: int = 0,
) -> Analysis:
    """Opinion groups, representative statements, common ground and divisive statements.

    Participants with fewer than ``min(min_votes, statements)`` votes are left out of the
    grouping (and so of all group counts). ``previous`` is the last analysis's groups
    (:meth:`Analysis.previous`), so that a group keeps its number as votes come in. When
    fewer than four participants can be grouped there are no groups and the common
    ground is taken over everyone grouped as one.
    """
    if min_votes < 1:
        raise ValueError("min_votes must be at least 1")
    # One thread: the matrices are small, and on a busy server BLAS/OpenMP threads only
    # contend with each other (measured: 4–7× slower on 2 loaded cores).
    with threadpool_limits(limits=1):
        return _analyse(matrix, min_votes, previous, seed)


def _analyse(
    matrix: VoteMatrix,
    min_votes: int,
    previous: Mapping[int, Sequence[Hashable]] | None,
    seed: int,
) -> Analysis:
    rows = grouped_rows(matrix, min_votes)
    values = matrix.values[rows]
    points, explained = project(values, seed)
    clustering = cluster(points, seed)
    participants = [matrix.participants[i] for i in rows.tolist()]
    groups_found = clustering.k
    labels = clustering.labels if groups_found else np.zeros(len(rows), dtype=int)
    counts = Counts.of(values, labels, max(groups_found, 1 if len(rows) else 0))
    sizes = np.bincount(labels, minlength=counts.seen.shape[0])
    common = consensus(counts, sizes)
    groups: tuple[Group, ...] = ()
    split: list[tuple[int, float]] = []
    if groups_found:
        members = [
            [participants[i] for i in np.flatnonzero(labels == g)] for g in range(groups_found)
        ]
        ids = number_groups(members, previous)
        chosen = representative(counts)
        split = divisive(counts, sizes)
        groups = tuple(
            sorted(
                (
                    Group(
                        ids[g],
                        tuple(members[g]),
                        tuple(_named(r, matrix.statements) for r in chosen[g]),
                        tuple(int(n) for n in counts.agree[g]),
                        tuple(int(n) for n in counts.disagree[g]),
                        tuple(int(n) for n in counts.seen[g]),
                    )
                    for g in range(groups_found)
                ),
                key=lambda group: group.id,
            )
        )
    return Analysis(
        statements=matrix.statements,
        participants=int((matrix.votes_per_participant() > 0).sum()),
        groups=groups,
        points={p: (float(x), float(y)) for p, (x, y) in zip(participants, points, strict=True)},
        consensus=tuple(StatementScore(matrix.statements[j], s) for j, s in common),
        divisive=tuple(StatementScore(matrix.statements[j], s) for j, s in split),
        method={
            "name": "pca-kmeans-silhouette",
            "min_votes": min_votes,
            "grouped": len(rows),
            "k": groups_found,
            "silhouette": clustering.silhouette,
            "explained_variance": [round(float(v), 4) for v in explained],
            "seed": seed,
        },
    )


def _named(chosen: Representative, statements: Sequence[Hashable]) -> RepresentativeStatement:
    return RepresentativeStatement(
        statements[chosen.statement],
        chosen.direction,
        chosen.share_in,
        chosen.share_out,
        chosen.z_group,
        chosen.z_difference,
    )
