"""Grading of typed answers: short answer and numeric."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from lectern.core.questions.numeric import parse_number
from tests.unit.helpers import mini_question, question

# --- short answer ------------------------------------------------------------------

CITY = question("short_answer", answers=[
    {"text": "Berlin"},
    {"text": "the German capital", "credit": 50, "feedback": "Name the city."},
])


@pytest.mark.parametrize("typed", [
    "Berlin", "berlin", "BERLIN", "Berlin.", "  berlin  ", "BERLIN!", "Berlin?", "Berlin ...",
    '"Berlin"', "“Berlin”", "(Berlin)", "'Berlin'",
])
def test_short_answer_ignores_case_spaces_and_punctuation(typed):
    grade = CITY.grade(typed)
    assert grade.fraction == 1.0 and grade.feedback == ()


@pytest.mark.parametrize("typed", ["Bonn", "Berlinn", "Berlin Germany", "in Berlin", "Ber lin",
                                   "B.erlin", ""])
def test_short_answer_not_matching_scores_zero(typed):
    assert CITY.grade(typed).fraction == 0.0
    assert CITY.grade(typed).feedback == ()


def test_short_answer_alternative_with_partial_credit_and_its_feedback():
    grade = CITY.grade("The  German   capital.")
    assert grade.fraction == 0.5 and grade.state == "partial"
    assert grade.feedback == ("Name the city.",)


@pytest.mark.parametrize("answer, typed", [
    ("NATO's Article 5", "NATO’s article 5"),     # straight in the bank, curly typed
    ("NATO’s Article 5", "nato's Article 5"),     # curly in the bank, straight typed
    ("Ukraine’s army", "Ukraine‘s army"),
    ("well-equipped", "well–equipped"),            # en dash for a hyphen
    ("800 000 personnel", "800\u00a0000 personnel"),
])
def test_short_answer_typography_does_not_matter(answer, typed):
    assert question("short_answer", answers=[{"text": answer}]).grade(typed).fraction == 1.0


@pytest.mark.parametrize("first_wildcard", [True, False])
def test_short_answer_best_credit_wins_whatever_the_order(first_wildcard):
    answers = [{"text": "*Berlin*", "credit": 50, "feedback": "Just the city."},
               {"text": "Berlin", "feedback": "Exactly."}]
    q = question("short_answer", answers=answers if first_wildcard else answers[::-1])
    assert q.grade("Berlin").fraction == 1.0
    assert q.grade("Berlin").feedback == ("Exactly.",)
    assert q.grade("in Berlin, Germany").fraction == 0.5
    assert q.grade("in Berlin, Germany").feedback == ("Just the city.",)


@pytest.mark.parametrize("pattern, typed, matches", [
    ("*5", "Article 5", True),
    ("*5", "5", True),
    ("*5", "Article 50", False),
    ("Art* 5", "Art. 5", True),
    ("Art* 5", "Article 5", True),
    ("Art* 5", "Article 6", False),
    ("U.S.*", "U.S. troops", True),
    ("U.S.*", "USA troops", False),       # the dots are literal, not regex wildcards
    ("*(NATO)*", "the (NATO) treaty", True),
])
def test_short_answer_star_wildcard(pattern, typed, matches):
    q = question("short_answer", answers=[{"text": pattern}])
    assert (q.grade(typed).fraction == 1.0) is matches


PLACE = question("short_answer", answers=[
    {"text": "Berlin, Germany"},
    {"text": "800,000 personnel", "credit": 50},
])


@pytest.mark.parametrize("typed", [
    "Berlin Germany", "Berlin, Germany", "berlin germany.", "  BERLIN  germany ", "Berlin - Germany",
    "Berlin; Germany!", "(Berlin) Germany", "Berlin,Germany", "berlin/germany",
])
def test_short_answer_punctuation_and_spacing_separate_words(typed):
    assert PLACE.grade(typed).fraction == 1.0


@pytest.mark.parametrize("typed", ["Berlinn Germany", "Berlin", "Germany Berlin", "BerlinGermany",
                                   "Berlin, Germany, Europe", "Berlin Germani"])
def test_short_answer_words_stay_exact(typed):
    assert PLACE.grade(typed).fraction == 0.0


@pytest.mark.parametrize("typed", ["800,000 personnel", "800000 personnel", "800 000 personnel",
                                   "800\u202f000 personnel", "800'000 personnel"])
def test_short_answer_digit_groups_are_joined(typed):
    assert PLACE.grade(typed).fraction == 0.5


# A period is not a group separator: "2.125" may be a decimal.
@pytest.mark.parametrize("typed", ["80,0000 personnel", "8000 00 personnel", "800,00 personnel",
                                   "800.000 personnel"])
def test_short_answer_only_groups_of_three_join(typed):
    assert PLACE.grade(typed).fraction == 0.0


def test_short_answer_punctuation_inside_a_word_is_a_separator():
    q = question("short_answer", answers=[{"text": "NATO's Article 5"}, {"text": "well-equipped", "credit": 50}])
    assert q.grade("NATO s article 5").fraction == 1.0
    assert q.grade("NATOs Article 5").fraction == 0.0
    assert q.grade("well equipped").fraction == 0.5
    assert q.grade("wellequipped").fraction == 0.0


def test_short_answer_case_sensitive_question_keeps_case_only():
    q = question("short_answer", answers=[{"text": "NATO"}, {"text": "Nato", "credit": 50}], case_sensitive=True)
    assert q.grade("NATO.").fraction == 1.0
    assert q.grade("  NATO ").fraction == 1.0
    assert q.grade("Nato").fraction == 0.5
    assert q.grade("nato").fraction == 0.0


@pytest.mark.parametrize("pattern, typed, matches", [
    ("Berlin *", "Berlin", True),
    ("Berlin *", "Berlin, Germany", True),
    ("Berlin *", "Berlinn", False),
    ("* Germany", "Berlin, Germany", True),
    ("Art.* 5", "Art. 5", True),
])
def test_short_answer_lone_star_stands_for_whole_words(pattern, typed, matches):
    q = question("short_answer", answers=[{"text": pattern}])
    assert (q.grade(typed).fraction == 1.0) is matches


def test_short_answer_mini_partial_credit_for_the_number_only():
    q = mini_question("treaty-article")
    assert q.grade("article 5").fraction == 1.0
    assert q.grade("5.").fraction == 0.5
    assert q.grade("Article 6").fraction == 0.0
    assert q.right_answer() == "Article 5"


# --- numeric -----------------------------------------------------------------------

ARMY = mini_question("army-size")        # 800000, tolerance 0


@pytest.mark.parametrize("typed", [
    "800,000", "800 000", "800000", "800000.0", "800,000.00", " 800000 ",
    "800\u00a0000", "800\u202f000", "800\u2009000", "8e5", "+800000",
])
def test_numeric_accepts_the_ways_people_write_a_number(typed):
    assert ARMY.grade(typed).fraction == 1.0


@pytest.mark.parametrize("typed", [
    "about 800,000", "Approximately 800 000", "approx. 800000", "around 800000", "roughly 8e5",
    "nearly 800,000", "~800,000", "≈ 800000",
])
def test_numeric_hedge_words_before_the_number_are_ignored(typed):
    assert ARMY.grade(typed).fraction == 1.0


@pytest.mark.parametrize("typed", ["about", "about about 800000", "800000 about", "lots of 800000"])
def test_numeric_hedge_without_a_plain_number_is_wrong(typed):
    assert ARMY.grade(typed).fraction == 0.0


@pytest.mark.parametrize("typed", ["800,001", "80,000", "8,000,000", "799999.9"])
def test_numeric_other_numbers_are_wrong(typed):
    assert ARMY.grade(typed).fraction == 0.0


@pytest.mark.parametrize("typed", ["lots", "8OO", "1,00,000", "800,00,0", "eight hundred thousand",
                                   "800k", "800_000", "1.2.3", "--5", "inf", "nan", ""])
def test_numeric_garbage_is_not_a_number(typed):
    assert parse_number(typed) is None
    assert ARMY.grade(typed).fraction == 0.0


@pytest.mark.parametrize("typed, value", [
    ("2,5", 2.5), ("2.5", 2.5), ("2,50", 2.5), ("0,75", 0.75), ("-2,5", -2.5),
    ("2,500", 2500.0),          # a comma before three digits groups thousands
    ("1,234,567.5", 1234567.5), ("1 234 567", 1234567.0), (".5", 0.5),
    ("-12", -12.0), ("\u221212", -12.0), ("-1 000", -1000.0),
])
def test_parse_number(typed, value):
    assert parse_number(typed) == value


def test_numeric_decimal_comma_grades_as_decimal_point():
    q = question("numeric", answers=[{"value": 2.5, "tolerance": 0}])
    assert q.grade("2,5").fraction == q.grade("2.5").fraction == 1.0
    assert q.grade("25").fraction == 0.0


@pytest.mark.parametrize("typed, right", [
    ("-12", True), ("\u221212", True), ("-11.5", True), ("-12.5", True),
    ("12", False), ("-12.6", False), ("-11.4", False),
])
def test_numeric_negative_numbers(typed, right):
    q = question("numeric", answers=[{"value": -12, "tolerance": 0.5}])
    assert (q.grade(typed).fraction == 1.0) is right


@pytest.mark.parametrize("value, tolerance, typed, right", [
    (100, 5, "95", True), (100, 5, "105", True), (100, 5, "100", True),
    (100, 5, "94.99", False), (100, 5, "105.01", False),
    (2.5, 0.1, "2.4", True), (2.5, 0.1, "2.6", True),        # float noise at the edge
    (2.5, 0.1, "2.39", False), (2.5, 0.1, "2.61", False),
    (0.3, 0, "0.3", True), (0.3, 0, "0.30000001", False),
    (800000, 1000, "801,000", True), (800000, 1000, "801,001", False),
    (800000, 1000, "799 000", True), (800000, 1000, "798 999", False),
])
def test_numeric_tolerance_edges(value, tolerance, typed, right):
    q = question("numeric", answers=[{"value": value, "tolerance": tolerance}])
    assert (q.grade(typed).fraction == 1.0) is right


NEAR = question("numeric", answers=[
    {"value": 800000, "tolerance": 100000, "credit": 50, "feedback": "Close; check paragraph 10."},
    {"value": 800000, "tolerance": 0, "feedback": "Exactly."},
])


@pytest.mark.parametrize("typed, fraction, feedback", [
    ("800000", 1.0, ("Exactly.",)),                 # best credit wins over the wide answer
    ("750,000", 0.5, ("Close; check paragraph 10.",)),
    ("900 000", 0.5, ("Close; check paragraph 10.",)),
    ("600000", 0.0, ()),
])
def test_numeric_several_answers_with_partial_credit(typed, fraction, feedback):
    grade = NEAR.grade(typed)
    assert (grade.fraction, grade.feedback) == (fraction, feedback)


@pytest.mark.parametrize("typed, right", [
    ("42 km", True), ("42km", True), ("42 KM", True), ("42", True), ("42,0 km", True),
    ("about 42 km", True), ("42 miles", False), ("km 42", False),
])
def test_numeric_unit_suffix_is_accepted(typed, right):
    q = question("numeric", unit="km", answers=[{"value": 42, "tolerance": 0}])
    assert (q.grade(typed).fraction == 1.0) is right


@pytest.mark.parametrize("answers, unit, shown", [
    ([{"value": 800000, "tolerance": 0}], None, "800,000"),
    ([{"value": 800000, "tolerance": 1000}], None, "800,000 (± 1,000)"),
    ([{"value": 2.5, "tolerance": 0.1}], "km", "2.5 (± 0.1) km"),
])
def test_numeric_right_answer(answers, unit, shown):
    assert question("numeric", answers=answers, unit=unit).right_answer() == shown


@pytest.mark.parametrize("typed, valid", [
    ("800,000", True), ("42 km", True), ("", True), ("lots", False), ("8OO", False),
])
def test_numeric_form_field_refuses_what_is_not_a_number(typed, valid):
    q = question("numeric", unit="km", answers=[{"value": 42, "tolerance": 0}])

    class F(Form):
        answer = q.form_field()

    form = F(MultiDict({"answer": typed}))
    assert form.validate() is valid
    if not valid:
        assert "Enter a number" in form.answer.errors[0]
