"""Counting a file's questions before reading them, so an oversized import is refused at once."""

from __future__ import annotations

import pytest

from lectern.core.interchange import (
    AIKEN,
    CSV,
    CSV_TEMPLATE,
    GIFT,
    MOODLE_XML,
    count_questions,
    limit_problem,
    parse_aiken,
    parse_csv,
    parse_gift,
    parse_moodle_xml,
)

GIFT_TEXT = """// Week 1: a comment {not a question}
::Intro:: Read paragraph 1 before you answer.

$CATEGORY: $course$/Berlin

::Capital:: Which city? {
=Berlin
~Kyiv
}

// between questions

::Troops:: The US sends troops.{F}
::How many:: How many? {#800:50}
"""
XML_TEXT = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/Berlin</text></category></question>
  <question type="description"><name><text>Intro</text></name><questiontext format="html"><text>Read</text></questiontext></question>
  <question type="truefalse"><name><text>T</text></name><questiontext format="html"><text>True?</text></questiontext>
    <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
  <question type="shortanswer"><name><text>S</text></name><questiontext format="html"><text>Capital?</text></questiontext>
    <answer fraction="100"><text>Berlin</text></answer></question>
</quiz>
"""
AIKEN_TEXT = """Which city hosted the talks?
A. Berlin
B. Kyiv
ANSWER: A

Which country signed?
A) Germany
B) Japan
answer: a
"""
CSV_TEXT = 'type,prompt,options,answers\nsingle_choice,"Which city,\nexactly?",Berlin|Kyiv,Berlin\n\ntrue_false,Is it true?,,true\n'


@pytest.mark.parametrize(("text", "fmt", "parse"), [
    (GIFT_TEXT, GIFT, parse_gift), (XML_TEXT, MOODLE_XML, parse_moodle_xml), (AIKEN_TEXT, AIKEN, parse_aiken),
    (CSV_TEXT, CSV, parse_csv), (CSV_TEMPLATE, CSV, parse_csv),
])
def test_the_count_agrees_with_the_full_reading(text, fmt, parse):
    # Descriptions, categories, comments, a blank line between rows and a quoted line break are not questions.
    result = parse(text)
    assert result.ok, result.problems
    assert count_questions(text, fmt) == len(result.questions) + sum(
        1 for s in result.skipped if "description" not in str(s).lower())


def test_gift_questions_counted_without_blank_lines_inside_braces():
    assert count_questions(GIFT_TEXT, GIFT) == 2  # Troops and How many are one block, as Moodle reads them


def test_a_file_over_the_question_limit_says_how_many_and_what_to_do():
    text = "".join(f"Q{n}? {{T}}\n\n" for n in range(2_001)).encode()
    problem = limit_problem(text, None, max_questions=2_000, max_bytes=10 * 1024 * 1024)
    assert problem == ("this file has 2,001 questions; Lectern imports at most 2,000 at a time — split the file "
                       "into parts of at most 2,000 questions and import them one after another")
    assert limit_problem(text, None, max_questions=2_001, max_bytes=10 * 1024 * 1024) is None


def test_a_file_over_the_byte_limit_is_refused_by_its_size_alone():
    data = b"\x89PNG" + b"x" * (3 * 1024 * 1024)  # not even text: the size is checked first
    problem = limit_problem(data, None, max_questions=2_000, max_bytes=2 * 1024 * 1024)
    assert problem == ("this file is 3 MB; Lectern imports files of at most 2 MB — split it into smaller files "
                       "and import them one after another")


def test_unreadable_or_unknown_files_are_left_to_the_import_to_explain():
    limits = {"max_questions": 1, "max_bytes": 1024}
    assert limit_problem(b"\x89PNG....", None, **limits) is None
    assert limit_problem(b"just some prose\n\nmore prose", None, **limits) is None


def test_the_issues_100000_question_file_is_counted():
    # bench/import_limits.py measures how fast; a full parse of it took most of a minute.
    data = "".join(f"Q{n}? {{T}}\n\n" for n in range(100_000)).encode()
    problem = limit_problem(data, None, max_questions=2_000, max_bytes=10 * 1024 * 1024)
    assert problem is not None and "this file has 100,000 questions" in problem


def test_a_format_no_reader_knows_is_left_to_the_format_check():
    # The upload form checks the file before the format field; a tampered format must not crash the count.
    assert limit_problem(b"::q:: Where? {=Berlin}\n", "no-such-format", max_questions=1, max_bytes=1000) is None
