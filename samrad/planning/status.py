"""Whether a measure of the goal matrix is met, close, not met or pending. Pure Python.

The rule (seeds/004: "nine met, two not far off, two remain to be followed up"):

- **pending** when there is no value yet, or when the measure's date is still ahead and the
  target is not met yet (it may still be reached);
- **met** when the value reaches the target: at least the target (`min`) or at most the
  target (`max`);
- **close** when it misses by no more than `margin_pct` per cent of the target;
- **not met** otherwise.

A target of 0 has no margin (0 % of 0): "at most 0 complaints" is met only by 0.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

MET = "met"
CLOSE = "close"
NOT_MET = "not_met"
PENDING = "pending"
ORDER = (MET, CLOSE, NOT_MET, PENDING)

EPSILON = 1e-9


def measure_status(
    value: float | None,
    target: float,
    *,
    direction: str = "min",
    margin_pct: float = 10.0,
    due_on: date | None = None,
    today: date | None = None,
) -> str:
    if direction not in ("min", "max"):
        raise ValueError(f"direction {direction!r}: expected 'min' or 'max'")
    if value is None:
        return PENDING
    margin = abs(target) * max(margin_pct, 0.0) / 100.0
    if direction == "min":
        met = value >= target - EPSILON
        close = value >= target - margin - EPSILON
    else:
        met = value <= target + EPSILON
        close = value <= target + margin + EPSILON
    if met:
        return MET
    if due_on is not None and today is not None and today < due_on:
        return PENDING
    return CLOSE if close else NOT_MET


@dataclass(frozen=True)
class Summary:
    total: int
    met: int
    close: int
    not_met: int
    pending: int

    @classmethod
    def of(cls, statuses: list[str]) -> Summary:
        counts = Counter(statuses)
        return cls(
            total=len(statuses),
            met=counts[MET],
            close=counts[CLOSE],
            not_met=counts[NOT_MET],
            pending=counts[PENDING],
        )
