"""A quiz on paper: every question it can ask, numbered, and its answer key with the evidence."""

from __future__ import annotations

from dataclasses import dataclass

from lectern.core.questions import QuestionDefinition
from lectern.core.quizzes import QuizSpec
from lectern.models import Quiz
from lectern.services.question_versions import bank_versions, definition_of


@dataclass(frozen=True)
class PrintedQuiz:
    quiz: Quiz
    questions: list[tuple[int, QuestionDefinition]]
    draw: int | None  # each attempt online draws this many of them; None: it asks them all

    @property
    def points(self) -> float:
        return sum(q.points for _, q in self.questions)


def printed_quiz(quiz: Quiz) -> PrintedQuiz:
    """The quiz's published questions in bank order, as a paper copy numbers them."""
    spec = QuizSpec.model_validate(quiz.spec)
    pool = spec.pool([definition_of(v) for v in bank_versions(quiz.bank_id)])
    draw = spec.draw if spec.draw and spec.draw < len(pool) else None
    return PrintedQuiz(quiz, list(enumerate(pool, start=1)), draw)
