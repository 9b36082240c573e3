"""The participant × statement vote matrix that the opinion analysis works on.

Votes follow Pol.is's export convention: agree = 1, disagree = −1, pass = 0. A cell
that a participant never voted on is missing (NaN), which is not the same as a pass:
a pass says "I have seen this and take no side" and counts as a vote seen.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

AGREE, PASS, DISAGREE = 1, 0, -1
VOTE_VALUES = (AGREE, PASS, DISAGREE)


@dataclass(frozen=True)
class VoteMatrix:
    """Votes as a dense float matrix: one row per participant, one column per statement.

    ``values[i, j]`` is 1, 0 or −1, or NaN when participant ``participants[i]`` did not
    vote on statement ``statements[j]``. Participants and statements are kept in the
    sorted order of their ids, so the same votes always give the same matrix.
    """

    participants: tuple[Hashable, ...]
    statements: tuple[Hashable, ...]
    values: np.ndarray

    @classmethod
    def from_arrays(
        cls,
        participants: Sequence[Hashable] | np.ndarray,
        statements: Sequence[Hashable] | np.ndarray,
        votes: Sequence[int] | np.ndarray,
        *,
        all_statements: Sequence[Hashable] | None = None,
    ) -> VoteMatrix:
        """Build the matrix from three parallel arrays, one entry per vote.

        When the same participant voted more than once on a statement, the vote that
        comes last in the arrays counts (sort by time first to get "latest wins").
        ``all_statements`` adds statements that nobody has voted on yet. Raises
        ``ValueError`` for a vote that is not 1, 0 or −1 or arrays of unequal length.
        """
        voter_ids = np.asarray(participants)
        statement_ids = np.asarray(statements)
        values = np.asarray(votes)
        if not (len(voter_ids) == len(statement_ids) == len(values)):
            raise ValueError("participants, statements and votes must have the same length")
        if len(values) and not np.isin(values, VOTE_VALUES).all():
            raise ValueError("a vote must be 1 (agree), 0 (pass) or -1 (disagree)")
        rows, row_index = _unique(voter_ids)
        if all_statements is not None and len(all_statements):
            statement_ids_all = np.concatenate([np.asarray(all_statements), statement_ids])
            columns, column_index = _unique(statement_ids_all)
            column_index = column_index[len(all_statements) :]
        else:
            columns, column_index = _unique(statement_ids)
        matrix = np.full((len(rows), len(columns)), np.nan)
        if len(values):
            cell = row_index.astype(np.int64) * len(columns) + column_index
            # The last vote per cell: the first occurrence in the reversed arrays.
            _, first_in_reversed = np.unique(cell[::-1], return_index=True)
            last = len(cell) - 1 - first_in_reversed
            matrix[row_index[last], column_index[last]] = values[last]
        return cls(tuple(_plain(rows)), tuple(_plain(columns)), matrix)

    @property
    def voted(self) -> np.ndarray:
        """Boolean matrix: True where a participant voted (agree, disagree or pass)."""
        return ~np.isnan(self.values)

    def votes_per_participant(self) -> np.ndarray:
        return self.voted.sum(axis=1)

    def without_statements(self, hidden: set[Hashable]) -> VoteMatrix:
        """The matrix without the columns of ``hidden`` (moderated-out) statements."""
        keep = [j for j, statement in enumerate(self.statements) if statement not in hidden]
        return VoteMatrix(
            self.participants,
            tuple(self.statements[j] for j in keep),
            self.values[:, keep],
        )


def _unique(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if len(ids) == 0:
        return ids, np.zeros(0, dtype=np.int64)
    return np.unique(ids, return_inverse=True)


def _plain(ids: np.ndarray) -> list[Hashable]:
    """Numpy scalars back to Python ints and strings, so that ids compare and print plainly."""
    return ids.tolist()
