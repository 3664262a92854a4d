"""What a teacher is told on import: warnings instead of silent changes, Moodle's grades, clear messages."""

from __future__ import annotations

import json

import pytest

from lectern.core.interchange import (
    parse_aiken,
    parse_csv,
    parse_gift,
    parse_moodle_xml,
    parse_upload,
)


def only(source: str):
    result = parse_gift(source)
    assert result.ok and len(result.questions) == 1, (result.problems, result.skipped)
    return result.questions[0]


def test_general_feedback_after_the_brace_is_kept_as_moodle_shows_it_but_warned_with_its_line():
    q = only("// week 1\n::Meeting::The meeting was in {=Berlin}####The first sentence says so.")
    assert "The first sentence says so." in q.definition.prompt  # what Moodle shows students too
    [warning] = [n for n in q.notes if n.startswith("Warning")]
    assert warning.startswith("Warning, line 2: the text after the closing brace ('####The first sentence says so.')")
    assert "shown to students as part of the question" in warning
    assert "move '####…' inside the braces" in warning


def test_answers_after_the_brace_are_warned_on_the_line_of_the_brace():
    q = only("::Capital::Which city\nhosts the talks? {\n=Berlin\n~Kyiv\n} ~Brussels")
    [warning] = [n for n in q.notes if n.startswith("Warning")]
    assert warning.startswith("Warning, line 5:") and "move the answers inside the braces" in warning


@pytest.mark.parametrize("source", [
    "::a::Grant is {=entombed ~buried} in Grant's tomb.",
    "::b::If x {#2} = 2, what then?",  # an '=' in ordinary text is not an answer
    "::c::What is 2+2?{#4}",
])
def test_ordinary_missing_word_questions_get_no_warning(source):
    assert not [n for n in only(source).notes if n.startswith("Warning")]


@pytest.mark.parametrize("grades", ["%33.33333%", "%33.3333%", "%33.333%"])
def test_a_third_is_matched_within_moodles_tolerance(grades):
    q = only(f"::t::Pick {{~{grades}a ~{grades}b ~{grades}c ~%-100%d}}").definition
    assert [round(o.credit, 3) for o in q.options] == [33.333, 33.333, 33.333, -100]


def test_grades_off_moodles_list_are_refused_with_the_nearest_allowed_values():
    result = parse_gift("::Primes::Pick the primes {~%33%two ~%33%three ~%34%five ~%-100%four}")
    assert not result.questions
    [problem] = result.problems
    assert problem.title == "Primes" and problem.line == 1
    assert "33% for 'two' is not one of Moodle's grades (the nearest are 30% and 33.33333%)" in problem.message
    assert "34% for 'five' is not one of Moodle's grades (the nearest are 33.33333% and 40%)" in problem.message
    assert "give each answer one of Moodle's grades" in problem.message


@pytest.mark.parametrize("source, bad", [
    ("::s::Capital? {=Paris =%33.33%paris}", "33.33%"),
    ("::n::Pi? {#=3.14:0.01 =%45%3:1}", "45%"),
])
def test_short_answer_and_numeric_grades_are_checked_too(source, bad):
    [problem] = parse_gift(source).problems
    assert f"{bad} for " in problem.message and "not one of Moodle's grades" in problem.message


def test_moodle_xml_grades_are_checked_as_moodle_checks_them():
    xml = ('<quiz><question type="shortanswer"><name><text>S</text></name><questiontext><text>Q</text>'
           '</questiontext><answer fraction="100"><text>a</text></answer><answer fraction="33.3">'
           '<text>b</text></answer></question></quiz>')
    [problem] = parse_moodle_xml(xml.encode()).problems
    assert problem.title == "S" and "33.3% for 'b' is not one of Moodle's grades" in problem.message
    ok = xml.replace('fraction="33.3"', 'fraction="33.33333"')
    assert parse_moodle_xml(ok.encode()).ok


def test_numeric_ranges_are_stored_as_exact_decimals():
    q = only("::pi::Pi to three places? {#3.141..3.142}").definition
    assert (q.answers[0].value, q.answers[0].tolerance) == (3.1415, 0.0005)
    assert json.dumps([q.answers[0].value, q.answers[0].tolerance]) == "[3.1415, 0.0005]"
    q = only("::pi2::Pi? {#=3.14:0.01}").definition
    assert (q.answers[0].value, q.answers[0].tolerance) == (3.14, 0.01)


def test_a_reversed_range_says_how_to_write_it():
    [problem] = parse_gift("::r::How many? {#5..1}").problems
    assert "the smaller number comes first; write it as 1..5" in problem.message


def test_the_catch_all_feedback_that_cannot_come_along_is_named():
    q = only("::n::How many? {#=42 ~#Count again.}")
    assert any("'Count again.'" in n and "not imported" in n for n in q.notes)


@pytest.mark.parametrize("parse, text, message", [
    (parse_csv, "type,question_text\nessay,x\n",
     "the header row names columns Lectern does not know ('question_text'); rename or remove them"),
    (parse_csv, "type\nessay\n", "the header row lacks the column prompt, which every CSV file needs"),
    (parse_aiken, "What?\nA. only one\nANSWER: A\n",
     "a question needs at least two options to choose from; write each on its own line"),
    (parse_gift, "::m::Match {=a -> b}", "needs at least two pairs written '=item -> match', so that there is"),
    (parse_gift, "::u::Where? {=Berlin", "there is a '{' with no '}' to close it; add the '}'"),
])
def test_messages_say_what_is_wrong_and_what_to_do(parse, text, message):
    [problem] = parse(text).problems
    assert message in problem.message


@pytest.mark.parametrize("data, chosen, message", [
    (b'<?xml version="1.0"?>\n<quiz></quiz>', "gift",
     ("this file looks like Moodle XML (it starts with <?xml), not GIFT; choose Moodle XML or let Lectern "
      "detect the format")),
    (b"::q::Where? {=Berlin ~Kyiv}", "csv", "this file looks like GIFT (it has answers in braces {…}), not CSV"),
    (b"::q::Where? {=Berlin ~Kyiv}", "moodle-xml", "this file looks like GIFT"),
    (b"type,prompt\nessay,Why?\n", "aiken", "this file looks like CSV (its first line is a header row"),
    (b"What?\nA. x\nB. y\nANSWER: A\n", "gift", "this file looks like Aiken"),
])
def test_a_file_read_as_the_wrong_format_says_what_it_looks_like(data, chosen, message):
    [problem] = parse_upload(data, chosen).problems
    assert message in problem.message


def test_a_file_that_reads_fine_in_the_chosen_format_is_not_second_guessed():
    result = parse_upload(b"::q::Where? {=Berlin ~Kyiv}", "gift")
    assert result.ok and len(result.questions) == 1


def test_moodle_xml_feedback_for_the_whole_response_is_named_when_it_is_dropped():
    xml = ('<quiz><question type="multichoice"><name><text>M</text></name><questiontext><text>Q</text>'
           '</questiontext><correctfeedback format="html"><text>Your answer is correct.</text></correctfeedback>'
           '<incorrectfeedback format="html"><text>&lt;p&gt;Read paragraph 2 again.&lt;/p&gt;</text>'
           '</incorrectfeedback><answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text>'
           '</answer></question></quiz>')
    [q] = parse_moodle_xml(xml.encode()).questions
    assert [n for n in q.notes if "feedback for" in n] == [
        ("the feedback for a wrong response ('Read paragraph 2 again.') is not imported: Lectern shows each "
         "answer's own feedback; add it to the answers' feedback or the explanation")]
