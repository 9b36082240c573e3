"""Ternary (triad) and dyad arithmetic, plain Python and numpy, no Django.

A triad answer is a point in a triangle given as barycentric weights (a, b, c) with
a + b + c = 1: `a` belongs to the top corner, `b` to the bottom-left, `c` to the
bottom-right. In the plane the triangle is equilateral with side 1:

    A = (0.5, √3/2)   B = (0, 0)   C = (1, 0)       (y grows upwards)

The medial triangle (joining the midpoints of the sides) splits it into four regions of equal
area: the corner region of a label is where its weight is at least ½, the middle one where
none is. Evenly spread answers put a quarter in each — the natural baseline for "shares".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

HEIGHT = math.sqrt(3) / 2
CORNERS = {"a": (0.5, HEIGHT), "b": (0.0, 0.0), "c": (1.0, 0.0)}
REGIONS = ("a", "b", "c", "middle")
TOLERANCE = 1e-6
CORNER_THRESHOLD = 0.5


class InvalidWeights(ValueError):
    pass


def check_weights(a: float, b: float, c: float) -> tuple[float, float, float]:
    """Weights as floats if each is within 0..1 and together they make 1 (within 1e-6)."""
    try:
        weights = tuple(float(w) for w in (a, b, c))
    except (TypeError, ValueError) as error:
        raise InvalidWeights("not numbers") from error
    if any(math.isnan(w) or w < -TOLERANCE or w > 1 + TOLERANCE for w in weights):
        raise InvalidWeights("out of bounds")
    if abs(sum(weights) - 1) > TOLERANCE:
        raise InvalidWeights("does not sum to 1")
    clipped = [min(max(w, 0.0), 1.0) for w in weights]
    total = sum(clipped)
    return (clipped[0] / total, clipped[1] / total, clipped[2] / total)


def from_percentages(a: float, b: float, c: float) -> tuple[float, float, float]:
    """Three shares in per cent (the accessible fallback's number inputs) as weights."""
    return check_weights(float(a) / 100, float(b) / 100, float(c) / 100)


def to_xy(a: float, b: float, c: float) -> tuple[float, float]:
    """The point in the plane of barycentric weights (a, b, c)."""
    return (0.5 * a + 1.0 * c, HEIGHT * a)


def from_xy(x: float, y: float) -> tuple[float, float, float]:
    """The weights of the point (x, y), moved to the nearest point inside the triangle."""
    a = y / HEIGHT
    c = x - 0.5 * a
    b = 1 - a - c
    return clamp(a, b, c)


def clamp(a: float, b: float, c: float) -> tuple[float, float, float]:
    """Project (a, b, c) with a + b + c = 1 onto the triangle (negative weights cut, rest
    rescaled), so that a point dropped just outside the edge lands on the edge."""
    weights = [max(w, 0.0) for w in (a, b, c)]
    total = sum(weights)
    if total <= 0:
        return (1 / 3, 1 / 3, 1 / 3)
    return (weights[0] / total, weights[1] / total, weights[2] / total)


def region_of(a: float, b: float, c: float) -> str:
    """ "a", "b" or "c" when that weight is at least ½, else "middle"."""
    weights = {"a": a, "b": b, "c": c}
    name, weight = max(weights.items(), key=lambda item: item[1])
    return name if weight >= CORNER_THRESHOLD else "middle"


def mean_point(points: Sequence[tuple[float, float, float]]) -> tuple[float, float, float] | None:
    """The mean of barycentric points (it is their centroid in the plane too)."""
    if not points:
        return None
    array = np.asarray(points, dtype=float)
    mean = array.mean(axis=0)
    return (float(mean[0]), float(mean[1]), float(mean[2]))


def region_shares(points: Iterable[tuple[float, float, float]]) -> dict[str, tuple[int, float]]:
    """For each region: how many points fall in it and their share (0..1) of all."""
    counts = dict.fromkeys(REGIONS, 0)
    total = 0
    for point in points:
        counts[region_of(*point)] += 1
        total += 1
    return {name: (count, count / total if total else 0.0) for name, count in counts.items()}


def grid_cells(resolution: int) -> list[tuple[tuple[float, float], ...]]:
    """The triangle cut into resolution² small triangles, each as three (x, y) corners."""
    step = 1 / resolution
    cells: list[tuple[tuple[float, float], ...]] = []
    for row in range(resolution):
        for col in range(resolution - row):
            # Upward cell: corners at lattice points (i, j) in (b-c edge units, height units).
            p0 = _lattice(row, col, step)
            p1 = _lattice(row, col + 1, step)
            p2 = _lattice(row + 1, col, step)
            cells.append((p0, p1, p2))
            if col < resolution - row - 1:
                p3 = _lattice(row + 1, col + 1, step)
                cells.append((p1, p3, p2))
    return cells


def _lattice(row: int, col: int, step: float) -> tuple[float, float]:
    return (col * step + row * step * 0.5, row * step * HEIGHT)


def density(
    points: Sequence[tuple[float, float, float]], *, resolution: int = 12, bandwidth: float = 0.12
) -> list[tuple[tuple[tuple[float, float], ...], float]]:
    """A Gaussian kernel density of the points on the small triangles of `grid_cells`:
    each cell with its density relative to the densest (0..1). Empty input → all zero."""
    cells = grid_cells(resolution)
    centres = np.array(
        [[sum(p[0] for p in cell) / 3, sum(p[1] for p in cell) / 3] for cell in cells]
    )
    if not points:
        return [(cell, 0.0) for cell in cells]
    xy = np.array([to_xy(*point) for point in points])
    squared = ((centres[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2)
    values = np.exp(-squared / (2 * bandwidth**2)).sum(axis=1)
    peak = values.max()
    relative = values / peak if peak > 0 else values
    return [(cell, float(v)) for cell, v in zip(cells, relative, strict=True)]


def histogram(values: Iterable[float], *, bins: int = 10) -> list[tuple[float, float, int]]:
    """Counts of dyad values (0..100) in `bins` equal bins: (low, high, count); 100 falls in
    the last bin."""
    width = 100 / bins
    counts = [0] * bins
    for value in values:
        index = min(int(float(value) // width), bins - 1)
        counts[max(index, 0)] += 1
    return [(i * width, (i + 1) * width, count) for i, count in enumerate(counts)]


def mean(values: Sequence[float]) -> float | None:
    return float(np.mean(values)) if len(values) else None
