"""Definition rules: what a bank author may write for each question type."""

from __future__ import annotations

from typing import Any

import pytest

from lectern.core.questions import QUESTION_TYPES, UnknownType, ValidationError, parse_question
from tests.unit.helpers import COMMON, question


def rejected(type_name: str, **fields: Any) -> str:
    """The validation message(s) for a definition that must be refused."""
    with pytest.raises(ValidationError) as info:
        question(type_name, **fields)
    return "\n".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in info.value.errors())


# --- single choice -----------------------------------------------------------------


@pytest.mark.parametrize("right, found", [(0, 0), (2, 2), (3, 3)])
def test_single_choice_needs_exactly_one_right_option(right, found):
    options = [{"text": t, "correct": i < right} for i, t in enumerate(["A", "B", "C"])]
    message = rejected("single_choice", options=options)
    assert "exactly one option with correct: true" in message
    assert f"found {found}" in message
    assert "multiple_response" in message          # points to the type that allows several


@pytest.mark.parametrize("options, what", [
    ([{"id": "x", "text": "A", "correct": True}, {"id": "x", "text": "B"}], "option id 'x'"),
    ([{"text": "Berlin", "correct": True}, {"text": "Berlin"}], "option text 'Berlin'"),
])
@pytest.mark.parametrize("type_name", ["single_choice", "multiple_response"])
def test_duplicate_options_rejected(type_name, options, what):
    assert f"{what} is used twice" in rejected(type_name, options=options)


def test_options_get_letter_ids_in_bank_order():
    q = question("single_choice", options=[{"text": "A"}, {"text": "B", "correct": True},
                                           {"id": "own", "text": "C"}])
    assert [o.id for o in q.options] == ["a", "b", "own"]


@pytest.mark.parametrize("options", [
    [{"text": "A", "correct": True}],                       # a single option is no choice
    [],
])
def test_single_choice_needs_two_options(options):
    assert "options" in rejected("single_choice", options=options)


# --- multiple response -------------------------------------------------------------


@pytest.mark.parametrize("credits, total", [((50, 40, -50), "90"), ((60, 60, 0), "120")])
def test_multiple_response_credits_must_add_to_100(credits, total):
    options = [{"text": t, "correct": c > 0, "credit": c} for t, c in zip("ABC", credits)]
    message = rejected("multiple_response", options=options)
    assert f"add up to {total}%, not 100%" in message


@pytest.mark.parametrize("option", [
    {"text": "B", "correct": True, "credit": 0},
    {"text": "B", "correct": True, "credit": -20},
    {"text": "B", "correct": False, "credit": 30},
])
def test_multiple_response_correct_contradicting_credit(option):
    options = [{"text": "A", "correct": True, "credit": 70}, option]
    assert "contradicts credit" in rejected("multiple_response", options=options)


def test_multiple_response_credit_alone_says_whether_an_option_is_right():
    from lectern.core.questions import parse_question

    base = {"id": "q", "prompt": "P", "explanation": "E", "evidence": [{"paragraph": 1, "quote": "x"}]}
    q = parse_question({**base, "type": "multiple_response",
                        "options": [{"text": "A", "credit": 70}, {"text": "B", "credit": 30}, {"text": "C", "credit": -50}]})
    assert [o.correct for o in q.options] == [True, True, False]
    assert q.grade(["a", "b"]).fraction == 1 and q.grade(["a", "c"]).fraction == 0.2


def test_multiple_response_credit_for_every_option_or_none():
    options = [{"text": "A", "correct": True, "credit": 100}, {"text": "B"}]
    assert "give a credit to every option or to none" in rejected(
        "multiple_response", options=options)


def test_multiple_response_needs_a_right_option():
    options = [{"text": "A"}, {"text": "B"}]
    assert "mark at least one option with correct: true" in rejected(
        "multiple_response", options=options)


@pytest.mark.parametrize("credit", [101, -101])
def test_multiple_response_credit_range(credit):
    options = [{"text": "A", "correct": credit > 0, "credit": credit}, {"text": "B", "credit": 0}]
    assert "options.0.credit" in rejected("multiple_response", options=options)


# --- numeric -----------------------------------------------------------------------


def test_numeric_tolerance_required():
    assert "answers.0.tolerance: Field required" in rejected(
        "numeric", answers=[{"value": 800000}])


def test_numeric_tolerance_not_negative():
    assert "answers.0.tolerance" in rejected("numeric", answers=[{"value": 5, "tolerance": -1}])


def test_numeric_needs_a_full_credit_answer():
    message = rejected("numeric", answers=[{"value": 5, "tolerance": 1, "credit": 50}])
    assert "at least one answer needs credit 100" in message


def test_numeric_value_must_be_a_number():
    assert "answers.0.value" in rejected("numeric", answers=[{"value": "lots", "tolerance": 0}])


# --- short answer ------------------------------------------------------------------


@pytest.mark.parametrize("answers", [
    [{"text": "Berlin", "credit": 50}],
    [{"text": "Berlin", "credit": 99.9}, {"text": "Bonn", "credit": 0}],
])
def test_short_answer_needs_an_answer_with_credit_100(answers):
    assert "at least one accepted answer needs credit 100" in rejected(
        "short_answer", answers=answers)


def test_short_answer_needs_answers():
    assert "answers" in rejected("short_answer", answers=[])


@pytest.mark.parametrize("text", ["*", "**", " * "])
def test_short_answer_star_only_answer_with_credit_rejected(text):
    assert "would accept anything" in rejected(
        "short_answer", answers=[{"text": "Berlin"}, {"text": text, "credit": 10}])


def test_short_answer_star_only_answer_without_credit_allowed():
    q = question("short_answer", answers=[{"text": "Berlin"},
                                          {"text": "*", "credit": 0, "feedback": "Look again."}])
    assert q.grade("Paris").feedback == ("Look again.",)


# --- matching and ordering ---------------------------------------------------------


def test_matching_duplicate_items_rejected():
    pairs = [{"item": "A", "match": "1"}, {"item": "A", "match": "2"}]
    assert "item 'A' is used twice" in rejected("matching", pairs=pairs)


@pytest.mark.parametrize("pairs, distractors", [
    ([{"item": "A", "match": "1"}, {"item": "B", "match": "1"}], []),
    ([{"item": "A", "match": "1"}, {"item": "B", "match": "2"}], ["2"]),
])
def test_matching_duplicate_matches_rejected(pairs, distractors):
    assert "is used twice" in rejected("matching", pairs=pairs, distractors=distractors)


def test_matching_needs_two_pairs():
    assert "pairs" in rejected("matching", pairs=[{"item": "A", "match": "1"}])


@pytest.mark.parametrize("items", [["A", "B"], ["A"], []])
def test_ordering_needs_three_items(items):
    assert "items: List should have at least 3 items" in rejected("ordering", items=items)


def test_ordering_duplicate_items_rejected():
    assert "item 'A' is used twice" in rejected("ordering", items=["A", "B", "A"])


# --- fields every question has -----------------------------------------------------

TF = {"answer": True}


@pytest.mark.parametrize("qid", ["a", "q1", "army-size", "a-b-c", "x" * 80])
def test_id_slug_accepted(qid):
    assert question("true_false", qid, **TF).id == qid


@pytest.mark.parametrize("qid", ["Army", "army size", "army_size", "-army", "army-", "a--b",
                                 "", "émigré", "x" * 81])
def test_id_slug_rejected(qid):
    assert "id:" in rejected("true_false", **TF, id=qid)


def test_explanation_required_and_not_empty():
    with pytest.raises(ValidationError) as info:
        parse_question({"id": "q", "type": "true_false", "answer": True, "prompt": "P",
                        "evidence": COMMON["evidence"]})
    assert [(e["loc"], e["type"]) for e in info.value.errors()] == [(("explanation",), "missing")]
    assert "explanation" in rejected("true_false", **TF, explanation="   ")


@pytest.mark.parametrize("evidence", [[], [{"paragraph": 0, "quote": "Berlin"}],
                                      [{"paragraph": 1, "quote": "  "}], [{"paragraph": 1}]])
def test_evidence_needs_at_least_one_real_passage(evidence):
    assert "evidence" in rejected("true_false", **TF, evidence=evidence)


@pytest.mark.parametrize("extra", [{"colour": "red"}, {"feedback": "x"}, {"answers": []}])
def test_unknown_field_rejected(extra):
    with pytest.raises(ValidationError) as info:
        question("true_false", **TF, **extra)
    assert {e["type"] for e in info.value.errors()} == {"extra_forbidden"}


@pytest.mark.parametrize("field, good, bad", [
    ("skill", ["locate", "understand", "evaluate"], ["remember", "Locate", ""]),
    ("difficulty", ["easy", "medium", "hard"], ["trivial", "Easy", ""]),
])
def test_skill_and_difficulty_literals(field, good, bad):
    for value in good:
        assert getattr(question("true_false", **TF, **{field: value}), field) == value
    for value in bad:
        assert field in rejected("true_false", **TF, **{field: value})


@pytest.mark.parametrize("points, ok", [(1, True), (0.5, True), (100, True), (0, False),
                                        (-1, False), (101, False)])
def test_points_range(points, ok):
    if ok:
        assert question("true_false", **TF, points=points).points == points
    else:
        assert "points" in rejected("true_false", **TF, points=points)


@pytest.mark.parametrize("type_name", ["poem", None, "Single_Choice", ["essay"]])
def test_unknown_type_lists_the_types(type_name):
    with pytest.raises(UnknownType) as info:
        parse_question({**COMMON, "id": "q", "type": type_name})
    message = str(info.value)
    assert f"unknown question type {type_name!r}" in message
    for name in ("single_choice", "multiple_response", "true_false", "short_answer", "numeric",
                 "matching", "ordering", "essay"):
        assert name in message


def test_every_type_is_registered():
    assert set(QUESTION_TYPES) == {"single_choice", "multiple_response", "true_false",
                                   "short_answer", "numeric", "matching", "ordering", "essay", "cloze"}


def test_to_data_round_trips():
    q = question("numeric", unit="km", answers=[{"value": 42, "tolerance": 0}])
    assert parse_question(q.to_data()) == q


def test_types_are_offered_in_a_teachers_order():
    from lectern.core.questions import QUESTION_TYPES

    assert list(QUESTION_TYPES) == ["single_choice", "multiple_response", "true_false", "short_answer",
                                    "numeric", "matching", "ordering", "essay", "cloze"]
