"""The bank validator: one bad bank per rule, each problem with file, line, id and a fix.

Each test copies the mini bank, breaks exactly one thing by editing the text, and
finds the line to expect by searching the edited text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lectern.core.banks import BankInvalid, BankProblem, read_bank
from tests.conftest import MINI_BANK, REPO

ARTICLE = (MINI_BANK / "article.md").read_text(encoding="utf-8")
QUESTIONS = (MINI_BANK / "questions.yaml").read_text(encoding="utf-8")


def edited(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once in the fixture"
    return text.replace(old, new)


def line_of(text: str, needle: str, after: int = 0) -> int:
    """The 1-based number of the first line after line `after` that contains needle."""
    lines = text.splitlines()
    for number in range(after + 1, len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    raise AssertionError(f"{needle!r} is not in the text")


def bank(tmp_path: Path, questions: str = QUESTIONS, article: str = ARTICLE) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI_BANK, folder)
    (folder / "questions.yaml").write_text(questions, encoding="utf-8")
    (folder / "article.md").write_text(article, encoding="utf-8")
    return folder


def problems_of(folder: Path) -> list[BankProblem]:
    with pytest.raises(BankInvalid) as info:
        read_bank(folder)
    assert info.value.problems, "BankInvalid must list what to fix"
    return info.value.problems


def only_problem(folder: Path) -> BankProblem:
    problems = problems_of(folder)
    assert len(problems) == 1, problems
    return problems[0]


def check(problem: BankProblem, file: str, line: int | None, question_id: str | None,
          *words: str) -> None:
    assert Path(problem.file).name == file
    assert problem.line == line
    assert problem.question_id == question_id
    for word in words:
        assert word in problem.message
    where = f"{file}:{line}:" if line else f"{file}:"
    assert where in str(problem)                  # what the teacher reads names the place
    if question_id:
        assert repr(question_id) in str(problem)


# --- one broken rule per bank ------------------------------------------------------


def test_valid_bank_reads(tmp_path):
    b = read_bank(bank(tmp_path))
    assert b.slug == "mini" and len(b.questions) == 8
    assert [q.id for q in b.quizzes] == ["full", "quick"]
    assert b.article.title.startswith("U.S., EU, and Ukraine") and len(b.article.paragraphs) == 20
    assert b.article.date is None
    assert [t.term for t in b.key_terms] == ["Article 5"]


def test_duplicate_question_id(tmp_path):
    text = edited(QUESTIONS, "  - id: who-met", "  - id: meeting-city")
    first = line_of(text, "- id: meeting-city")
    second = line_of(text, "- id: meeting-city", after=first)
    check(only_problem(bank(tmp_path, text)), "questions.yaml", second, "meeting-city",
          f"already used by the question on line {first}", "give each question its own id")


def test_single_choice_with_two_right_options(tmp_path):
    text = edited(QUESTIONS, "      - text: Kyiv\n", "      - text: Kyiv\n        correct: true\n")
    check(only_problem(bank(tmp_path, text)), "questions.yaml",
          line_of(text, "- id: meeting-city"), "meeting-city",
          "exactly one option with correct: true (found 2)")


def test_numeric_missing_tolerance(tmp_path):
    text = edited(QUESTIONS, "        tolerance: 0\n", "")
    check(only_problem(bank(tmp_path, text)), "questions.yaml",
          line_of(text, "- value: 800000"), "army-size", "add the field", "tolerance")


def test_missing_explanation(tmp_path):
    text = edited(QUESTIONS, "    explanation: The first sentence names the city.\n", "")
    check(only_problem(bank(tmp_path, text)), "questions.yaml",
          line_of(text, "- id: meeting-city"), "meeting-city",
          "add the field 'explanation'", "explains its answer")


def test_evidence_quote_in_another_paragraph(tmp_path):
    text = edited(QUESTIONS, "      - paragraph: 10\n", "      - paragraph: 9\n")
    check(only_problem(bank(tmp_path, text)), "questions.yaml",
          line_of(text, "- paragraph: 9"), "army-size",
          "'approximately 800,000 personnel' is not in paragraph 9",
          "it occurs in paragraph 10; fix the paragraph number")


def test_evidence_quote_nowhere_in_the_article(tmp_path):
    text = edited(QUESTIONS, "quote: approximately 800,000 personnel",
                  "quote: approximately 900,000 personnel")
    check(only_problem(bank(tmp_path, text)), "questions.yaml",
          line_of(text, "- paragraph: 10"), "army-size",
          "is not in paragraph 10", "copy the words exactly as the article prints them")


def test_evidence_paragraph_beyond_the_article(tmp_path):
    text = edited(QUESTIONS, "      - paragraph: 13\n", "      - paragraph: 21\n")
    check(only_problem(bank(tmp_path, text)), "questions.yaml",
          line_of(text, "- paragraph: 21"), "us-combat-troops",
          "cites paragraph 21, but the article has 20")


def test_evidence_in_second_place_points_at_its_own_line(tmp_path):
    text = edited(QUESTIONS, "      - paragraph: 14\n", "      - paragraph: 12\n")
    check(only_problem(bank(tmp_path, text)), "questions.yaml",
          line_of(text, "- paragraph: 12", after=line_of(text, "- paragraph: 12")),
          "who-does-what", "it occurs in paragraph 14")


def test_unknown_type(tmp_path):
    text = edited(QUESTIONS, "type: essay", "type: poem")
    check(only_problem(bank(tmp_path, text)), "questions.yaml", line_of(text, "type: poem"),
          "sources", "unknown question type 'poem'", "single_choice", "essay")


def test_unknown_field(tmp_path):
    text = edited(QUESTIONS, "    answer: false\n", "    answer: false\n    colour: red\n")
    check(only_problem(bank(tmp_path, text)), "questions.yaml", line_of(text, "colour: red"),
          "us-combat-troops", "unknown field 'colour'", "check the spelling")


def test_yaml_syntax_error(tmp_path):
    text = edited(QUESTIONS, "prompt: Who took part in the meeting?",
                  "prompt: Who took part: the meeting?")
    check(only_problem(bank(tmp_path, text)), "questions.yaml",
          line_of(text, "Who took part: the meeting?"), None, "not valid YAML")


def test_duplicate_key_in_a_mapping(tmp_path):
    text = edited(QUESTIONS, "    answer: false\n", "    answer: false\n    answer: true\n")
    check(only_problem(bank(tmp_path, text)), "questions.yaml", line_of(text, "answer: true"),
          None, "not valid YAML", "'answer' appears twice")


@pytest.mark.parametrize("name", ["questions.yaml", "article.md"])
def test_missing_file(tmp_path, name):
    folder = bank(tmp_path)
    (folder / name).unlink()
    check(only_problem(folder), name, None, None, f"missing: a bank folder needs {name}")


def test_article_front_matter_missing_title(tmp_path):
    text = edited(ARTICLE, 'title: "U.S., EU, and Ukraine Finalize Landmark Security Agreements'
                  ' in Berlin"\n', "")
    check(only_problem(bank(tmp_path, article=text)), "article.md", 2, None,
          "front matter needs title:")


def test_article_front_matter_yaml_error(tmp_path):
    text = edited(ARTICLE, "date: unknown\n", "date: unknown: really\n")
    check(only_problem(bank(tmp_path, article=text)), "article.md", line_of(text, "date:"), None,
          "front matter is not valid YAML")


def test_article_front_matter_unknown_key(tmp_path):
    text = edited(ARTICLE, "date: unknown\n", "date: unknown\nauthor: Someone\n")
    check(only_problem(bank(tmp_path, article=text)), "article.md", 2, None,
          "unknown front matter keys ['author']", "use title, source, date, url")


def test_article_without_front_matter(tmp_path):
    text = ARTICLE.split("---\n", 2)[2]
    check(only_problem(bank(tmp_path, article=text)), "article.md", 1, None,
          "start with a front matter block")


def test_quiz_that_selects_no_questions(tmp_path):
    text = edited(QUESTIONS, "    title: Quick check\n", "    title: Quick check\n    tags: [none]\n")
    check(only_problem(bank(tmp_path, text)), "questions.yaml", line_of(text, "- id: quick"),
          None, "quiz 'quick' selects no questions", "check its skills and tags")


def test_quiz_that_draws_more_than_the_pool(tmp_path):
    text = edited(QUESTIONS, "draw: 4", "draw: 9")
    check(only_problem(bank(tmp_path, text)), "questions.yaml", line_of(text, "- id: quick"),
          None, "quiz 'quick' draws 9 questions but only 8 match")


def test_key_term_absent_from_the_article(tmp_path):
    text = edited(QUESTIONS, "  - term: Article 5", "  - term: Article 7")
    check(only_problem(bank(tmp_path, text)), "questions.yaml", line_of(text, "term: Article 7"),
          None, "key term 'Article 7' does not occur in the article", "matches:")


# --- several problems, typography, all or nothing ----------------------------------


def test_several_errors_are_all_reported(tmp_path):
    text = edited(QUESTIONS, "type: essay", "type: poem")
    text = edited(text, "        tolerance: 0\n", "")
    text = edited(text, "      - paragraph: 13\n", "      - paragraph: 21\n")
    text = edited(text, "draw: 4", "draw: 9")
    problems = problems_of(bank(tmp_path, text))
    assert [(p.line, p.question_id) for p in problems] == [
        (line_of(text, "- paragraph: 21"), "us-combat-troops"),
        (line_of(text, "- value: 800000"), "army-size"),
        (line_of(text, "type: poem"), "sources"),
        (line_of(text, "- id: quick"), None),
    ]
    # the quiz is checked over the 6 valid questions only
    assert "only 6 match" in problems[-1].message


def test_problems_in_both_files_are_reported_together(tmp_path):
    article = edited(ARTICLE, "date: unknown\n", "")
    text = edited(QUESTIONS, "type: essay", "type: poem")
    files = sorted(Path(p.file).name for p in problems_of(bank(tmp_path, text, article)))
    assert files == ["article.md", "questions.yaml"]


def test_straight_quote_in_bank_finds_curly_quote_in_article(tmp_path):
    text = edited(QUESTIONS, "quote: NATO’s Article 5", "quote: NATO's Article 5")
    assert read_bank(bank(tmp_path, text)).question("treaty-article")


def test_curly_quote_in_bank_finds_straight_quote_in_article(tmp_path):
    article = edited(ARTICLE, "mirror the collective defense mechanisms enshrined in NATO’s",
                     "mirror the collective defense mechanisms enshrined in NATO's")
    assert read_bank(bank(tmp_path, article=article))


def test_dashes_fold_in_evidence(tmp_path):
    text = edited(QUESTIONS, "      - paragraph: 4\n        quote: NATO’s Article 5",
                  "      - paragraph: 16\n        quote: guarantees-backed by both U.S.")
    assert read_bank(bank(tmp_path, text))


def test_one_bad_question_fails_the_whole_bank(tmp_path):
    text = edited(QUESTIONS, "type: essay", "type: poem")
    folder = bank(tmp_path, text)
    result = None
    with pytest.raises(BankInvalid):
        result = read_bank(folder)
    assert result is None


def test_bank_folder_name_must_be_a_slug(tmp_path):
    folder = bank(tmp_path).rename(tmp_path / "Mini Bank")
    check(only_problem(folder), "article.md", None, None, "'Mini Bank' must be lowercase words")


# --- the real bank -----------------------------------------------------------------


@pytest.mark.real_bank
def test_the_real_bank_is_valid():
    """quizzes/berlin-security-agreements is being written; it must always validate."""
    b = read_bank(REPO / "quizzes" / "berlin-security-agreements")
    assert b.questions and b.article.paragraphs
