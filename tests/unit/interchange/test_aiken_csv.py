"""Aiken (import) and CSV (import, export and its template)."""

from __future__ import annotations

import csv
import io

import pytest

from lectern.core.interchange import CSV_TEMPLATE, parse_aiken, parse_csv, write_csv
from lectern.core.questions import parse_question

AIKEN = """\
What is the capital of France?
A. Berlin
B) Paris
C. Rome
ANSWER: B

U.S. troops are to be deployed where,
according to the article?
A) Nowhere
B) Western Ukraine
C) Not in combat roles
ANSWER: B, C
"""


def test_aiken_single_and_multiple():
    result = parse_aiken(AIKEN)
    assert result.ok, result.problems
    first, second = (q.definition for q in result.questions)
    assert first.type == "single_choice" and first.prompt == "What is the capital of France?"
    assert [(o.text, o.correct) for o in first.options] == [("Berlin", False), ("Paris", True), ("Rome", False)]
    # "U.S." is not an option: an option needs a space after its letter. The text runs over two lines.
    assert second.type == "multiple_response"
    assert second.prompt == "U.S. troops are to be deployed where,\naccording to the article?"
    assert [o.text for o in second.options if o.correct] == ["Western Ukraine", "Not in combat roles"]
    assert [q.line for q in result.questions] == [1, 7]


@pytest.mark.parametrize("text, line, message", [
    ("Q?\nA. a\nB. b\nANSWER: D\n", 4, "must name one of the options' letters (A, B)"),
    ("Q?\nA. a\nANSWER: A\n", 1, "at least two options"),
    ("Q?\nA. a\nB. b\n\nNext question?\nA. x\nB. y\nANSWER: A\n", 1, "no 'ANSWER: X' line"),
    ("ANSWER: A\n", 1, "no question before it"),
    ("Q?\nA. a\nB. b\n", 1, "no 'ANSWER: X' line"),
])
def test_aiken_errors_name_their_line(text, line, message):
    result = parse_aiken(text)
    assert not result.ok
    assert result.problems[0].line == line and message in result.problems[0].message


def test_the_csv_template_imports_one_question_of_each_type():
    result = parse_csv(CSV_TEMPLATE)
    assert result.ok and not result.skipped, result.problems
    assert [q.definition.type for q in result.questions] == [
        "single_choice", "multiple_response", "true_false", "short_answer", "numeric", "matching",
        "ordering", "essay"]
    by_id = {q.definition.id: q.definition for q in result.questions}
    assert by_id["capital-city"].grade("b").fraction == 1
    assert by_id["troop-target"].grade("790,000").fraction == 1
    assert by_id["alliance-name"].grade("the alliance").fraction == 0.5
    assert by_id["who-does-what"].distractors == ["leads the negotiations"]


def test_csv_export_neutralises_formulas_and_import_restores_them():
    q = parse_question({"id": "sum", "type": "short_answer", "prompt": "=SUM(A1:A9)",
                        "answers": [{"text": "+1"}, {"text": "@home", "credit": 50}],
                        "explanation": "-3 is wrong", "tags": ["a|b"]}, imported=True)
    text = write_csv([q])
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[2] == "'=SUM(A1:A9)" and row[6] == "'-3 is wrong"
    assert row[4] == "'+1 | %50%@home"
    assert row[9] == "a\\|b"
    [back] = parse_csv(text).definitions()
    assert back.to_data() == q.to_data()


def test_csv_with_bom_semicolons_windows_line_endings_and_aliases():
    text = "\ufefftype;Question;Right answers;feedback\r\nTF;The sky is blue.;yes;Right. | Look up.\r\n"
    [q] = parse_csv(text).definitions()
    assert q.type == "true_false" and q.answer is True and q.feedback_false == "Look up."


def test_csv_options_by_text_and_credits():
    text = ("type,prompt,options,answers\n"
            "single_choice,Pick,Oslo | Rome,Rome\n"
            "multiple_response,Tick,%50%a | %50%b | %-100%c,\n")
    single, multiple = parse_csv(text).definitions()
    assert single.options[1].correct
    assert [o.credit for o in multiple.options] == [50, 50, -100]


@pytest.mark.parametrize("text, line, message", [
    ("type,promt\nessay,x\n", 1, "names columns Lectern does not know ('promt'); rename or remove them"),
    ("type,prompt,answers\ntrue_false,Sky?,maybe\n", 2, "true or false"),
    ("type,prompt,options,answers\nsingle_choice,Pick,a | b,Z\n", 2, "neither an option's letter"),
    ("type,prompt,answers\nnumeric,How many?,lots\n", 2, "'lots' is not a number"),
    ("type,prompt\nriddle,What?\n", 2, "unknown question type 'riddle'"),
    ('type,prompt,options,answers\ntrue_false,"multi\nline",,true\nsingle_choice,Pick,a | b,\n', 4,
     "exactly one option"),
])
def test_csv_problems_name_the_row_line(text, line, message):
    result = parse_csv(text)
    assert not result.ok
    assert result.problems[0].line == line and message in result.problems[0].message, result.problems
