"""The item analysis summary in plain words, and when a question is judged at all."""

from __future__ import annotations

import pytest

from lectern.core.analysis_summary import (
    NEGATIVE_ALPHA,
    QuestionOutcome,
    WrongChoice,
    consistency,
    facility_words,
    short_prompt,
    summarise,
)
from lectern.core.distractors import MIN_ANSWERS_TO_JUDGE, too_few_to_judge
from lectern.core.stats import AttemptScores, quiz_stats


@pytest.mark.parametrize(("right", "answers", "partly", "words"), [
    (3, 5, 0, "3 of 5 right"),
    (0, 5, 2, "0 of 5 right, 2 partly"),
    (0, 0, 0, "Not answered yet"),
])
def test_facility_in_words(right, answers, partly, words):
    assert facility_words(right, answers, partly) == words


def test_a_question_is_judged_from_ten_answers():
    assert MIN_ANSWERS_TO_JUDGE == 10
    assert too_few_to_judge(5) == "Too few answers to judge (5 of the 10 needed)"
    assert too_few_to_judge(9) == "Too few answers to judge (9 of the 10 needed)"
    assert too_few_to_judge(10) is None


def test_a_long_prompt_is_cut_at_a_word():
    long = "According to paragraph 14, what will American reconnaissance assets and surveillance capabilities be used for?"
    cut = short_prompt(long)
    assert cut.endswith("…") and len(cut) <= 90 and long.startswith(cut[:-1])
    assert short_prompt("Where  did\nthey meet?") == "Where did they meet?"


OUTCOMES = [
    QuestionOutcome(1, "Where did they meet?", answers=5, right=5, facility=1.0),
    QuestionOutcome(2, "Who took part?", answers=5, right=1, partly=2, facility=0.5),
    QuestionOutcome(3, "How many documents?", answers=5, right=0, facility=0.0),
    QuestionOutcome(4, "True or false: in public?", answers=5, right=2, facility=0.4),
    QuestionOutcome(5, "Which newspaper?", answers=5, right=3, facility=0.6),
]


def test_the_summary_names_the_most_missed_questions_in_students():
    summary = summarise(5, 62.4, OUTCOMES, [])
    assert summary.based_on == "Based on 5 students' first attempts. The class's mean score is 62%."
    assert summary.most_missed == [
        "Question 3 (“How many documents?”): 5 of 5 students got it wrong.",
        "Question 2 (“Who took part?”): 4 of 5 students got it wrong or only partly right.",
        "Question 4 (“True or false: in public?”): 3 of 5 students got it wrong.",
    ]


def test_wrong_options_that_drew_many_students_are_named():
    choices = [WrongChoice(4, "True or false: in public?", "True", 3, 5),
               WrongChoice(2, "Who took part?", "Russian officials", 1, 5),   # one student: chance
               WrongChoice(3, "How many documents?", "Two", 5, 5)]
    lines = summarise(5, 40.0, OUTCOMES, choices).popular_wrong
    assert lines == ["Question 3 (“How many documents?”): the wrong answer “Two” drew 5 of 5 students.",
                     "Question 4 (“True or false: in public?”): the wrong answer “True” drew 3 of 5 students."]


def test_questions_without_enough_answers_are_said_once():
    assert summarise(5, 50.0, OUTCOMES, []).too_few == (
        "All 5 questions need 10 answers to be judged too easy, too hard or misleading; "
        "each has 5 answers, so none is flagged yet.")
    mixed = [QuestionOutcome(1, "a", 12, 6), QuestionOutcome(2, "b", 4, 2), QuestionOutcome(3, "c", 12, 1)]
    assert summarise(12, 50.0, mixed, []).too_few == "1 question has fewer than the 10 answers needed to judge it: 2."
    enough = [QuestionOutcome(1, "a", 12, 6)]
    assert summarise(12, 50.0, enough, []).too_few is None


def test_no_attempts_says_there_is_nothing_yet():
    summary = summarise(0, None, [], [])
    assert summary.based_on == "No student has submitted an attempt yet, so there is nothing to analyse."
    assert (summary.most_missed, summary.popular_wrong, summary.too_few) == ([], [], None)
    assert summarise(1, 80.0, [], []).based_on == "Based on 1 student's first attempt. The class's mean score is 80%."


def _anti_correlated() -> list[AttemptScores]:
    """Four attempts at two one-mark questions: who gets one right gets the other wrong."""
    rows = [(1, 0), (0, 1), (1, 0), (0, 0)]
    return [AttemptScores(str(i), {"a": a, "b": b}, {"a": 1.0, "b": 1.0}) for i, (a, b) in enumerate(rows)]


def test_a_negative_alpha_withholds_the_error_ratio_with_a_note():
    quiz = quiz_stats(_anti_correlated())
    # The core keeps Moodle's numbers: alpha = 2 · (1 − (1/3 + 1/4) / (1/4)) = −8/3.
    assert quiz.cic == pytest.approx(-800 / 3) and quiz.error_ratio > 100 and quiz.standard_error > quiz.sd
    shown = consistency(quiz.cic, quiz.error_ratio, quiz.standard_error)
    assert shown.cic == quiz.cic and (shown.error_ratio, shown.standard_error) == (None, None)
    assert not shown.meaningful and shown.note == NEGATIVE_ALPHA
    for words in ("alpha is negative", "do not agree with each other", "too few attempts",
                  "measure different things", "reliability cannot be estimated", "error ratio",
                  "not meaningful"):
        assert words in shown.note


def test_an_error_ratio_above_100_percent_is_never_shown():
    assert consistency(None, 100.5, 12.0).error_ratio is None  # whatever the alpha, if it came to this


@pytest.mark.parametrize(("cic", "error_ratio", "standard_error"), [
    (75.0, 50.0, 6.0), (0.0, 100.0, 12.0), (None, None, None),
])
def test_a_usable_or_missing_alpha_is_shown_as_computed(cic, error_ratio, standard_error):
    shown = consistency(cic, error_ratio, standard_error)
    assert (shown.cic, shown.error_ratio, shown.standard_error, shown.note) == (cic, error_ratio, standard_error, None)
    assert shown.meaningful
