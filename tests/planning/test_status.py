"""The status rule of a measure (met / close / not met / pending), on its own: pure Python."""

from datetime import date

import pytest

from samrad.planning.status import CLOSE, MET, NOT_MET, PENDING, Summary, measure_status

TODAY = date(2026, 5, 1)


@pytest.mark.parametrize(
    "value, target, expected",
    [
        (120, 100, MET),
        (100, 100, MET),  # exactly the target is met
        (99.9, 100, CLOSE),
        (90, 100, CLOSE),  # exactly 10 % below is still close
        (89.99, 100, NOT_MET),
        (0, 100, NOT_MET),
        (0, 0, MET),  # "at least 0" is always met
        (60.0, 60, MET),  # percentages are plain numbers
        (54.0, 60, CLOSE),
        (53.9, 60, NOT_MET),
        (0.1 + 0.2, 0.3, MET),  # floating point noise does not miss a target
    ],
)
def test_at_least(value, target, expected):
    assert measure_status(value, target, direction="min") == expected


@pytest.mark.parametrize(
    "value, target, expected",
    [
        (30, 42, MET),
        (42, 42, MET),
        (46, 42, CLOSE),  # 42 + 4.2
        (46.2, 42, CLOSE),
        (46.3, 42, NOT_MET),
        (0, 0, MET),
        (1, 0, NOT_MET),  # a target of zero has no margin
        (-5, 0, MET),
    ],
)
def test_at_most(value, target, expected):
    assert measure_status(value, target, direction="max") == expected


def test_no_value_is_pending_whatever_the_target():
    assert measure_status(None, 100) == PENDING
    assert measure_status(None, 0, direction="max") == PENDING


def test_margin_is_configurable():
    assert measure_status(80, 100, margin_pct=20) == CLOSE
    assert measure_status(80, 100, margin_pct=10) == NOT_MET
    assert measure_status(99, 100, margin_pct=0) == NOT_MET
    assert measure_status(100, 100, margin_pct=0) == MET


def test_negative_margin_counts_as_none():
    assert measure_status(99, 100, margin_pct=-5) == NOT_MET


def test_a_measure_whose_date_is_ahead_is_pending_until_met():
    ahead = date(2026, 6, 1)
    assert measure_status(40, 100, due_on=ahead, today=TODAY) == PENDING
    assert measure_status(95, 100, due_on=ahead, today=TODAY) == PENDING
    assert measure_status(100, 100, due_on=ahead, today=TODAY) == MET


def test_a_measure_whose_date_has_come_is_judged():
    assert measure_status(40, 100, due_on=TODAY, today=TODAY) == NOT_MET
    assert measure_status(95, 100, due_on=date(2026, 1, 1), today=TODAY) == CLOSE


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError):
        measure_status(1, 1, direction="exactly")


def test_summary_counts_each_status():
    summary = Summary.of([MET] * 9 + [CLOSE] * 2 + [PENDING] * 2)
    assert (summary.total, summary.met, summary.close, summary.not_met, summary.pending) == (
        13,
        9,
        2,
        0,
        2,
    )
    assert Summary.of([]).total == 0
