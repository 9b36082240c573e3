"""The triad and dyad arithmetic (pure, no database)."""

import math

import pytest

from samrad.signification import ternary


@pytest.mark.parametrize("weights", [(1, 0, 0), (0.2, 0.3, 0.5), (1 / 3, 1 / 3, 1 / 3)])
def test_valid_weights_are_kept(weights):
    assert ternary.check_weights(*weights) == pytest.approx(weights)


@pytest.mark.parametrize(
    "weights",
    [
        (0.5, 0.5, 0.5),
        (0.2, 0.2, 0.2),
        (1.2, -0.1, -0.1),
        (-0.5, 0.75, 0.75),
        (math.nan, 0.5, 0.5),
        ("x", 0, 1),
    ],
)
def test_weights_must_sum_to_one_within_bounds(weights):
    with pytest.raises(ternary.InvalidWeights):
        ternary.check_weights(*weights)


def test_percentages_become_weights():
    assert ternary.from_percentages(50, 25, 25) == pytest.approx((0.5, 0.25, 0.25))
    with pytest.raises(ternary.InvalidWeights):
        ternary.from_percentages(50, 25, 20)


def test_corners_and_centre_in_the_plane():
    assert ternary.to_xy(1, 0, 0) == pytest.approx(ternary.CORNERS["a"])
    assert ternary.to_xy(0, 1, 0) == pytest.approx(ternary.CORNERS["b"])
    assert ternary.to_xy(0, 0, 1) == pytest.approx(ternary.CORNERS["c"])
    assert ternary.to_xy(1 / 3, 1 / 3, 1 / 3) == pytest.approx((0.5, ternary.HEIGHT / 3))


@pytest.mark.parametrize("weights", [(0.2, 0.3, 0.5), (0.7, 0.1, 0.2), (0, 0.5, 0.5), (1, 0, 0)])
def test_plane_round_trip(weights):
    assert ternary.from_xy(*ternary.to_xy(*weights)) == pytest.approx(weights)


def test_a_point_outside_lands_on_the_nearest_edge():
    a, b, c = ternary.from_xy(0.5, -0.2)  # below the bottom edge
    assert a == 0 and b + c == pytest.approx(1)
    assert min(ternary.from_xy(2.0, 2.0)) >= 0


def test_regions_split_at_one_half():
    assert ternary.region_of(0.6, 0.2, 0.2) == "a"
    assert ternary.region_of(0.1, 0.5, 0.4) == "b"
    assert ternary.region_of(0.2, 0.2, 0.6) == "c"
    assert ternary.region_of(0.4, 0.3, 0.3) == "middle"


def test_region_shares_and_mean_point():
    points = [(1, 0, 0), (0.8, 0.1, 0.1), (0, 1, 0), (1 / 3, 1 / 3, 1 / 3)]
    shares = ternary.region_shares(points)
    assert shares["a"] == (2, 0.5)
    assert shares["b"] == (1, 0.25)
    assert shares["c"] == (0, 0.0)
    assert shares["middle"] == (1, 0.25)
    assert ternary.mean_point(points) == pytest.approx(
        ((1 + 0.8 + 1 / 3) / 4, (0.1 + 1 + 1 / 3) / 4, (0.1 + 1 / 3) / 4)
    )
    assert ternary.mean_point([]) is None


def test_the_grid_covers_the_triangle():
    cells = ternary.grid_cells(6)
    assert len(cells) == 36
    area = sum(
        abs((p1[0] - p0[0]) * (p2[1] - p0[1]) - (p2[0] - p0[0]) * (p1[1] - p0[1])) / 2
        for p0, p1, p2 in cells
    )
    assert area == pytest.approx(ternary.HEIGHT / 2)


def test_density_peaks_where_the_points_are():
    cells = ternary.density([(0.9, 0.05, 0.05)] * 5, resolution=10)
    densest, value = max(cells, key=lambda item: item[1])
    centre = (sum(p[0] for p in densest) / 3, sum(p[1] for p in densest) / 3)
    assert value == 1.0
    assert centre[1] > ternary.HEIGHT * 0.7  # near the top corner
    assert all(v == 0 for _, v in ternary.density([], resolution=4))


def test_histogram_of_dyad_values():
    bins = ternary.histogram([0, 5, 10, 55, 99.9, 100], bins=10)
    assert [count for _, _, count in bins] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
    assert bins[0][:2] == (0, 10) and bins[-1][:2] == (90, 100)
