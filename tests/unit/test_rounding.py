"""Grades and percentages round half up, as teachers do, even when floats land a hair below the half."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lectern.core.grade_summary import percent_text as grade_text
from lectern.core.rounding import (
    half_up,
    number_text,
    percent_text,
    spreadsheet_number,
    trimmed_text,
)


@pytest.mark.parametrize(("value", "shown"), [
    (12.5, "13%"), (37.5, "38%"), (2.5, "3%"), (0.5, "1%"), (62.5, "63%"),
    (0.125 * 100, "13%"),
    (29 / 200 * 100, "15%"),   # 14.499999999999998 in floats: 14.5 as computed by hand
    (1 / 3 * 100, "33%"), (2 / 3 * 100, "67%"), (0.0, "0%"), (100.0, "100%"), (None, "–"),
])
def test_percentages_round_half_up(value, shown):
    assert percent_text(value) == shown
    assert grade_text(value) == shown  # the class page's figures use the same rounding


def test_python_would_round_these_halves_to_even():
    """Why the module exists: format() and round() give what teachers read as mistakes."""
    assert (f"{12.5:.0f}", round(0.5), f"{29 / 200 * 100:.0f}") == ("12", 0, "14")


@pytest.mark.parametrize(("value", "places", "rounded"), [
    (31.25, 1, Decimal("31.3")), (0.125, 2, Decimal("0.13")), (1.005, 2, Decimal("1.01")),
    (-2.5, 0, Decimal(-3)), (-0.3, 0, Decimal(0)), (14.4999, 0, Decimal(14)),
])
def test_half_up_at_any_precision(value, places, rounded):
    assert half_up(value, places) == rounded


def test_negative_zero_is_shown_as_zero():
    assert number_text(-0.3) == "0" and number_text(-0.04, 1) == "0.0"


@pytest.mark.parametrize(("value", "shown"), [(2.5, "2.5"), (3.0, "3"), (0.125, "0.13"), (0.105, "0.11"), (None, "–")])
def test_points_drop_trailing_zeros(value, shown):
    assert trimmed_text(value, 2) == shown


@pytest.mark.parametrize(("value", "places", "cell"), [
    (12.5, 0, 13), (12.345, 2, 12.35), (62.5, 2, 62.5), (100.0, 2, 100), (0.125, 2, 0.13), (None, 2, None),
])
def test_spreadsheet_cells_round_half_up_and_drop_a_whole_number_s_point(value, places, cell):
    got = spreadsheet_number(value, places)
    assert got == cell and type(got) is type(cell)


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_value_that_is_not_a_number_is_refused(value):
    with pytest.raises(ValueError):
        half_up(value)
