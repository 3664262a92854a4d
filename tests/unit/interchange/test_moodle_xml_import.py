"""Moodle XML import: Moodle's own fixtures, every type, and files that must be refused."""

from __future__ import annotations

import pytest

from lectern.core.interchange import parse_gift, parse_moodle_xml, write_gift, write_moodle_xml
from lectern.core.interchange.moodle_xml import ENTITIES_REFUSED
from tests.unit.helpers import question as lectern_question
from tests.unit.interchange.moodle_files import moodle_file


def quiz(*questions: str, encoding: str = "UTF-8") -> bytes:
    body = "\n".join(questions)
    return f'<?xml version="1.0" encoding="{encoding}"?>\n<quiz>\n{body}\n</quiz>\n'.encode(encoding)


def question(kind: str, inner: str, name: str = "Q", text: str = "What?") -> str:
    return (f'<question type="{kind}"><name><text>{name}</text></name>'
            f'<questiontext format="html"><text><![CDATA[{text}]]></text></questiontext>{inner}</question>')


def test_nested_categories_are_kept_as_tags():
    result = parse_moodle_xml(moodle_file("nested_categories_with_questions.xml").read_bytes())
    assert not result.problems and not result.skipped
    assert [(q.title, q.definition.type, q.category) for q in result.questions] == [
        ("Iota Question", "true_false", "Iota"),
        ("Kappa Essay Question", "essay", "Iota/Kappa"),
        ("Kappa Question", "true_false", "Iota/Kappa"),
        ("Lambda Question", "true_false", "Iota/Kappa/Lambda"),
        ("Mu Question", "true_false", "Iota/Mu"),
    ]
    lam = result.questions[3].definition
    assert lam.tags == ["category:Iota/Kappa/Lambda"]
    assert lam.prompt == "Testing Lambda Question"  # <p> gone
    assert lam.answer is True and lam.points == 1
    assert result.questions[0].line == 15


def test_invalid_grades_are_refused_naming_the_question_and_the_grade():
    result = parse_moodle_xml(moodle_file("error_invalid_grades.xml").read_bytes())
    assert result.questions == [] and not result.ok
    [problem] = result.problems
    assert problem.title == "Question with invalid grades : x > 1 & x < 2"
    assert "33%" in problem.message and "33.33333%" in problem.message
    assert "99.66666%" in problem.message
    assert "Question with invalid grades" in str(problem)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<quiz><question type="essay"><name><text>&lol9;</text></name></question></quiz>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="essay"><name><text>x</text></name>
<questiontext format="html"><text>&secret;</text></questiontext></question></quiz>"""


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_entities_are_refused_without_being_expanded(document):
    result = parse_moodle_xml(document)
    assert result.questions == []
    assert [p.message for p in result.problems] == [ENTITIES_REFUSED]
    assert "root:" not in str(result)  # nothing of /etc/passwd came back


def test_malformed_xml_names_the_line():
    result = parse_moodle_xml(b'<?xml version="1.0"?>\n<quiz>\n<question type="essay">\n</quiz>')
    [problem] = result.problems
    assert problem.line == 4 and "not well-formed" in problem.message


def test_a_file_that_is_not_a_quiz_is_refused():
    result = parse_moodle_xml(b"<html><body>hello</body></html>")
    assert "<quiz>" in result.problems[0].message


def test_description_and_unknown_types_are_skipped_with_the_reason_and_cloze_is_read():
    result = parse_moodle_xml(quiz(
        question("cloze", "", name="Gaps", text="Paris is in {1:SHORTANSWER:=France}."),
        question("description", "", name="Intro"),
        question("calculated", "", name="Sum")))
    assert result.ok and [(q.title, q.definition.type) for q in result.questions] == [("Gaps", "cloze")]
    assert [(s.title, s.reason) for s in result.skipped] == [
        ("Intro", "description: no question to answer"),
        ("Sum", "Moodle's 'calculated' questions are not supported")]


def test_every_supported_type_and_the_common_fields():
    feedback = '<feedback format="html"><text>{}</text></feedback>'
    result = parse_moodle_xml(quiz(
        question("multichoice", '<single>true</single><generalfeedback format="html"><text>&lt;b&gt;Why&lt;/b&gt;'
                 '</text></generalfeedback><defaultgrade>2.0000000</defaultgrade><idnumber>capital</idnumber>'
                 '<answer fraction="100"><text>Paris</text>' + feedback.format("Yes") + '</answer>'
                 '<answer fraction="0"><text>Lyon</text>' + feedback.format("No") + '</answer>'
                 '<tags><tag><text>geo</text></tag></tags>', name="Capital"),
        question("multichoice", '<single>false</single><answer fraction="50"><text>a</text></answer>'
                 '<answer fraction="50"><text>b</text></answer><answer fraction="-100"><text>c</text></answer>'),
        question("truefalse", '<answer fraction="0"><text>true</text>' + feedback.format("Wrong") + '</answer>'
                 '<answer fraction="100"><text>false</text>' + feedback.format("Right") + '</answer>'),
        question("shortanswer", '<usecase>1</usecase><answer fraction="100"><text>Paris</text></answer>'
                 '<answer fraction="50"><text>Par*</text></answer>'),
        question("numerical", '<answer fraction="100"><text>1822</text><tolerance>2</tolerance></answer>'
                 '<answer fraction="0"><text>*</text>' + feedback.format("Way off") + '</answer>'
                 '<units><unit><multiplier>1</multiplier><unit_name>years</unit_name></unit></units>'),
        question("matching", '<subquestion format="html"><text>France</text><answer><text>Paris</text></answer>'
                 '</subquestion><subquestion format="html"><text>Italy</text><answer><text>Rome</text></answer>'
                 '</subquestion><subquestion format="html"><text></text><answer><text>Oslo</text></answer>'
                 '</subquestion>'),
        question("ordering", '<gradingtype>ABSOLUTE_POSITION</gradingtype>'
                 '<answer fraction="2"><text>second</text></answer><answer fraction="1"><text>first</text>'
                 '</answer><answer fraction="3"><text>&lt;p&gt;third&lt;/p&gt;</text></answer>'),
        question("essay", '<graderinfo format="html"><text>A model &lt;i&gt;answer&lt;/i&gt;</text></graderinfo>'),
    ))
    assert result.ok and not result.skipped, result
    single, multiple, tf, short, numeric, matching, ordering, essay = result.questions
    s = single.definition
    assert (s.id, s.points, s.tags, s.explanation) == ("capital", 2, ["geo"], "**Why**")
    assert [(o.text, o.correct, o.feedback) for o in s.options] == [("Paris", True, "Yes"), ("Lyon", False, "No")]
    assert [o.credit for o in multiple.definition.options] == [50, 50, -100]
    assert tf.definition.answer is False
    assert tf.definition.grade(True).feedback == ("Wrong",) and tf.definition.grade(False).feedback == ("Right",)
    assert [(a.text, a.credit) for a in short.definition.answers] == [("Paris", 100), ("Par*", 50)]
    assert short.definition.case_sensitive and not any("case" in note for note in short.notes)
    n = numeric.definition
    assert [(a.value, a.tolerance) for a in n.answers] == [(1822, 2)] and n.unit == "years"
    assert any("Way off" in note for note in numeric.notes)
    m = matching.definition
    assert [(p.item, p.match) for p in m.pairs] == [("France", "Paris"), ("Italy", "Rome")]
    assert m.distractors == ["Oslo"]
    assert ordering.definition.items == ["first", "second", "third"]
    assert any("ABSOLUTE_POSITION" in note for note in ordering.notes)
    assert essay.definition.model_answer == "A model *answer*"


def test_declared_encoding_is_honoured():
    data = quiz(question("essay", "", name="Café", text="Qu'est-ce qu'un café ?"), encoding="ISO-8859-1")
    assert "é".encode("latin-1") in data
    result = parse_moodle_xml(data)
    assert result.questions[0].title == "Café"
    assert result.questions[0].definition.prompt == "Qu'est-ce qu'un café ?"


@pytest.mark.parametrize("inner, reason", [
    ('<single>true</single><answer fraction="100"><text>a</text></answer>'
     + '<answer fraction="50"><text>b</text></answer>', "partial credit"),
    ('<single>true</single><answer fraction="100"><text>a</text></answer>'
     + '<answer fraction="100"><text>b</text></answer>', "2 answers are fully right"),
    ('<subquestion><text>A</text><answer><text>x</text></answer></subquestion>'
     + '<subquestion><text>B</text><answer><text>x</text></answer></subquestion>', "used twice"),
])
def test_valid_moodle_that_lectern_cannot_hold_is_skipped(inner, reason):
    kind = "matching" if "subquestion" in inner else "multichoice"
    result = parse_moodle_xml(quiz(question(kind, inner)))
    assert result.ok and result.questions == []
    assert reason in result.skipped[0].reason


def test_negative_grades_on_a_single_choice_are_dropped_with_a_note():
    result = parse_moodle_xml(quiz(question("multichoice", '<single>true</single>'
                                            '<answer fraction="100"><text>a</text></answer>'
                                            '<answer fraction="-50"><text>b</text></answer>')))
    [q] = result.questions
    assert q.definition.grade("b").fraction == 0
    assert any("negative" in note for note in q.notes)


@pytest.mark.parametrize("usecase, case_sensitive", [("0", False), ("1", True), (None, False)])
def test_short_answer_keeps_moodles_case_setting(usecase, case_sensitive):
    inner = (f"<usecase>{usecase}</usecase>" if usecase else "") + '<answer fraction="100"><text>NATO</text></answer>'
    short = parse_moodle_xml(quiz(question("shortanswer", inner))).questions[0].definition
    assert short.case_sensitive is case_sensitive
    assert short.grade("nato").fraction == (0.0 if case_sensitive else 1.0)
    assert short.grade("NATO.").fraction == 1.0


@pytest.mark.parametrize("case_sensitive", [False, True])
def test_short_answer_case_setting_survives_moodle_xml_and_gift(case_sensitive):
    original = lectern_question("short_answer", answers=[{"text": "NATO"}], case_sensitive=case_sensitive)
    xml = write_moodle_xml([original])
    assert f"<usecase>{int(case_sensitive)}</usecase>".encode() in xml
    for result in (parse_moodle_xml(xml), parse_gift(write_gift([original]))):
        assert result.ok, result.problems
        assert result.questions[0].definition.to_data() == original.to_data()
