"""Cloze questions in Moodle XML, CSV and GIFT: Moodle's shapes read right, and written back losslessly."""

from __future__ import annotations

from pathlib import Path

import pytest

from lectern.core.interchange import parse_csv, write_csv, write_gift, write_moodle_xml
from lectern.core.interchange.moodle_xml import parse_moodle_xml
from lectern.core.questions import parse_question
from lectern.core.questions.base import stable_id

FIXTURE = Path(__file__).parents[2] / "fixtures" / "cloze_multianswer.xml"
BROKEN = Path(__file__).parents[2] / "fixtures" / "cloze_broken.xml"


@pytest.fixture(scope="module")
def imported():
    return parse_moodle_xml(FIXTURE.read_bytes())


def test_moodles_multianswer_shape_imports_with_its_gaps_fractions_and_feedback(imported):
    assert imported.ok and len(imported.questions) == 1
    q = imported.questions[0].definition
    assert q.type == "cloze" and q.id == "rivers-and-cities"
    assert q.explanation == "Rivers & their **countries**."
    assert q.tags == ["geography", "category:Default for Cloze tests"]
    assert q.points == 7  # no <defaultgrade>: the sum of the gaps' weights, as in Moodle
    assert "The Seine: {#1}" in q.prompt and "{#6} & more" in q.prompt
    assert [(g.kind, g.weight) for g in q.gaps] == [("single_choice", 1)] * 3 + [
        ("short_answer", 2), ("numeric", 1), ("multiple_response", 1)]
    assert [(a.text, a.credit, a.feedback) for a in q.gaps[1].answers] == [("France", 0, "No"), ("Italy", 100, "Yes")]
    assert [(a.text, a.credit, a.feedback) for a in q.gaps[3].answers] == [
        ("Danube", 100, "Well done!"), ("Donau", 50, "Its German name; give the English one."),
        ("*", 0, "Wrong. It is the Danube.")]
    assert [(a.text, a.tolerance, a.credit) for a in q.gaps[4].answers] == [("2850", "50", 100), ("2800", "200", 50)]
    right = {"g1": stable_id("France"), "g2": stable_id("Italy"), "g3": stable_id("Italy"), "g4": "danube",
             "g5": "2,870", "g6": [stable_id("Austria"), stable_id("Hungary")]}
    assert q.grade(right).fraction == 1.0
    assert q.grade(right | {"g4": "Donau", "g5": "2700"}).fraction == pytest.approx((3 + 2 * .5 + .5 + 1) / 7)


def test_moodles_broken_cloze_questions_refuse_the_file_naming_the_question_and_the_gap():
    broken = parse_moodle_xml(BROKEN.read_bytes())
    assert not broken.ok and not broken.skipped  # as Moodle: any broken question and nothing is imported
    reasons = {p.title: p.message for p in broken.problems}
    assert set(reasons) == {"Cloze without gaps", "Multichoice gap without choices", "Multichoice gap with one choice",
                            "Multichoice gap with no fully right answer", "Numerical gap with a word for its answer"}
    assert "the text has no gap" in reasons["Cloze without gaps"]
    assert "gap 1: MULTICHOICE has no answers" in reasons["Multichoice gap without choices"]
    assert "gap 1: a MULTICHOICE or MULTIRESPONSE gap needs at least two options" in reasons["Multichoice gap with one choice"]
    assert "gap 1: no answer earns full credit" in reasons["Multichoice gap with no fully right answer"]
    assert "gap 1: NUMERICAL answer 'zero' is not a number" in reasons["Numerical gap with a word for its answer"]


def test_the_older_multianswer_type_name_is_read_too():
    xml = FIXTURE.read_text().replace('type="cloze"', 'type="multianswer"', 1)
    assert [q.definition.type for q in parse_moodle_xml(xml).questions] == ["cloze"]


def _whole(**fields):
    return parse_question({"id": "where", "type": "cloze", "explanation": "Paragraph 1.", "skill": "locate",
                           "evidence": [{"paragraph": 1, "quote": "Berlin"}], "tags": ["t"], "points": 3,
                           "prompt": "In {1:SHORTANSWER_C:=Berlin#Yes \\# one~%50%Bonn~*#No} with "
                                     "{2:MULTIRESPONSE_HS:%50%a~%50%b~%-100%c#never c} and {1:NUMERICAL:=3,5:0.5} "
                                     "or {1:MULTICHOICE_V:=x \\~ y~z\\}}.", **fields})


def test_moodle_xml_round_trip_is_lossless():
    q = _whole()
    xml = write_moodle_xml([q])
    assert b'<question type="cloze">' in xml and b"{1:SHORTANSWER_C:=Berlin#Yes \\# one~%50%Bonn~*#No}" in xml
    back = parse_moodle_xml(xml)
    assert back.ok and back.definitions() == [q]


def test_csv_writes_the_cloze_text_in_the_prompt_column_and_reads_it_back():
    q = _whole()
    text = write_csv([q])
    assert "{1:NUMERICAL:=3,5:0.5}" in text
    back = parse_csv(text)
    assert back.ok
    read = back.definitions()[0]  # evidence has no CSV column (see csv_format)
    assert (read.prompt, read.gaps, read.points, read.explanation) == (q.prompt, q.gaps, q.points, q.explanation)
    bad = parse_csv("type,prompt\ncloze,Pi is {1:NUMERICAL:=abc}\n")
    assert not bad.ok and "gap 1: NUMERICAL answer 'abc' is not a number" in str(bad.problems[0])


def test_gift_says_that_cloze_has_no_gift_form():
    text = write_gift([_whole()])
    assert "// The cloze question where is left out: GIFT has no form for cloze" in text
    assert "Berlin" not in text
