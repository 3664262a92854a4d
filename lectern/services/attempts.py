"""Attempts: choosing the questions, recording a submission once, and building the review."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from lectern.core.questions import QuestionDefinition, parse_question
from lectern.core.quizzes import QuizSpec
from lectern.extensions import db
from lectern.models import Attempt, Question, QuestionVersion, Quiz, Response, Student, utcnow


class AlreadySubmitted(Exception):
    """The attempt was submitted before; a second submission changes nothing."""


# Versions never change once written, so each is parsed once per process.
_definitions: dict[tuple[int, str], QuestionDefinition] = {}


def definition_of(version: QuestionVersion) -> QuestionDefinition:
    """The core definition a stored version holds."""
    key = (version.id, version.digest)
    if key not in _definitions:
        # Stored versions were validated when written; imported ones may lack evidence.
        _definitions[key] = parse_question(version.definition, imported=True)
    return _definitions[key]


def current_versions(quiz: Quiz) -> list[QuestionVersion]:
    """The latest version of each question of the quiz's bank that is not retired, in bank order."""
    questions = db.session.scalars(
        select(Question).where(Question.bank_id == quiz.bank_id, Question.retired.is_(False))
        .order_by(Question.position)
    )
    return [q.versions[-1] for q in questions if q.versions]


def start_attempt(quiz: Quiz, student: Student, rng: random.Random | None = None) -> Attempt:
    """Create an attempt with the quiz's questions for this student (the caller commits)."""
    rng = rng or random.SystemRandom()
    versions = {v.question.key: v for v in current_versions(quiz)}
    spec = QuizSpec.model_validate(quiz.spec)
    chosen = spec.choose([definition_of(v) for v in versions.values()], rng)
    attempt = Attempt(quiz=quiz, student=student, display_name=student.display_name, max_points=0.0)
    for position, definition in enumerate(chosen, start=1):
        attempt.responses.append(Response(
            position=position, question_version=versions[definition.id], max_points=definition.points,
        ))
        attempt.max_points += definition.points
    db.session.add(attempt)
    return attempt


def submit_attempt(attempt: Attempt, answers: dict[int, Any]) -> None:
    """Grade and record the answers, once (AlreadySubmitted if it was done before).

    The guard is a conditional UPDATE, so of two simultaneous submissions exactly
    one matches a row; the other rolls back and changes nothing.
    """
    claimed = db.session.execute(
        update(Attempt).where(Attempt.id == attempt.id, Attempt.submitted_at.is_(None))
        .values(submitted_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        raise AlreadySubmitted(attempt.id)
    points, pending = 0.0, False
    for response in attempt.responses:
        definition = definition_of(response.question_version)
        answer = answers.get(response.position)
        grade = definition.grade_or_unanswered(answer)
        response.answer = answer
        response.fraction = grade.fraction
        if grade.fraction is None:
            pending = True
        else:
            points += grade.fraction * response.max_points
    attempt.points = round(points, 6)
    attempt.needs_grading = pending
    db.session.commit()
    db.session.refresh(attempt)


@dataclass(frozen=True)
class ReviewItem:
    """Everything the review page shows about one question of a submitted attempt."""

    position: int
    definition: QuestionDefinition
    answered: bool
    answer_text: str | None
    state: str
    points: float | None
    max_points: float
    right_answer: str
    feedback: tuple[str, ...]


def review_items(attempt: Attempt) -> list[ReviewItem]:
    """The review of a submitted attempt, question by question, as the student saw them."""
    items = []
    for response in attempt.responses:
        definition = definition_of(response.question_version)
        answered = response.answer is not None
        grade = definition.grade_or_unanswered(response.answer)
        items.append(ReviewItem(
            position=response.position,
            definition=definition,
            answered=answered,
            answer_text=definition.describe_response(response.answer) if answered else None,
            state=grade.state if answered else "unanswered",
            points=response.points,
            max_points=response.max_points,
            right_answer=definition.right_answer(),
            feedback=grade.feedback,
        ))
    return items


def attempts_of(student: Student | None) -> list[Attempt]:
    """A student's attempts, newest first."""
    if student is None:
        return []
    return list(db.session.scalars(
        select(Attempt).where(Attempt.student_id == student.id).order_by(Attempt.started_at.desc(), Attempt.id.desc())
    ))
