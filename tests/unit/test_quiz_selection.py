"""Which questions a quiz asks: filters, random draws, one question per skill."""

from __future__ import annotations

import random

import pytest

from lectern.core.questions import SKILLS, ValidationError
from lectern.core.quizzes import DEFAULT_QUIZ, QuizSpec
from tests.unit.helpers import mini, question

# Nine questions, three per skill, tagged; in bank order q1..q9.
LAYOUT = [
    ("locate", ["facts"]), ("understand", ["facts", "security"]), ("evaluate", ["sources"]),
    ("locate", ["security"]), ("understand", []), ("evaluate", ["sources", "security"]),
    ("locate", ["facts"]), ("understand", ["security"]), ("evaluate", []),
]
BANK = [question("true_false", f"q{n}", answer=True, skill=skill, tags=tags)
        for n, (skill, tags) in enumerate(LAYOUT, start=1)]
SEEDS = range(200)


def ids(questions) -> list[str]:
    return [q.id for q in questions]


def quiz(**fields) -> QuizSpec:
    return QuizSpec(id="quiz", title="Quiz", **fields)


def in_bank_order(chosen) -> bool:
    order = [BANK.index(q) for q in chosen]
    return order == sorted(order)


def test_no_filters_asks_everything_in_bank_order():
    assert DEFAULT_QUIZ.choose(BANK, random.Random(1)) == BANK
    assert quiz().choose(BANK, random.Random(2)) == BANK


@pytest.mark.parametrize("skills, expected", [
    (["locate"], ["q1", "q4", "q7"]),
    (["evaluate", "locate"], ["q1", "q3", "q4", "q6", "q7", "q9"]),
])
def test_filter_by_skills(skills, expected):
    assert ids(quiz(skills=skills).choose(BANK, random.Random(0))) == expected


@pytest.mark.parametrize("tags, expected", [
    (["security"], ["q2", "q4", "q6", "q8"]),
    (["facts", "sources"], ["q1", "q2", "q3", "q6", "q7"]),     # any listed tag will do
    (["absent"], []),
])
def test_filter_by_tags(tags, expected):
    assert ids(quiz(tags=tags).choose(BANK, random.Random(0))) == expected


def test_skills_and_tags_together_must_both_fit():
    assert ids(quiz(skills=["understand"], tags=["security"]).pool(BANK)) == ["q2", "q8"]


@pytest.mark.parametrize("types, expected", [
    (["numeric", "short_answer"], ["treaty-article", "army-size"]),
    (["essay"], ["sources"]),
])
def test_filter_by_question_type(types, expected):
    assert ids(quiz(types=types).choose(mini().questions, random.Random(0))) == expected


def test_unknown_question_type_in_a_quiz_is_rejected():
    with pytest.raises(ValidationError, match=r"unknown question types \['poem'\]; use some of: "):
        quiz(types=["poem", "essay"])


def test_questions_without_a_skill_are_left_out_by_a_skill_filter():
    plain = question("true_false", "plain", answer=True)
    assert quiz(skills=list(SKILLS)).pool(BANK + [plain]) == BANK
    assert quiz().pool(BANK + [plain])[-1] == plain


@pytest.mark.parametrize("draw", [1, 4, 8])
def test_draw_gives_n_distinct_questions_in_bank_order(draw):
    spec = quiz(draw=draw)
    for seed in SEEDS:
        chosen = spec.choose(BANK, random.Random(seed))
        assert len(chosen) == draw
        assert len(set(ids(chosen))) == draw
        assert in_bank_order(chosen)


@pytest.mark.parametrize("draw", [9, 20])
def test_draw_of_the_whole_pool_or_more_asks_the_pool(draw):
    assert quiz(draw=draw).choose(BANK, random.Random(0)) == BANK


def test_draw_from_a_filtered_pool():
    spec = quiz(tags=["security"], draw=2)
    for seed in SEEDS:
        chosen = spec.choose(BANK, random.Random(seed))
        assert len(chosen) == 2 and set(ids(chosen)) <= {"q2", "q4", "q6", "q8"}


@pytest.mark.parametrize("draw", [3, 4, 6])
def test_one_per_skill_always_covers_every_skill(draw):
    spec = quiz(draw=draw, one_per_skill=True)
    for seed in SEEDS:
        chosen = spec.choose(BANK, random.Random(seed))
        assert {q.skill for q in chosen} == set(SKILLS), seed
        assert len(chosen) == len(set(ids(chosen))) == draw
        assert in_bank_order(chosen)


def test_one_per_skill_on_the_mini_bank_quick_quiz():
    bank = mini()
    quick = next(q for q in bank.quizzes if q.id == "quick")
    for seed in SEEDS:
        chosen = quick.choose(bank.questions, random.Random(seed))
        assert len(chosen) == 4 and {q.skill for q in chosen} == set(SKILLS)


@pytest.mark.parametrize("spec", [quiz(draw=3), quiz(draw=4, one_per_skill=True)])
def test_different_seeds_give_different_selections(spec):
    selections = {tuple(ids(spec.choose(BANK, random.Random(seed)))) for seed in range(20)}
    assert len(selections) > 1


def test_draws_vary_over_every_question():
    seen = set()
    for seed in SEEDS:
        seen |= set(ids(quiz(draw=2).choose(BANK, random.Random(seed))))
    assert seen == set(ids(BANK))


def test_the_same_seed_gives_the_same_selection():
    spec = quiz(draw=4, one_per_skill=True)
    assert spec.choose(BANK, random.Random(42)) == spec.choose(BANK, random.Random(42))


# --- problems ------------------------------------------------------------------------


@pytest.mark.parametrize("spec, messages", [
    (quiz(), []),
    (quiz(draw=9), []),
    (quiz(draw=3, one_per_skill=True), []),
    (quiz(tags=["absent"]), ["quiz 'quiz' selects no questions; check its skills and tags"]),
    (quiz(skills=["locate"], tags=["sources"]),
     ["quiz 'quiz' selects no questions; check its skills and tags"]),
    (quiz(draw=10), ["quiz 'quiz' draws 10 questions but only 9 match"]),
    (quiz(tags=["security"], draw=5), ["quiz 'quiz' draws 5 questions but only 4 match"]),
    (quiz(skills=["locate", "understand"], draw=3, one_per_skill=True),
     ["quiz 'quiz' needs one question per skill but has none for evaluate"]),
    (quiz(tags=["facts"], draw=3, one_per_skill=True),
     ["quiz 'quiz' needs one question per skill but has none for evaluate"]),
    (quiz(draw=2, one_per_skill=True), ["quiz 'quiz' must draw at least 3 to cover every skill"]),
])
def test_problems(spec, messages):
    assert spec.problems(BANK) == messages


def test_one_per_skill_needs_a_draw():
    with pytest.raises(ValidationError, match="one_per_skill only makes sense with draw: N"):
        quiz(one_per_skill=True)


@pytest.mark.parametrize("fields", [{"draw": 0}, {"draw": -1}, {"skills": ["remember"]},
                                    {"id": "Quick Check"}, {"title": " "}, {"shuffle": True}])
def test_quiz_definition_rules(fields):
    with pytest.raises(ValidationError):
        QuizSpec(**{"id": "quiz", "title": "Quiz", **fields})
