"""Feedback bands: checking the rows a teacher typed, and picking the band a score falls in."""

from __future__ import annotations

import pytest

from lectern.core.feedback_bands import (
    Band,
    band_for,
    band_problems,
    bands_from_data,
    bands_from_rows,
)

BANDS = [Band(80, "Well done"), Band(50, "Good effort"), Band(0, "Read the article again")]


@pytest.mark.parametrize(("percent", "text"), [
    (100, "Well done"), (80, "Well done"), (79.99999999999, "Well done"), (79.5, "Good effort"),
    (50, "Good effort"), (49.9, "Read the article again"), (0, "Read the article again"),
])
def test_a_score_gets_the_highest_band_it_reaches(percent, text):
    assert band_for(BANDS, percent).text == text


def test_no_band_without_a_score_or_below_the_lowest_band():
    assert band_for(BANDS, None) is None
    assert band_for([Band(50, "Good effort")], 20) is None
    assert band_for([], 90) is None


def test_rows_become_bands_highest_first_and_blank_rows_are_dropped():
    rows = [(0, " Read again "), (None, ""), (80, "Well done"), (50, "Good effort")]
    assert band_problems(rows) == []
    bands = bands_from_rows(rows)
    assert [b.start for b in bands] == [80, 50, 0] and bands[2].text == "Read again"
    assert bands_from_data([b.to_data() for b in reversed(bands)]) == bands
    assert bands_from_data(None) == []


@pytest.mark.parametrize(("rows", "expected"), [
    ([(101, "Too high")], [(0, "from", "Give a score from 0 to 100.")]),
    ([(-1, "Too low")], [(0, "from", "Give a score from 0 to 100.")]),
    ([(None, "No score")], [(0, "from", "Give the lowest score for this feedback, from 0 to 100.")]),
    ([(50, "")], [(0, "text", "Write the feedback for this score, or clear the score.")]),
    ([(50, "A"), (50, "B")], [(1, "from", "Another row already starts at 50%; give each row its own score.")]),
    ([(50, "x" * 2001)], [(0, "text", "Keep the feedback under 2,000 characters.")]),
])
def test_each_problem_is_named_on_its_row(rows, expected):
    assert [(p.row, p.part, p.message) for p in band_problems(rows)] == expected


def test_every_problem_is_reported_at_once():
    problems = band_problems([(120, ""), (None, "text"), (10, "ok")])
    assert [(p.row, p.part) for p in problems] == [(0, "from"), (0, "text"), (1, "from")]
