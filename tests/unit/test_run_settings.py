"""How a run of a quiz goes, read from a quiz or a class's assignment, and releasing results."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

from lectern.core.review_policy import visible
from lectern.core.run_settings import TEST_DEFAULTS, RunSettings

NOW = datetime(2026, 12, 1, 9, 0)


def _row(**overrides) -> SimpleNamespace:
    values = {"opens_at": None, "closes_at": None, "time_limit_minutes": None, "attempts_allowed": None,
              "grading_method": "highest", "review_correctness": "immediately",
              "review_right_answers": "immediately", "review_explanations": "immediately",
              "practice_allowed": True, "released_at": None, "article_aids": "all"}
    return SimpleNamespace(**{**values, **overrides})


def test_released_parts_show_only_from_the_release_on():
    assert not visible("released", None, NOW, None)
    assert not visible("released", None, NOW, NOW + timedelta(minutes=1))
    assert visible("released", None, NOW, NOW)
    assert visible("released", NOW - timedelta(days=1), NOW, NOW - timedelta(hours=1))


def test_a_class_test_hides_the_review_until_it_closes_and_a_release_waits_for_the_teacher():
    test = RunSettings.of(_row(**TEST_DEFAULTS, closes_at=NOW + timedelta(days=1)), for_class=True)
    assert not test.review_show(NOW).correctness and test.review_show(NOW + timedelta(days=1)).correctness
    waiting = _row(review_correctness="released", review_right_answers="released", review_explanations="never")
    assert not RunSettings.of(waiting, for_class=True).review_show(NOW).correctness
    released = RunSettings.of(_row(**{**vars(waiting), "released_at": NOW}), for_class=True).review_show(NOW)
    assert released.correctness and released.right_answers and not released.explanations


def test_the_test_defaults_are_one_attempt_results_after_the_close_and_no_practice():
    assert TEST_DEFAULTS["attempts_allowed"] == 1 and TEST_DEFAULTS["practice_allowed"] is False
    assert {TEST_DEFAULTS[k] for k in ("review_correctness", "review_right_answers", "review_explanations")} == \
        {"after_close"}


def test_practice_opens_after_the_review_only_for_a_class_with_practice_off():
    assert RunSettings.of(_row(practice_allowed=False), for_class=True).practice_open_after_review()
    assert not RunSettings.of(_row(practice_allowed=False), for_class=False).practice_open_after_review()
    assert not RunSettings.of(_row(practice_allowed=True), for_class=True).practice_open_after_review()
