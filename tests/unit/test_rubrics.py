"""Essay rubrics through the bank format, Moodle XML, GIFT and CSV, and the editor's way of typing them."""

from __future__ import annotations

import pytest

from lectern.core.bank_writer import bank_texts
from lectern.core.banks import ARTICLE_FILE, QUESTIONS_FILE, parse_bank, read_bank
from lectern.core.interchange import (
    parse_csv,
    parse_gift,
    parse_moodle_xml,
    write_csv,
    write_gift,
    write_moodle_xml,
)
from lectern.core.interchange.rubric_html import rubric_table, take_rubric
from lectern.teacher.rubric_rows import levels_text, rubric_problem, rubric_row_data
from tests.unit.helpers import mini, question
from tests.unit.interchange.test_moodle_xml_import import question as moodle_question
from tests.unit.interchange.test_moodle_xml_import import quiz
from tests.unit.test_bank_validation import QUESTIONS, bank, check, edited, line_of, only_problem

RUBRIC = [
    {"criterion": "Uses the article's evidence",
     "levels": [{"points": 0, "description": "No reference to the article."},
                {"points": 1, "description": "Refers to the article in general terms."},
                {"points": 2.5, "description": "Quotes or cites a paragraph that supports each point."}]},
    # Characters HTML and Markdown care about come back as they were.
    {"criterion": "Weighs <sources> & \"claims\"",
     "levels": [{"points": 0, "description": "Takes the article at its word: *all* of it."},
                {"points": 1, "description": "Asks who the sources are (paragraph 3) & why it matters."}]},
]


def essay(**fields):
    return question("essay", "judge", model_answer="No. *Paragraph 8* only hints.", rubric=RUBRIC, **fields)


# --- the bank format -------------------------------------------------------------


def test_a_rubric_is_written_back_and_reads_back_equal():
    original = mini()
    sources = original.question("sources").model_copy(update={"rubric": essay().rubric})
    with_rubric = type(original)(original.slug, original.article,
                                 tuple(sources if q.id == "sources" else q for q in original.questions),
                                 original.quizzes, original.key_terms)
    texts = bank_texts(with_rubric)
    assert "    rubric:\n      - criterion: \"Uses the article's evidence\"\n        levels:\n" in texts[QUESTIONS_FILE]
    back = parse_bank(original.slug, texts[ARTICLE_FILE], texts[QUESTIONS_FILE])
    assert back.question("sources").rubric == essay().rubric
    assert back == with_rubric


def _with_rubric(rubric_yaml: str) -> str:
    anchor = "    model_answer: They rest on unnamed sources"
    line = next(line for line in QUESTIONS.splitlines() if line.startswith(anchor))
    return edited(QUESTIONS, line + "\n", line + "\n" + rubric_yaml)


LEVEL = "          - {{points: {}, description: \"{}\"}}\n"


def _criterion(name: str, *points: float) -> str:
    return f"      - criterion: \"{name}\"\n        levels:\n" + "".join(
        LEVEL.format(p, f"level {n}") for n, p in enumerate(points))


@pytest.mark.parametrize(("rubric", "at", "words"), [
    (_criterion("Evidence", 2, 1), "levels:", "rubric.0.levels: list the levels from the fewest points to the most"),
    (_criterion("Evidence", 1, 1), "levels:", "each with different points"),
    (_criterion("Evidence", 2), "levels:", "rubric.0.levels: give each criterion at least 2 levels"),
    (_criterion("Evidence", *range(7)), "levels:", "give a criterion at most 6 levels"),
    (_criterion("Evidence", -1, 1), "points: -1", "rubric.0.levels.0.points: a level's points go from 0 to 100"),
    (_criterion("Evidence", 0, 1) + _criterion("evidence", 0, 2), "rubric:",
     "rubric: give each rubric criterion a different name"),
])
def test_a_bad_rubric_is_reported_in_a_teachers_words_at_its_line(tmp_path, rubric, at, words):
    text = _with_rubric("    rubric:\n" + rubric)
    problem = only_problem(bank(tmp_path, text))
    start = line_of(text, "rubric:")
    check(problem, QUESTIONS_FILE, line_of(text, at, start - 1), "sources", words)
    assert "List should" not in problem.message and "Input should" not in problem.message


def test_a_good_rubric_loads(tmp_path):
    loaded = read_bank(bank(tmp_path, _with_rubric("    rubric:\n" + _criterion("Evidence", 0, 1, 2))))
    assert [level.points for level in loaded.question("sources").rubric[0].levels] == [0, 1, 2]


# --- Moodle XML: a table in the grader information -----------------------------------


def test_moodle_xml_carries_the_rubric_in_the_grader_information_and_reads_it_back():
    original = essay(points=3)
    xml = write_moodle_xml([original]).decode()
    graderinfo = xml[xml.index("<graderinfo"):xml.index("</graderinfo>")]
    # Readable by a Moodle grader: a table of criteria, points and descriptions, after the model answer.
    assert "No. *Paragraph 8* only hints." in graderinfo
    assert "&lt;table class=\"lectern-rubric\" data-lectern-rubric=\"1\"&gt;" in graderinfo
    assert "&lt;td&gt;2.5&lt;/td&gt;&lt;td&gt;Quotes or cites a paragraph" in graderinfo
    result = parse_moodle_xml(xml)
    assert not result.problems
    [imported] = result.questions
    assert imported.definition.rubric == original.rubric
    assert imported.definition.model_answer == original.model_answer
    assert imported.definition.to_data() == original.to_data()
    assert imported.notes == ()


def test_an_essay_without_a_rubric_writes_the_grader_information_as_before():
    plain = question("essay", "judge", model_answer="Just this.")
    assert "<graderinfo format=\"markdown\">\n      <text>Just this.</text>" in write_moodle_xml([plain]).decode()
    assert parse_moodle_xml(write_moodle_xml([plain])).definitions()[0].rubric == []


def test_a_rubric_table_in_html_grader_information_is_read_and_the_rest_becomes_the_model_answer():
    table = rubric_table(essay().rubric)
    inner = f'<graderinfo format="html"><text><![CDATA[<p>A <b>strong</b> answer quotes.</p>{table}]]></text></graderinfo>'
    [imported] = parse_moodle_xml(quiz(moodle_question("essay", inner))).questions
    assert imported.definition.rubric == essay().rubric
    assert imported.definition.model_answer == "A **strong** answer quotes."


def test_grader_information_that_is_not_a_lectern_rubric_stays_the_model_answer():
    info = ("<p>Look for:</p><table><tr><th>Evidence</th><td>2</td><td>Quotes</td></tr></table>")
    inner = f'<graderinfo format="html"><text><![CDATA[{info}]]></text></graderinfo>'
    [imported] = parse_moodle_xml(quiz(moodle_question("essay", inner))).questions
    assert imported.definition.rubric == []
    assert imported.definition.model_answer == "Look for:\n\nEvidence 2 Quotes"
    assert imported.notes == ()


def test_a_marked_table_that_is_not_a_rubric_is_kept_as_text_with_a_note():
    info = '<table class="lectern-rubric"><tbody><tr><th>Evidence</th><td>lots</td><td>Quotes</td></tr></tbody></table>'
    inner = f'<graderinfo format="html"><text><![CDATA[<p>Model.</p>{info}]]></text></graderinfo>'
    [imported] = parse_moodle_xml(quiz(moodle_question("essay", inner))).questions
    assert imported.definition.rubric == []
    assert "Evidence lots Quotes" in imported.definition.model_answer
    assert imported.notes == (("the rubric in the grader information was kept as text: "
                               "the rubric gives 'lots' as points, which is not a number"),)


def test_a_marked_rubric_that_breaks_the_rules_is_refused_with_the_bank_loaders_words():
    inner = ('<graderinfo format="html"><text><![CDATA[<p>Model.</p><table data-lectern-rubric="1"><tbody>'
             '<tr><th>Evidence</th><td>2</td><td>All</td></tr><tr><td>1</td><td>Some</td></tr>'
             '</tbody></table>]]></text></graderinfo>')
    result = parse_moodle_xml(quiz(moodle_question("essay", inner)))
    assert not result.questions
    assert "list the levels from the fewest points to the most" in result.problems[0].message


def test_take_rubric_leaves_text_without_a_marked_table_alone():
    assert take_rubric("<p>Just <table><tr><td>x</td></tr></table></p>") == (
        "<p>Just <table><tr><td>x</td></tr></table></p>", None)


# --- GIFT and CSV ----------------------------------------------------------------------


def test_gift_carries_the_rubric_in_its_lectern_line_for_lectern_and_moodle_ignores_it():
    text = write_gift([essay()])
    lectern_line = next(line for line in text.splitlines() if line.startswith("// lectern:"))
    assert '"rubric": [{"criterion": "Uses the article' in lectern_line
    assert parse_gift(text).definitions()[0].rubric == essay().rubric


def test_csv_has_no_place_for_a_rubric_and_leaves_it_out():
    [back] = parse_csv(write_csv([essay()])).definitions()
    assert back.rubric == [] and back.model_answer == essay().model_answer


# --- the editor's rows -----------------------------------------------------------------


def test_the_editor_shows_a_saved_rubric_one_level_per_line_and_reads_it_back():
    typed = levels_text(essay().to_data()["rubric"][0]["levels"])
    assert typed == ("0: No reference to the article.\n1: Refers to the article in general terms.\n"
                     "2.5: Quotes or cites a paragraph that supports each point.")
    row = rubric_row_data({"criterion": " Uses the article's evidence ", "levels": "\n" + typed + "\n\n"})
    assert question("essay", model_answer="m", rubric=[row]).rubric == essay().rubric[:1]


def test_the_editor_reads_what_a_teacher_types_and_drops_blank_rows():
    assert rubric_row_data({"criterion": "", "levels": "  \n"}) is None
    assert rubric_row_data({"criterion": "Tone", "levels": "0: Flat\n1,5: Lively: varied\nNo points here"}) == {
        "criterion": "Tone", "levels": [{"points": 0.0, "description": "Flat"},
                                         {"points": 1.5, "description": "Lively: varied"},
                                         {"points": "no points", "description": ""}]}


DATA = {"rubric": [{"criterion": "Evidence", "levels": []}, {"criterion": "Tone", "levels": []},
                   {"criterion": "evidence", "levels": []}]}


@pytest.mark.parametrize(("loc", "kind", "where", "message"), [
    (("rubric",), "rubric_duplicate", ("rubric", 2, "criterion"), "Another criterion has this name"),
    (("rubric",), "too_long", ("rubric",), "Use at most 10 criteria."),
    (("rubric", 0, "criterion"), "string_too_short", ("rubric", 0, "criterion"), "Say what this criterion judges"),
    (("rubric", 1, "levels"), "too_short", ("rubric", 1, "levels"), "Give at least two levels, one per line"),
    (("rubric", 1, "levels"), "levels_order", ("rubric", 1, "levels"), "from the fewest points to the most"),
    (("rubric", 0, "levels", 1, "points"), "float_parsing", ("rubric", 0, "levels"),
     "Level 2: start with its points and a colon, like “2: Quotes a paragraph for each point”."),
    (("rubric", 0, "levels", 0, "points"), "greater_than_equal", ("rubric", 0, "levels"),
     "Level 1: give from 0 to 100 points."),
    (("rubric", 0, "levels", 2, "description"), "string_too_short", ("rubric", 0, "levels"),
     "Level 3: after the colon, say what an answer at this level does."),
])
def test_rubric_errors_are_placed_at_the_row_and_said_plainly(loc, kind, where, message):
    assert rubric_problem(loc, kind, DATA)[0] == where
    assert message in rubric_problem(loc, kind, DATA)[1]
