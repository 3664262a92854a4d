"""Moodle's own GIFT test files import as Moodle imports them (question/format/gift/tests/fixtures)."""

from __future__ import annotations

import pytest

from lectern.core.interchange import parse_gift
from lectern.rendering import markdown_block
from tests.unit.interchange.moodle_files import moodle_file


@pytest.fixture(scope="module")
def questions():
    result = parse_gift(moodle_file("questions.gift.txt").read_text(encoding="utf-8"))
    assert not result.problems, result.problems
    return {q.title: q for q in result.questions}, result


def test_every_question_moodle_imports_is_imported(questions):
    _, result = questions
    # Moodle reports "Importing 9 questions from file" for this file (its behat test).
    assert len(result.questions) == 9
    assert result.skipped == []
    assert [q.definition.type for q in result.questions] == [
        "essay", "matching", "single_choice", "multiple_response", "numeric", "short_answer",
        "true_false", "true_false", "true_false"]
    assert [q.line for q in result.questions] == [2, 5, 14, 22, 31, 34, 41, 46, 49]


def test_essay_keeps_its_prompt_and_flags_the_missing_model_answer(questions):
    q8 = questions[0]["Q8"]
    assert q8.definition.id == "q8"
    assert q8.definition.prompt == "How are you?"
    assert any("model answer" in note for note in q8.notes)


def test_matching_with_mixed_formats_and_a_distractor(questions):
    q = questions[0]["Moodle activities"].definition
    assert q.prompt == "Match the **activity** to the description."  # [html] <b> becomes Markdown
    assert [(p.item, p.match) for p in q.pairs] == [
        ("An activity supporting asynchronous discussions.", "Forum"),
        ("A teacher asks a question and specifies a choice of multiple responses.", "Choice"),
        ("A bank of record entries which participants can add to.", "Database"),
        ("A collection of web pages that anyone can add to or edit.", "Wiki"),
    ]
    assert q.distractors == ["Chat"]


def test_single_choice_with_feedback_per_answer(questions):
    q = questions[0]["Q2"].definition
    assert q.prompt == "What's between orange and green in the spectrum?"
    assert [(o.text, o.correct, o.feedback) for o in q.options] == [
        ("yellow", True, "right; good!"),
        ("red", False, "wrong, it's yellow"),     # [html] feedback
        ("blue", False, "wrong, it's yellow"),    # [plain] answer text
    ]
    assert q.grade("a").fraction == 1 and q.grade("b").fraction == 0


def test_multiple_response_keeps_negative_weights(questions):
    q = questions[0]["colours"].definition
    assert [(o.text, o.credit, o.feedback) for o in q.options] == [
        ("yellow", 50, "right; good!"), ("red", -100, "wrong"),
        ("off-beige", 50, "right; good!"), ("blue", -100, "wrong")]
    assert q.grade(["a", "c"]).fraction == 1
    assert q.grade(["a"]).fraction == 0.5
    assert q.grade(["a", "b"]).fraction == 0  # -100% cancels a right answer


def test_numeric_range_and_the_stray_quote_after_the_brace(questions):
    q5 = questions[0]["Q5"]
    q = q5.definition
    assert [(a.value, a.tolerance, a.credit) for a in q.answers] == [(3, 2, 100)]
    assert q.grade("1").fraction == 1 and q.grade("5").fraction == 1 and q.grade("5.5").fraction == 0
    # Moodle reads text after the closing brace as a missing-word question: so do we, and say so.
    assert q.prompt == r'What is a number from 1 to 5? \_\_\_\_\_";'  # the blank, escaped: not emphasis
    assert any("after the closing brace" in note for note in q5.notes)
    # The catch-all "~#Completely wrong" has no place in Lectern: it is named, not silently lost.
    assert any("Completely wrong" in note for note in q5.notes)


def test_short_answer_with_weights_and_a_wildcard(questions):
    q = questions[0]["Shortanswer"].definition
    assert [(a.text, a.credit, a.feedback) for a in q.answers] == [
        ("Frog", 100, "Good!"), ("Cat", 50, "What is it with Moodlers and cats?"), ("*", 0, "Completely wrong")]
    assert q.grade("frog").fraction == 1
    assert q.grade("Cat").fraction == 0.5
    assert q.grade("Dog").fraction == 0 and q.grade("Dog").feedback == ("Completely wrong",)


def test_true_false_feedback_goes_to_the_answer_it_belongs_to(questions):
    q1 = questions[0]["Q1"]
    q = q1.definition
    assert q.answer is False
    # {FALSE#wrong#right}: the first feedback is for a student who answered wrongly (True).
    assert q.grade(True).feedback == ("42 is the Ultimate Answer.",)
    assert q.grade(False).feedback == ("You gave the right answer.",)
    assert q.explanation == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    assert q.prompt == r'42 is the Absolute Answer to everything.\_\_\_\_\_";'
    assert any("after the closing brace" in note for note in q1.notes)


def test_t_and_true_are_both_true_and_equal_titles_get_distinct_ids(questions):
    _, result = questions
    tsl = [q for q in result.questions if q.title == "2-08 TSL"]
    assert [q.definition.answer for q in tsl] == [True, True]
    assert [q.definition.id for q in tsl] == ["2-08-tsl", "2-08-tsl-2"]


def test_questions_in_a_category_keep_it_as_a_tag_and_resolve_escapes():
    result = parse_gift(moodle_file("questions_in_category.gift.txt").read_text(encoding="utf-8"))
    assert not result.problems and not result.skipped
    # The file holds five entries: the category switch and four questions.
    assert [(q.title, q.definition.type) for q in result.questions] == [
        ("Moodle activities", "matching"), ("Greeting", "single_choice"),
        ("Moodle user", "short_answer"), ("Moodle acronym", "true_false")]
    for q in result.questions:
        assert q.category == "Default for New Features"
        assert "category:Default for New Features" in q.definition.tags
    by_title = {q.title: q.definition for q in result.questions}
    greeting = by_title["Greeting"]
    # \= and \: inside the HTML are resolved before the HTML is read.
    assert greeting.prompt == ("[Listen to this greeting:](http://demo.moodle.net/file.php/5/media/bonjour.mp3)"
                               "\n\nWhat language is being spoken?")
    assert [o.text for o in greeting.options if o.correct] == ["French"]
    assert greeting.option("a").feedback == "Sorry, listen again."
    assert by_title["Moodle user"].answers[0].text == "Moodler"
    assert by_title["Moodle user"].answers[0].credit == 100
    assert by_title["Moodle acronym"].prompt == (
        "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Environment.")
    assert by_title["Moodle acronym"].answer is True


# What Moodle's own GIFT exporter writes (the expected outputs in its giftformat_test.php).
MOODLE_EXPORT = """\
// question: 666  name: Q8
::Q8::What's between orange and green in the spectrum?{
\t=yellow#right; good!
\t~red#[html]wrong, it's yellow
\t~[plain]blue#wrong, it's yellow
}

// question: 667  name: Shortanswer
::Shortanswer::Which is the best animal?{
\t=%100%Frog#Good!
\t=%50%Cat#What is it with Moodlers and cats?
\t=%0%*#Completely wrong
\t####[html]Here is some general feedback!
}

// question: 668  name: Q1
::Q1::42 is the Absolute Answer to everything.{TRUE#[html]42 is the Ultimate Answer.#You gave the right answer.}

// question: 669  name: Q5
::Q5::What is a number from 1 to 5?{#
\t=%100%3:2#
\t~#Completely wrong
}

// question: 670  name: Moodle activities
::Moodle activities::[html]Match the <b>activity</b> to the description.{
\t=<div class\\="frog">An activity supporting asynchronous discussions.</div> -> Forum
\t=[moodle]A teacher asks a question and specifies a choice of multiple responses. -> Choice
\t=[plain]A bank of record entries which participants can add to. -> Database
\t=[markdown]A collection of web pages that anyone can add to or edit. -> Wiki
\t= -> Chat
}

// question: 671  name: backslash
::backslash::A \\\\ B \\\\\\\\ C{}
"""


def test_what_moodles_exporter_writes_reads_back():
    result = parse_gift(MOODLE_EXPORT)
    assert result.ok and not result.skipped, result.problems
    choice, short, tf, numeric, matching, essay = (q.definition for q in result.questions)
    assert [(o.text, o.feedback) for o in choice.options] == [
        ("yellow", "right; good!"), ("red", "wrong, it's yellow"), ("blue", "wrong, it's yellow")]
    assert short.explanation == "Here is some general feedback!"
    assert (tf.answer, tf.feedback_true, tf.feedback_false) == (
        True, "You gave the right answer.", "42 is the Ultimate Answer.")
    assert [(a.value, a.tolerance, a.feedback) for a in numeric.answers] == [(3, 2, None)]
    assert matching.pairs[0].item == "An activity supporting asynchronous discussions."
    assert matching.distractors == ["Chat"]
    # Moodle's MDL-34171 case: \\ is one backslash; the second pair is escaped for Markdown.
    assert essay.prompt == r"A \ B \\\ C" and markdown_block(essay.prompt) == "<p>A \\ B \\\\ C</p>\n"
