"""A quiz grade from several attempts, by each grading method."""

from __future__ import annotations

import pytest

from lectern.core.grading_methods import GRADING_METHODS, quiz_grade

ATTEMPTS = [40.0, 90.0, 60.0]  # in the order they were started


@pytest.mark.parametrize("method, expected", [
    ("highest", 90.0), ("last", 60.0), ("first", 40.0), ("average", pytest.approx(63.333, abs=1e-3)),
])
def test_each_method(method, expected):
    assert quiz_grade(method, ATTEMPTS) == expected


@pytest.mark.parametrize("method", GRADING_METHODS)
def test_one_attempt_is_the_grade_and_none_is_no_grade(method):
    assert quiz_grade(method, [75.0]) == 75.0
    assert quiz_grade(method, []) is None


def test_an_unknown_method_is_an_error():
    with pytest.raises(ValueError, match="unknown grading method"):
        quiz_grade("median", ATTEMPTS)
