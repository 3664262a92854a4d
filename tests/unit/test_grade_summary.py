"""The class page's figures for a quiz: mean, median, ten bands, and the settings in words."""

from __future__ import annotations

import pytest

from lectern.core.grade_summary import (
    attempts_text,
    grading_text,
    percent_text,
    review_text,
    summarise,
    time_limit_text,
)


def test_mean_median_and_bands_of_grades():
    summary = summarise([0.0, 62.5, 62.5, 100.0])
    assert (summary.count, summary.mean, summary.median) == (4, 56.25, 62.5)
    counts = {b.label: b.count for b in summary.bands}
    assert counts == {"0–10": 1, "10–20": 0, "20–30": 0, "30–40": 0, "40–50": 0, "50–60": 0,
                      "60–70": 2, "70–80": 0, "80–90": 0, "90–100": 1}
    assert {b.label: b.height for b in summary.bands if b.count} == {"0–10": 0.5, "60–70": 1.0, "90–100": 0.5}


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert summarise([10.0, 20.0, 40.0, 90.0]).median == 30.0


def test_no_grades_give_no_figures_but_ten_empty_bands():
    summary = summarise([])
    assert (summary.count, summary.mean, summary.median) == (0, None, None)
    assert len(summary.bands) == 10 and all(b.count == 0 and b.height == 0 for b in summary.bands)
    assert percent_text(summary.mean) == "–"


@pytest.mark.parametrize("value, text", [(56.25, "56%"), (100.0, "100%"), (0.0, "0%"), (None, "–")])
def test_percent_text(value, text):
    assert percent_text(value) == text


def test_the_review_settings_read_as_one_line_grouped_by_when():
    assert review_text("immediately", "after_close", "after_close") == (
        "the score: immediately after submitting; the right answers and the explanations: after the quiz closes")
    assert review_text("released", "released", "never") == (
        "the score and the right answers: when I release the results; the explanations: never shown")


@pytest.mark.parametrize("allowed, text", [(None, "unlimited attempts"), (1, "1 attempt"), (3, "3 attempts")])
def test_attempts_text(allowed, text):
    assert attempts_text(allowed) == text


def test_time_limit_and_grading_words():
    assert (time_limit_text(None), time_limit_text(0), time_limit_text(25)) == ("no time limit", "no time limit",
                                                                                  "25 min")
    assert grading_text("highest") == "highest grade" and grading_text("average") == "average of attempts"
