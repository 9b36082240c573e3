"""The pictures of a survey's stories, as data for the inline SVG templates (and the report's
PNGs): a ternary scatter with a kernel-density shading per triad, a histogram per dyad, option
counts per tags/segment signifier, each with the numbers a text summary needs.

Geometry only here; the templates draw. Coordinates are SVG pixels (y grows downwards).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from samrad.signification import ternary
from samrad.signification.models import Signifier, SignifierKind
from samrad.signification.selectors import Filters, StoryRow

SIDE = 300
LEFT = 70
TOP = 48
WIDTH = LEFT * 2 + SIDE
HEIGHT = TOP + ternary.HEIGHT * SIDE + 62
LABEL_WIDTH = 24  # characters per line of a corner's label


def px(point_xy: tuple[float, float]) -> tuple[float, float]:
    x, y = point_xy
    return (round(LEFT + x * SIDE, 1), round(TOP + (ternary.HEIGHT - y) * SIDE, 1))


def _points_attr(points) -> str:
    return " ".join(f"{x},{y}" for x, y in (px(p) for p in points))


def _mid(p, q):
    return ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)


A, B, C = ternary.CORNERS["a"], ternary.CORNERS["b"], ternary.CORNERS["c"]
REGION_SHAPES = {
    "a": (A, _mid(A, B), _mid(A, C)),
    "b": (B, _mid(B, C), _mid(A, B)),
    "c": (C, _mid(A, C), _mid(B, C)),
    "middle": (_mid(A, B), _mid(B, C), _mid(A, C)),
}


@dataclass
class Region:
    name: str
    label: str
    count: int
    share: float
    points: str
    query: str
    selected: bool

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass
class TriadPlot:
    signifier: Signifier
    n: int
    not_applicable: int
    mean: tuple[float, float, float] | None
    mean_px: tuple[float, float] | None
    regions: list[Region]
    dots: list[tuple[float, float, int]]  # x, y, story id
    cells: list[tuple[str, float]]  # polygon points, opacity
    outline: str
    labels: list[tuple[list[str], float, float, str]]  # lines, x, y, anchor
    kind: str = "triad"
    mean_shares: list[tuple[str, int]] = field(default_factory=list)
    width: int = WIDTH
    height: float = HEIGHT


@dataclass
class Bin:
    low: float
    high: float
    count: int
    x: float
    y: float
    w: float
    h: float


@dataclass
class DyadPlot:
    signifier: Signifier
    n: int
    not_applicable: int
    mean: float | None
    bins: list[Bin]
    kind: str = "dyad"
    width: int = 440
    height: int = 190
    baseline: float = 150
    mean_x: float | None = None


@dataclass
class OptionCount:
    index: int
    label: str
    count: int
    percent: float


@dataclass
class CountPlot:
    signifier: Signifier
    n: int
    options: list[OptionCount] = field(default_factory=list)
    kind: str = "counts"


def region_label(signifier: Signifier, name: str) -> str:
    if name == "middle":
        return ""
    return signifier.labels["abc".index(name)]


def _label_lines(text: str) -> list[str]:
    return textwrap.wrap(text, LABEL_WIDTH)[:3] or [""]


def triad_plot(signifier: Signifier, rows: list[StoryRow], filters: Filters) -> TriadPlot:
    weights, ids, not_applicable = [], [], 0
    for row in rows:
        answer = row.answers.get(signifier.pk)
        if answer is None:
            continue
        if answer.not_applicable:
            not_applicable += 1
        elif answer.weights:
            weights.append(answer.weights)
            ids.append(row.story.pk)
    shares = ternary.region_shares(weights)
    regions = [
        Region(
            name=name,
            label=region_label(signifier, name),
            count=shares[name][0],
            share=shares[name][1],
            points=_points_attr(REGION_SHAPES[name]),
            query=filters.query_string(region=(signifier.pk, name)),
            selected=filters.region == (signifier.pk, name),
        )
        for name in ternary.REGIONS
    ]
    cells = [
        (_points_attr(cell), round(0.08 + 0.62 * value, 3))
        for cell, value in ternary.density(weights)
        if value >= 0.05
    ]
    mean = ternary.mean_point(weights)
    top_x, top_y = px(A)
    left_x, left_y = px(B)
    right_x, right_y = px(C)
    labels = [
        (_label_lines(signifier.labels[0]), top_x, top_y - 12, "middle"),
        (_label_lines(signifier.labels[1]), 8, left_y + 24, "start"),
        (_label_lines(signifier.labels[2]), WIDTH - 8, right_y + 24, "end"),
    ]
    # The top label grows upwards, so that its last line stays next to the corner.
    lines = labels[0][0]
    labels[0] = (lines, top_x, top_y - 12 - 17 * (len(lines) - 1), "middle")
    return TriadPlot(
        signifier=signifier,
        n=len(weights),
        not_applicable=not_applicable,
        mean=mean,
        mean_px=px(ternary.to_xy(*mean)) if mean else None,
        regions=regions,
        dots=[(*px(ternary.to_xy(*w)), story_id) for w, story_id in zip(weights, ids, strict=True)],
        cells=cells,
        outline=_points_attr((A, B, C)),
        labels=labels,
        height=HEIGHT + 17 * (len(lines) - 1),
        mean_shares=list(zip(signifier.labels, _whole_percents(mean), strict=True)) if mean else [],
    )


def _whole_percents(weights: tuple[float, float, float]) -> list[int]:
    """Whole per cents adding up to 100 (largest remainders get the rest)."""
    raw = [w * 100 for w in weights]
    floors = [int(v) for v in raw]
    order = sorted(range(3), key=lambda i: raw[i] - floors[i], reverse=True)
    for i in order[: 100 - sum(floors)]:
        floors[i] += 1
    return floors


def dyad_plot(signifier: Signifier, rows: list[StoryRow]) -> DyadPlot:
    values, not_applicable = [], 0
    for row in rows:
        answer = row.answers.get(signifier.pk)
        if answer is None:
            continue
        if answer.not_applicable:
            not_applicable += 1
        elif answer.value is not None:
            values.append(answer.value)
    counts = ternary.histogram(values)
    most = max((count for _, _, count in counts), default=0) or 1
    plot = DyadPlot(
        signifier=signifier,
        n=len(values),
        not_applicable=not_applicable,
        mean=ternary.mean(values),
        bins=[],
    )
    left, inner = 20, 400
    bar_width = inner / len(counts)
    for index, (low, high, count) in enumerate(counts):
        height = 120 * count / most
        plot.bins.append(
            Bin(
                low=low,
                high=high,
                count=count,
                x=round(left + index * bar_width + 2, 1),
                y=round(plot.baseline - height, 1),
                w=round(bar_width - 4, 1),
                h=round(height, 1),
            )
        )
    if plot.mean is not None:
        plot.mean_x = round(left + inner * plot.mean / 100, 1)
    return plot


def count_plot(signifier: Signifier, rows: list[StoryRow]) -> CountPlot:
    counts = [0] * len(signifier.labels)
    answered = 0
    for row in rows:
        answer = row.answers.get(signifier.pk)
        if answer is None or answer.not_applicable:
            continue
        answered += 1
        for index in answer.choices:
            if 0 <= index < len(counts):
                counts[index] += 1
    return CountPlot(
        signifier=signifier,
        n=answered,
        options=[
            OptionCount(
                index=i,
                label=label,
                count=counts[i],
                percent=round(100 * counts[i] / answered) if answered else 0,
            )
            for i, label in enumerate(signifier.labels)
        ],
    )


def plots_for(signifiers: list[Signifier], rows: list[StoryRow], filters: Filters) -> list:
    """One plot per signifier, in the survey's order, of the stories in `rows`."""
    result: list[TriadPlot | DyadPlot | CountPlot] = []
    for signifier in signifiers:
        if signifier.kind == SignifierKind.TRIAD:
            result.append(triad_plot(signifier, rows, filters))
        elif signifier.kind == SignifierKind.DYAD:
            result.append(dyad_plot(signifier, rows))
        else:
            result.append(count_plot(signifier, rows))
    return result


def describe(signifier: Signifier, answer) -> str:
    """A story's value on a signifier as a short text, for the story list."""
    if answer.not_applicable:
        return str(_("Not applicable"))
    if signifier.kind == SignifierKind.TRIAD and answer.weights:
        shares = _whole_percents(answer.weights)
        return ", ".join(
            f"{label} {share}\u00a0%" for label, share in zip(signifier.labels, shares, strict=True)
        )
    if signifier.kind == SignifierKind.DYAD and answer.value is not None:
        return f"{round(answer.value)} ({signifier.labels[0]} 0 – {signifier.labels[1]} 100)"
    return ", ".join(signifier.labels[i] for i in answer.choices if 0 <= i < len(signifier.labels))
