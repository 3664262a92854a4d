"""Duplicating a bank or a quiz: a teacher's own copy to change without touching the original.

A copy is made "in the app" (no source_digest), so loading the bank files never
overwrites or retires anything in it, and it belongs to the teacher who made it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import selectinload

from lectern.extensions import db
from lectern.models import IMPORTING, Bank, Question, QuestionVersion, Quiz, Teacher
from lectern.services.bank_creation import add_new_bank
from lectern.services.quiz_settings import new_key

# What a copy of a quiz does not take over: its identity, where it lives, who made it,
# and the fingerprint that ties it to a bank file.
_QUIZ_OWN = {"id", "bank_id", "key", "title", "spec", "position", "created_by_id", "source_digest"}


def copy_slug(slug: str) -> str:
    """The address offered for a copy: 'berlin' → 'berlin-copy' (within the column's 80 characters)."""
    return f"{slug[:75]}-copy"


def duplicate_bank(bank: Bank, slug: str, teacher: Teacher) -> Bank:
    """A copy of the bank under a new slug, owned by the teacher (the caller commits).

    It holds the article, the key terms, the latest version of every question (drafts stay
    drafts, retired ones stay retired) and every quiz with its settings. The versions'
    history and the students' attempts stay with the original. SlugTaken if the slug was
    taken a moment ago; the session is then rolled back.
    """
    copy = Bank(slug=slug, title=bank.title, source=bank.source, published=bank.published, url=bank.url,
                paragraphs=list(bank.paragraphs or []), key_terms=[dict(t) for t in bank.key_terms or []],
                created_by_id=teacher.id)
    questions = db.session.scalars(
        db.select(Question).where(Question.bank_id == bank.id, Question.status != IMPORTING)
        .order_by(Question.position, Question.id)
        .options(selectinload(Question.versions)))
    for question in questions:
        if not question.versions:
            continue
        latest = question.versions[-1]
        new = Question(key=question.key, position=question.position, retired=question.retired,
                       status=question.status, created_by_id=teacher.id)
        new.versions.append(QuestionVersion(number=1, type=latest.type, definition=dict(latest.definition),
                                            digest=latest.digest, created_by_id=teacher.id))
        copy.questions.append(new)
    for quiz in bank.quizzes:
        copy.quizzes.append(_quiz_copy(quiz, quiz.key, quiz.title, quiz.position, teacher))
    return add_new_bank(copy)


def duplicate_quiz(quiz: Quiz, teacher: Teacher) -> Quiz:
    """A copy of the quiz in the same bank, titled "<title> (copy)", with its selection and settings."""
    bank = quiz.bank
    title = f"{quiz.title} (copy)"[:200]
    position = max((q.position for q in bank.quizzes), default=0) + 1
    copy = _quiz_copy(quiz, new_key(bank, title), title, position, teacher)
    bank.quizzes.append(copy)
    db.session.flush()
    return copy


def _quiz_copy(quiz: Quiz, key: str, title: str, position: int, teacher: Teacher) -> Quiz:
    settings: dict[str, Any] = {column.key: getattr(quiz, column.key)
                                for column in Quiz.__table__.columns if column.key not in _QUIZ_OWN}
    # The spec names the quiz too; a copy's spec must name the copy, as the loader stores it.
    spec = {**quiz.spec, "id": key, "title": title}
    if isinstance(settings.get("feedback_bands"), list):
        settings["feedback_bands"] = [dict(band) for band in settings["feedback_bands"]]
    return Quiz(key=key, title=title, spec=spec, position=position, created_by_id=teacher.id, **settings)
