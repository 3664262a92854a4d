"""Practice with several tries: credit, the penalty per try, when the question ends, and when practice is open."""

from __future__ import annotations

from datetime import datetime

import pytest

from lectern.core import practice
from lectern.core.practice import PENALTY, check, give_up, practice_refusal, words_to_read
from lectern.core.questions import parse_question
from lectern.core.review_policy import ReviewShow, review_show


def test_right_at_the_first_try_ends_with_full_credit():
    result = check(1.0, tries_before=0)
    assert (result.finished, result.credit, result.state, result.needs_hint) == (True, 1.0, "correct", False)


def test_wrong_at_the_first_try_earns_a_hint_and_another_try():
    result = check(0.0, tries_before=0)
    assert (result.finished, result.needs_hint, result.credit, result.state) == (False, True, 0.0, "incorrect")


def test_right_at_the_second_try_loses_a_third():
    first = check(0.0, 0)
    second = check(1.0, first.tries, first.credit)
    assert second.finished and second.credit == pytest.approx(1 - PENALTY) == pytest.approx(2 / 3)


def test_partly_right_then_wrong_keeps_the_best_credit():
    first = check(0.5, 0)
    assert not first.finished and first.credit == 0.5 and first.state == "partial"
    second = check(0.0, first.tries, first.credit)
    assert second.finished and second.credit == 0.5


def test_the_penalty_never_goes_below_zero_and_the_tries_run_out():
    second = check(0.25, 1, 0.0)
    assert second.finished and second.credit == 0.0
    with pytest.raises(ValueError):
        check(1.0, tries_before=practice.MAX_TRIES)


def test_giving_up_ends_with_what_was_earned():
    assert give_up(1, 0.5) == practice.Check(tries=1, fraction=0.0, credit=0.5, finished=True)


NOW = datetime(2026, 5, 1, 12, 0)


@pytest.mark.parametrize("allowed, settings, closes, expected", [
    (True, ("immediately",) * 3, None, None),
    (False, ("immediately",) * 3, None, practice.PRACTICE_OFF),
    (True, ("immediately", "after_close", "immediately"), "01 Jun 2026, 09:00 UTC", "until it closes on 01 Jun 2026"),
    (True, ("immediately", "immediately", "never"), None, "keeps its answers hidden."),
    (True, ("never", "immediately", "immediately"), None, None),  # scores hidden, answers shown: practice shows only answers
])
def test_practice_is_open_only_while_the_review_would_show_the_answers(allowed, settings, closes, expected):
    show = review_show(*settings, closes_at=datetime(2026, 6, 1, 9), now=NOW)
    refusal = practice_refusal(allowed, show, closes)
    if expected is None:
        assert refusal is None
    else:
        assert refusal is not None and expected in refusal


def test_practice_opens_once_the_quiz_has_closed():
    show = review_show("after_close", "after_close", "after_close", closes_at=datetime(2026, 4, 1), now=NOW)
    assert show == ReviewShow() and practice_refusal(True, show, "01 Apr 2026") is None


def test_words_to_read_counts_the_prompt_and_the_choices_not_the_answers():
    question = parse_question({
        "id": "q", "type": "single_choice", "prompt": "Where did they meet?", "explanation": "In Berlin, as stated.",
        "evidence": [{"paragraph": 1, "quote": "Berlin"}],
        "options": [{"text": "Berlin", "correct": True, "feedback": "Right, it says so in the first line."},
                    {"text": "Paris, France"}],
    })
    assert words_to_read(question) == 4 + 1 + 2
