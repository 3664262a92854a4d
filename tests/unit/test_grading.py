"""Grading of the choice-like types: single choice, multiple response, true/false,
matching, ordering and essay, plus what a Grade's state says."""

from __future__ import annotations

import pytest

from lectern.core.questions import Grade
from lectern.core.questions.base import stable_id
from tests.unit.helpers import mini_question, question

# --- Grade.state -------------------------------------------------------------------


@pytest.mark.parametrize("fraction, state", [
    (None, "needs_grading"),
    (1.0, "correct"),
    (0.9999999999, "correct"),      # rounding noise of a full mark is still full
    (0.0, "incorrect"),
    (1e-12, "incorrect"),
    (0.5, "partial"),
    (0.01, "partial"),
    (0.99, "partial"),
])
def test_grade_state(fraction, state):
    assert Grade(fraction).state == state


# --- single choice -----------------------------------------------------------------


@pytest.mark.parametrize("chosen, fraction, feedback_start", [
    ("b", 1.0, "Yes, paragraph 1 says"),
    ("a", 0.0, "Kyiv is Ukraine's capital"),
    ("c", 0.0, "Brussels is not mentioned"),
])
def test_single_choice_grades_and_gives_the_chosen_options_feedback(chosen, fraction, feedback_start):
    grade = mini_question("meeting-city").grade(chosen)
    assert grade.fraction == fraction
    assert len(grade.feedback) == 1 and grade.feedback[0].startswith(feedback_start)


def test_single_choice_option_without_feedback_gives_none():
    q = question("single_choice", options=[
        {"text": "Berlin", "correct": True}, {"text": "Paris", "feedback": "No."}])
    assert q.grade("a") == Grade(1.0, ())
    assert q.grade("b") == Grade(0.0, ("No.",))


def test_single_choice_uses_explicit_option_ids():
    q = question("single_choice", options=[
        {"id": "paris", "text": "Paris"}, {"id": "berlin", "text": "Berlin", "correct": True}])
    assert q.grade("berlin").state == "correct"
    assert q.grade("paris").state == "incorrect"
    assert q.right_answer() == "Berlin"


# --- multiple response -------------------------------------------------------------

# who-met: a and b are right, c is wrong, no credits given (the default rule).


@pytest.mark.parametrize("ticked, fraction", [
    ([], 0.0),                  # ticking nothing
    (["a"], 0.5),               # one of two right options: half
    (["b"], 0.5),
    (["a", "b"], 1.0),
    (["c"], 0.0),               # a wrong option alone: clamped at zero
    (["a", "c"], 0.0),          # a wrong option costs one share
    (["a", "b", "c"], 0.5),     # ticking everything does not earn full marks
])
def test_multiple_response_default_rule(ticked, fraction):
    assert mini_question("who-met").grade(ticked).fraction == pytest.approx(fraction)


@pytest.mark.parametrize("ticked, fraction", [
    (["a", "b", "c"], 1.0),
    (["a"], 1 / 3),
    (["a", "b"], 2 / 3),
    (["a", "d"], 0.0),
    (["a", "b", "c", "d"], 2 / 3),
    (["a", "b", "c", "d", "e"], 1 / 3),    # ticking everything: 1 - 2/3
])
def test_multiple_response_default_rule_three_right_two_wrong(ticked, fraction):
    q = question("multiple_response", options=[
        {"text": t, "correct": t in "ABC"} for t in "ABCDE"])
    assert q.grade(ticked).fraction == pytest.approx(fraction)


EXPLICIT = [
    {"text": "Main point", "correct": True, "credit": 60},
    {"text": "Minor point", "correct": True, "credit": 40},
    {"text": "Contradiction", "credit": -50, "feedback": "The article says the opposite."},
    {"text": "Not mentioned", "credit": 0},
]


@pytest.mark.parametrize("ticked, fraction", [
    (["a"], 0.6),
    (["b"], 0.4),
    (["a", "b"], 1.0),
    (["a", "b", "d"], 1.0),         # a zero-credit option costs nothing
    (["a", "b", "c"], 0.5),         # 60 + 40 - 50
    (["a", "c"], 0.1),
    (["b", "c"], 0.0),              # -10 is clamped to 0
    (["c"], 0.0),
    (["d"], 0.0),
    (["a", "b", "c", "d"], 0.5),
])
def test_multiple_response_explicit_credits_sum_and_clamp(ticked, fraction):
    assert question("multiple_response", options=EXPLICIT).grade(ticked).fraction == (
        pytest.approx(fraction))


def test_multiple_response_feedback_is_of_ticked_options_only():
    q = question("multiple_response", options=EXPLICIT)
    assert q.grade(["a", "b"]).feedback == ()
    assert q.grade(["a", "c"]).feedback == ("The article says the opposite.",)
    assert mini_question("who-met").grade(["c"]).feedback[0].startswith("Russia is the threat")


def test_multiple_response_right_answer_lists_the_right_options():
    assert question("multiple_response", options=EXPLICIT).right_answer() == (
        "Main point; Minor point")
    assert mini_question("who-met").right_answer() == (
        "Representatives from the United States; Representatives from the European Union")


# --- true / false ------------------------------------------------------------------


@pytest.mark.parametrize("answer, response, fraction, feedback", [
    (False, False, 1.0, "Right, the U.S. will not deploy combat troops."),
    (False, True, 0.0, "Paragraph 13 says the opposite."),
    (True, True, 1.0, "Paragraph 13 says the opposite."),
    (True, False, 0.0, "Right, the U.S. will not deploy combat troops."),
])
def test_true_false_both_ways_with_the_feedback_of_the_choice(answer, response, fraction, feedback):
    q = mini_question("us-combat-troops").model_copy(update={"answer": answer})
    grade = q.grade(response)
    assert grade.fraction == fraction
    assert grade.feedback == (feedback,)


def test_true_false_without_feedback():
    q = question("true_false", answer=True)
    assert q.grade(True) == Grade(1.0, ())
    assert q.grade(False) == Grade(0.0, ())
    assert (q.right_answer(), q.describe_response(False)) == ("True", "False")


# --- matching ----------------------------------------------------------------------

DEPLOYED = stable_id("deployed to western Ukraine")
RECON = stable_id("reconnaissance and surveillance")
COMBAT = stable_id("combat troops on the front line")


@pytest.mark.parametrize("response, fraction", [
    ({"i1": DEPLOYED, "i2": RECON}, 1.0),
    ({"i1": DEPLOYED, "i2": COMBAT}, 0.5),
    ({"i1": DEPLOYED}, 0.5),                    # one left unanswered
    ({"i1": RECON, "i2": DEPLOYED}, 0.0),       # swapped
    ({"i1": COMBAT, "i2": COMBAT}, 0.0),        # the distractor is never right
])
def test_matching_each_right_pair_earns_a_share(response, fraction):
    assert mini_question("who-does-what").grade(response).fraction == fraction


def test_matching_describes_the_response_and_the_answer():
    q = mini_question("who-does-what")
    assert q.describe_response({"i1": COMBAT}) == (
        "European troops → combat troops on the front line; The United States → (none)")
    assert q.right_answer() == (
        "European troops → deployed to western Ukraine; "
        "The United States → reconnaissance and surveillance")


# --- ordering ----------------------------------------------------------------------

STEPS = ["Meeting", "First document", "Second document", "Reactions"]
ORDERING = question("ordering", items=STEPS)
A, B, C, D = (stable_id(t) for t in STEPS)


@pytest.mark.parametrize("response, fraction", [
    ([A, B, C, D], 1.0),
    ([D, C, B, A], 0.0),            # reversed: no item is followed by its successor
    ([B, A, C, D], 1 / 3),          # one swap at the start keeps C→D only
    ([A, B, D, C], 1 / 3),          # one swap at the end keeps A→B only
    ([A, C, B, D], 0.0),            # a swap in the middle breaks every pair
    ([C, D, A, B], 2 / 3),          # two runs in the wrong order keep two pairs
    ([B, C, D, A], 2 / 3),
])
def test_ordering_relative_to_the_next_item(response, fraction):
    assert ORDERING.grade(response).fraction == pytest.approx(fraction)


def test_ordering_unplaced_items_go_last():
    placed = ORDERING.response_from_form({A: "1", B: "2", C: "3", D: ""})
    assert placed == [A, B, C, D]
    assert ORDERING.grade(placed).state == "correct"
    only_d = ORDERING.response_from_form({D: "1"})
    assert only_d[0] == D and sorted(only_d) == sorted([A, B, C, D])


def test_ordering_mini_question_grades_in_article_order():
    q = mini_question("article-order")
    right = [stable_id(t) for t in q.items]
    assert q.grade(right).state == "correct"
    assert q.grade(right[::-1]).state == "incorrect"
    assert q.describe_response(right) == q.right_answer() == (
        "The meeting in Berlin → The first document and Article 5 → "
        "The expansion to 800,000 personnel")


# --- essay -------------------------------------------------------------------------


def test_essay_needs_a_teacher():
    q = mini_question("sources")
    grade = q.grade("They rest on unnamed sources.")
    assert grade.fraction is None and grade.state == "needs_grading"
    assert q.right_answer().startswith("They rest on unnamed sources")


def test_unanswered_scores_zero_without_grading():
    for qid in ("meeting-city", "who-met", "army-size", "sources"):
        grade = mini_question(qid).grade_or_unanswered(None)
        assert grade.fraction == 0.0 and grade.state == "incorrect"
