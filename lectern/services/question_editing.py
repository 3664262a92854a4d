"""Teachers writing questions: new questions, new versions, retiring, and graded previews.

A version is never changed once written: an attempt points at the version it showed,
so editing adds a version and every past review and score stays as it was.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from lectern.core.article import Article
from lectern.core.questions import QuestionDefinition
from lectern.extensions import db
from lectern.models import DRAFT, IMPORTING, Bank, Question, QuestionVersion, Teacher
from lectern.services.attempt_review import ReviewItem, review_item
from lectern.services.bank_loading import digest


class EditConflict(Exception):
    """Someone saved the same question (or took the same id) at the same moment."""


def article_of(bank: Bank) -> Article:
    """The bank's article as the core checks evidence against it."""
    return Article(title=bank.title, source=bank.source, date=bank.published,
                   paragraphs=tuple(bank.paragraphs or ()), url=bank.url)


def question_in(bank: Bank, key: str) -> Question | None:
    """The bank's question with this key, retired or not (not one an import is still writing)."""
    return db.session.scalar(select(Question).where(Question.bank_id == bank.id, Question.key == key,
                                                    Question.status != IMPORTING))


def bank_questions(bank: Bank) -> list[Question]:
    """The bank's questions in order, retired ones included, with their versions loaded at once."""
    return list(db.session.scalars(
        select(Question).where(Question.bank_id == bank.id, Question.status != IMPORTING)
        .order_by(Question.position, Question.id).options(selectinload(Question.versions))
    ))


def create_question(bank: Bank, definition: QuestionDefinition, teacher: Teacher) -> Question:
    """Add a question to the end of the bank as a draft, the definition its version 1 (the caller commits).

    No quiz draws it until it is published, so a half-finished question never reaches students.
    """
    last = db.session.scalar(select(func.max(Question.position)).where(Question.bank_id == bank.id))
    question = Question(bank=bank, key=definition.id, position=(last or 0) + 1, retired=False,
                        status=DRAFT, created_by_id=teacher.id)
    question.versions.append(_version(1, definition, teacher))
    db.session.add(question)
    _flush()
    return question


def revise_question(question: Question, definition: QuestionDefinition, teacher: Teacher) -> QuestionVersion | None:
    """Add the definition as the question's next version; None when it says what the latest says.

    The caller commits. Earlier versions are left untouched, whatever changed.
    """
    if definition.id != question.key:
        raise ValueError(f"a revision of {question.key!r} cannot change its id to {definition.id!r}")
    latest = question.versions[-1]
    if latest.digest == digest(definition):
        return None
    version = _version(latest.number + 1, definition, teacher)
    question.versions.append(version)
    _flush()
    return version


def set_retired(question: Question, retired: bool) -> None:
    """Retire a question (new attempts leave it out) or bring it back; past attempts keep it either way."""
    question.retired = retired


def preview_review(definition: QuestionDefinition, response: Any) -> ReviewItem:
    """The review a student would see after answering the question so; nothing is stored."""
    fraction = definition.grade_or_unanswered(response).fraction
    return review_item(1, definition, response, points=None if fraction is None else fraction * definition.points)


def _version(number: int, definition: QuestionDefinition, teacher: Teacher) -> QuestionVersion:
    return QuestionVersion(number=number, type=definition.type, definition=definition.to_data(),
                           digest=digest(definition), created_by_id=teacher.id)


def _flush() -> None:
    # Two teachers saving at once collide on a unique constraint (question number or key);
    # turning that into EditConflict lets the page say so instead of failing.
    try:
        db.session.flush()
    except IntegrityError as e:
        db.session.rollback()
        raise EditConflict(str(e.orig)) from e
