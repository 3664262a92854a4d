"""The checks a draft passes before it is published: a finished question, its evidence in the article."""

from __future__ import annotations

from lectern.core.publishing import (
    MISSING_EVIDENCE,
    MISSING_EXPLANATION,
    NO_ARTICLE,
    publish_problems,
)
from tests.unit.helpers import mini

QUESTION = {
    "id": "meeting-city", "type": "true_false", "prompt": "The meeting was held in Berlin.", "answer": True,
    "explanation": "The first sentence names the city.",
    "evidence": [{"paragraph": 1, "quote": "In a pivotal meeting held in Berlin"}],
}


def _without(*names: str) -> dict:
    return {k: v for k, v in QUESTION.items() if k not in names}


def test_a_finished_question_with_its_evidence_in_the_article_may_be_published():
    assert publish_problems(QUESTION, mini().article) == []


def test_an_imported_question_without_explanation_or_evidence_is_told_both():
    assert publish_problems(_without("explanation", "evidence"), mini().article) == [
        MISSING_EXPLANATION, MISSING_EVIDENCE]


def test_a_quote_the_article_does_not_hold_is_refused_with_where_to_look():
    moved = {**QUESTION, "evidence": [{"paragraph": 2, "quote": "In a pivotal meeting held in Berlin"}]}
    [problem] = publish_problems(moved, mini().article)
    assert "is not in paragraph 2" in problem and "paragraph 1" in problem
    assert problem[0].isupper() and problem.endswith(".")


def test_a_paragraph_past_the_end_is_refused():
    beyond = {**QUESTION, "evidence": [{"paragraph": 99, "quote": "Berlin"}]}
    [problem] = publish_problems(beyond, mini().article)
    assert "paragraph 99" in problem


def test_a_bank_without_an_article_cannot_publish_evidence_yet():
    empty = type(mini().article)(title="t", source="s", date=None, paragraphs=())
    assert publish_problems(QUESTION, empty) == [NO_ARTICLE]


def test_an_unknown_type_says_so_in_a_sentence():
    [problem] = publish_problems({**QUESTION, "type": "riddle"}, mini().article)
    assert "riddle" in problem and problem.endswith(".")
