"""YAML that remembers lines, so bank errors can name the line to fix."""

from __future__ import annotations

import pytest
import yaml

from lectern.core.yaml_lines import LineDict, LineList, line_of, load_yaml

TEXT = """\
# a comment
questions:
  - id: one
    options:
      - text: A
      - text: B
        correct: true

  - id: two
    date: 2025-01-31
quizzes: []
"""
DATA = load_yaml(TEXT)


def line_with(needle: str) -> int:
    return next(n for n, line in enumerate(TEXT.splitlines(), 1) if needle in line)


def test_mappings_and_lists_know_their_lines():
    assert isinstance(DATA, LineDict) and isinstance(DATA["questions"], LineList)
    assert DATA.key_lines == {"questions": 2, "quizzes": line_with("quizzes")}
    assert DATA["questions"].item_lines == [line_with("id: one"), line_with("id: two")]
    assert DATA["questions"][1].line == line_with("id: two")
    assert DATA["questions"][0].key_lines["options"] == line_with("options:")


@pytest.mark.parametrize("path, needle", [
    (("questions",), "questions:"),
    (("questions", 0), "id: one"),
    (("questions", 0, "options"), "options:"),
    (("questions", 0, "options", 1), "text: B"),
    (("questions", 0, "options", 1, "correct"), "correct: true"),
    (("questions", 1, "date"), "date:"),
])
def test_line_of_follows_a_path(path, needle):
    assert line_of(DATA, path, 0) == line_with(needle)


@pytest.mark.parametrize("path, needle", [
    (("questions", 0, "explanation"), "id: one"),          # a missing key: its block
    (("questions", 0, "options", 5), "options:"),          # an index past the end
    (("questions", 0, "options", 1, "feedback"), "text: B"),
    (("questions", "x"), "questions:"),
])
def test_line_of_stops_at_the_deepest_part_that_exists(path, needle):
    assert line_of(DATA, path, 0) == line_with(needle)


def test_line_of_plain_data_gives_the_default():
    assert line_of({"a": 1}, ("a",), 7) == 7
    assert line_of(None, (), 3) == 3


def test_dates_stay_text():
    assert DATA["questions"][1]["date"] == "2025-01-31"


def test_ordinary_values_are_parsed():
    assert load_yaml("a: 1\nb: true\nc: 2.5\nd: null\ne: [x, y]") == {
        "a": 1, "b": True, "c": 2.5, "d": None, "e": ["x", "y"]}


def test_duplicate_key_is_an_error_at_the_second_key():
    with pytest.raises(yaml.YAMLError) as info:
        load_yaml("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert info.value.problem_mark.line + 1 == 4
    assert "'c' appears twice" in info.value.problem


@pytest.mark.parametrize("text", ["!!python/object:os.system {}", "a: !!python/name:os.system"])
def test_unsafe_tags_are_refused(text):
    with pytest.raises(yaml.YAMLError):
        load_yaml(text)


@pytest.mark.parametrize("text, line", [
    ("a: 1\nb: c: d\ne: 2\n", 2),
    ("a: 1\nb:\n  - x\n - y\n", 4),
    ("a: 1\n\tb: 2\n", 2),
])
def test_syntax_error_names_its_line(text, line):
    with pytest.raises(yaml.YAMLError) as info:
        load_yaml(text)
    assert info.value.problem_mark.line + 1 == line
