"""A bank file's quiz says what the article shows during an attempt: article_aids all, text or none."""

from __future__ import annotations

import pytest

from lectern.core.banks import read_bank
from lectern.core.quizzes import QuizSpec
from tests.conftest import REPO
from tests.unit.test_bank_validation import QUESTIONS, bank, check, edited, line_of, only_problem


@pytest.mark.parametrize("aids", ["all", "text", "none"])
def test_a_quiz_may_set_its_article_aids(tmp_path, aids):
    text = edited(QUESTIONS, "    title: Quick check\n", f"    title: Quick check\n    article_aids: {aids}\n")
    quizzes = {q.id: q for q in read_bank(bank(tmp_path, text)).quizzes}
    assert quizzes["quick"].article_aids == aids
    assert quizzes["full"].article_aids == "all"  # the default: the article with its definitions


def test_an_unknown_article_aid_is_refused_at_its_line(tmp_path):
    text = edited(QUESTIONS, "    title: Quick check\n", "    title: Quick check\n    article_aids: some\n")
    check(only_problem(bank(tmp_path, text)), "questions.yaml", line_of(text, "article_aids: some"),
          None, "article_aids", "'all', 'text' or 'none'")


def test_the_default_is_left_out_of_the_stored_spec():
    assert "article_aids" not in QuizSpec(id="q", title="Q").model_dump(exclude_defaults=True)


def test_the_berlin_key_terms_quiz_shows_the_text_without_definitions():
    quizzes = {q.id: q for q in read_bank(REPO / "quizzes" / "berlin-security-agreements").quizzes}
    assert quizzes["key-terms"].article_aids == "text"
    assert {q.article_aids for key, q in quizzes.items() if key != "key-terms"} == {"all"}
