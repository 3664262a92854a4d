"""Creating and configuring quizzes from the teacher's settings form."""

from __future__ import annotations

import re
from typing import Any

from lectern.core.questions import QuestionDefinition
from lectern.core.quizzes import QuizSpec
from lectern.extensions import db
from lectern.models import Bank, Quiz, Teacher
from lectern.services.question_versions import bank_versions, definition_of


def bank_questions(bank: Bank) -> list[QuestionDefinition]:
    """The bank's current questions, which a quiz's selection is checked against."""
    return [definition_of(v) for v in bank_versions(bank.id)]


def new_key(bank: Bank, title: str) -> str:
    """A key for a new quiz of the bank, from its title, unused in the bank (retired quizzes included)."""
    base = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60].strip("-") or "quiz"
    taken = {q.key for q in bank.quizzes}
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _spec_data(spec: QuizSpec, key: str) -> dict[str, Any]:
    # Stored as the bank loader stores a file's quiz, so either kind reads the same.
    return spec.model_copy(update={"id": key}).model_dump(mode="json", exclude_defaults=True)


def create_quiz(bank: Bank, teacher: Teacher, spec: QuizSpec, settings: dict[str, Any]) -> Quiz:
    """A new quiz over the bank with this selection and these settings (the caller commits)."""
    key = new_key(bank, spec.title)
    position = max((q.position for q in bank.quizzes), default=0) + 1
    quiz = Quiz(bank=bank, key=key, title=spec.title, description=spec.description, spec=_spec_data(spec, key),
                position=position, created_by_id=teacher.id, **settings)
    db.session.add(quiz)
    return quiz


def update_quiz(quiz: Quiz, spec: QuizSpec, settings: dict[str, Any]) -> None:
    """Change a quiz's selection and settings (the caller commits).

    Attempts already started keep the questions and deadline they were given.
    """
    quiz.title, quiz.description, quiz.spec = spec.title, spec.description, _spec_data(spec, quiz.key)
    for name, value in settings.items():
        setattr(quiz, name, value)
