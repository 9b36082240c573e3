"""Number: one number per participant, optionally between `number_min` and `number_max`.

Nordic users write decimals with a comma ("3,5") and group thousands with a space
("1 000"); both are read. The projector shows count, mean, median, smallest, largest and a
histogram of at most `MAX_BINS` bins.
"""

import math
import re
import statistics
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from samrad.live.errors import Refused
from samrad.live.kinds.base import Answer, Kind, format_number, format_number_lazy, percent
from samrad.live.models import Question, Response

MAX_BINS = 8
NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
SPACES = re.compile(r"[\s\u00a0\u202f']")
# "Nice" bin widths: 1, 2, 2.5 and 5 times a power of ten (integers: no 2.5).
STEPS = (1, 2, 2.5, 5)


def parse_number(raw: Any) -> float | None:
    """A finite number from a form's text or from JSON; None if it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str):
        text = SPACES.sub("", raw).replace("\u2212", "-")  # U+2212 is the typographic minus
        if not NUMBER.fullmatch(text):
            return None
        value = float(text.replace(",", "."))
    else:
        return None
    return value if math.isfinite(value) else None


def _widths(smallest: float, integers: bool) -> Iterator[float]:
    """Nice widths from `smallest` upwards."""
    exponent = math.floor(math.log10(smallest)) if smallest > 0 else 0
    while True:
        for step in STEPS:
            if integers and step == 2.5:
                continue
            width = float(Decimal(str(step)).scaleb(exponent))
            if width >= smallest and (not integers or width >= 1):
                yield width
        exponent += 1


def _steps(value: float, start: float, width: float) -> int:
    """How many whole widths `value` lies above `start` (4.0 is 8 steps of 0.2 above 2.4,
    not the 7.999… that floating point makes of it)."""
    return math.floor(round((value - start) / width, 9))


def histogram(values: list[float], max_bins: int = MAX_BINS) -> list[dict[str, Any]]:
    """Bins of equal, round width covering the values: [{"low", "high", "closed", "count"}].

    Whole numbers get closed bins ("10–19", or one value per bin when they fit); other
    numbers half-open ones, low ≤ x < high ("10 to under 20"), the largest value below the
    last bin's `high`.
    """
    if not values:
        return []
    values = [float(v) for v in values]
    lowest, highest = min(values), max(values)
    integers = all(v.is_integer() for v in values)
    if integers and highest - lowest < max_bins:
        edges: list[tuple[float, float]] = [(v, v) for v in range(int(lowest), int(highest) + 1)]
        width, start = 1.0, lowest
    elif highest == lowest or not math.isfinite(highest - lowest):
        return [{"low": lowest, "high": highest, "closed": True, "count": len(values)}]
    else:
        for width in _widths((highest - lowest) / max_bins, integers):
            start = round(_steps(lowest, 0, width) * width, 9)
            bins = _steps(highest, start, width) + 1
            if bins <= max_bins:
                break
        edges = [
            (
                round(start + i * width, 9),
                round(start + (i + 1) * width - (1 if integers else 0), 9),
            )
            for i in range(bins)
        ]
    counts = [0] * len(edges)
    for value in values:
        counts[min(len(edges) - 1, max(0, _steps(value, start, width)))] += 1
    return [
        {"low": low, "high": high, "closed": integers, "count": count}
        for (low, high), count in zip(edges, counts, strict=True)
    ]


class NumericKind(Kind):
    name = "numeric"

    def clean(self, question: Question, answer: Answer) -> dict[str, Any]:
        value = parse_number(answer.value)
        if value is None:
            raise Refused("not_a_number")
        low, high = question.number_min, question.number_max
        bounds = {
            "min": format_number_lazy(low) if low is not None else "",
            "max": format_number_lazy(high) if high is not None else "",
        }
        if (low is not None and value < low) or (high is not None and value > high):
            if low is not None and high is not None:
                raise Refused("out_of_range", **bounds)
            raise Refused("too_small" if low is not None else "too_large", **bounds)
        return {"value": value}

    def results(self, question: Question, responses: QuerySet[Response]) -> dict[str, Any]:
        values = [v for v in responses.values_list("value", flat=True) if v is not None]
        n = len(values)
        bins = histogram(values)
        top = max((b["count"] for b in bins), default=0)
        for b in bins:
            b["percent"] = percent(b["count"], n)
            b["width"] = percent(b["count"], top)
        return {
            "kind": self.name,
            "respondents": n,
            "mean": statistics.fmean(values) if n else None,
            "median": statistics.median(values) if n else None,
            "min": min(values) if n else None,
            "max": max(values) if n else None,
            "bins": bins,
        }

    def own_summary(self, question: Question, own: list[Response]) -> dict[str, Any]:
        value = own[0].value if own else None
        return {"number_value": format_number(value, 6) if value is not None else ""}

    def draft_summary(self, question: Question, answer: Answer) -> dict[str, Any]:
        raw = answer.value
        return {"number_value": raw if isinstance(raw, str) else ""}
