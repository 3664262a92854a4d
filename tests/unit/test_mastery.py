"""Mastery: figures per skill and paragraph with their evidence, never without enough data."""

from __future__ import annotations

from datetime import datetime, timedelta

from lectern.core.mastery import MIN_ANSWERS, Evidence, Mastery, article_mastery

NOW = datetime(2026, 5, 15, 12, 0)


def answers(skill: str, fractions: list[float], paragraphs=(1,), days_ago: int = 1) -> list[Evidence]:
    return [Evidence(NOW - timedelta(days=days_ago), f, skill, tuple(paragraphs)) for f in fractions]


def test_a_figure_says_how_many_right_of_how_many():
    found = article_mastery(answers("locate", [1] * 7 + [0, 0]), 3, NOW)
    locate = found.skills[0]
    assert (locate.key, locate.answers, locate.right) == ("locate", 9, 7)
    assert locate.evidence == "7 of 9 right in the last two weeks."
    assert locate.level == "Getting there" and round(locate.share, 3) == 0.778


def test_no_figure_without_enough_answers():
    found = article_mastery(answers("evaluate", [1, 1]), 3, NOW)
    evaluate = found.skills[2]
    assert evaluate.share is None and evaluate.level is None
    assert evaluate.evidence == f"Not enough to judge yet: 2 answers in the last two weeks, {MIN_ANSWERS} needed."
    assert found.skills[1].evidence.startswith("Not enough to judge yet: no answers")


def test_partly_right_answers_earn_their_part_and_are_named():
    m = article_mastery(answers("understand", [1, 0.5, 0.5, 0]), 1, NOW).skills[1]
    assert (m.right, m.partly, m.credit, m.level) == (1, 2, 2.0, "Getting there")
    assert m.evidence == "1 of 4 right (2 partly) in the last two weeks."


def test_only_the_last_two_weeks_count():
    old = answers("locate", [0, 0, 0, 0], days_ago=20)
    recent = answers("locate", [1, 1, 1], days_ago=2)
    locate = article_mastery(old + recent, 1, NOW).skills[0]
    assert (locate.answers, locate.level) == (3, "Secure")


def test_paragraph_figures_come_from_each_answers_evidence_paragraphs():
    evidence = answers("locate", [1, 1, 1], paragraphs=(2,)) + answers("evaluate", [0, 0, 1], paragraphs=(2, 3))
    found = article_mastery(evidence, 4, NOW)
    by_number = {m.key: m for m in found.paragraphs}
    assert by_number[2].answers == 6 and by_number[3].answers == 3 and by_number[1].answers == 0
    assert by_number[3].level == "Needs practice"


def test_suggestions_name_the_weakest_skill_and_paragraph():
    evidence = (answers("locate", [1, 1, 1], paragraphs=(1,)) + answers("evaluate", [0, 0, 1, 0], paragraphs=(4,)))
    suggestions = article_mastery(evidence, 4, NOW).suggestions
    assert [(s.skill, s.paragraph) for s in suggestions] == [("evaluate", None), (None, 4)]
    assert "1 of 4 right" in suggestions[0].reason


def test_with_little_data_the_suggestion_is_to_answer_more():
    suggestions = article_mastery(answers("locate", [1, 1, 1]), 2, NOW).suggestions
    assert len(suggestions) == 1 and suggestions[0].skill in ("understand", "evaluate")
    assert "Answer a few more" in suggestions[0].reason


def test_levels_at_their_thresholds():
    def level(credit: float) -> str | None:
        return Mastery("x", answers=10, right=0, partly=0, credit=credit).level
    assert (level(8.0), level(7.9), level(5.0), level(4.9)) == ("Secure", "Getting there", "Getting there",
                                                                "Needs practice")
