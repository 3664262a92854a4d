"""What a student may see of their results: the review's parts by the run's timing, and quiz grades.

A run is a quiz taken on its own, or the quiz as set for one class: each has its own
review rules, release and grading method (lectern.core.run_settings).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from lectern.core import grading_methods
from lectern.core.review_policy import ReviewShow
from lectern.extensions import db
from lectern.models import Assignment, Attempt, Quiz, Student
from lectern.services import attempts as attempt_service


def closes_at_of(attempt: Attempt) -> datetime | None:
    """The close date that applies to an attempt: its class's, else its quiz's."""
    return attempt_service.window_of(attempt.quiz, attempt.assignment).closes_at


def review_show_of(quiz: Quiz, assignment: Assignment | None, now: datetime | None = None) -> ReviewShow:
    """Which parts of a review of this quiz (as set for this class, if given) a student may see now."""
    return attempt_service.settings_of(quiz, assignment).review_show(now or attempt_service.clock())


def review_show_for(attempt: Attempt, now: datetime | None = None) -> ReviewShow:
    """Which parts of this submitted attempt's review its student may see now."""
    return review_show_of(attempt.quiz, attempt.assignment, now)


def _submitted(student: Student, quiz: Quiz, assignment_id: int | None) -> list[Attempt]:
    run = Attempt.assignment_id.is_(None) if assignment_id is None else Attempt.assignment_id == assignment_id
    return list(db.session.scalars(select(Attempt).where(
        Attempt.student_id == student.id, Attempt.quiz_id == quiz.id, Attempt.submitted_at.is_not(None), run,
    ).order_by(Attempt.started_at, Attempt.id)))


def quiz_grade(student: Student, quiz: Quiz, assignment: Assignment | None = None) -> float | None:
    """The student's grade for the quiz (as set for this class, if given) in percent; None before any submission.

    Attempts still waiting for an essay to be graded count with the points they have so far.
    """
    percents = [a.percent or 0.0 for a in _submitted(student, quiz, assignment.id if assignment else None)]
    return grading_methods.quiz_grade(attempt_service.settings_of(quiz, assignment).grading_method, percents)


@dataclass(frozen=True)
class QuizGrade:
    """A student's grade for one quiz (one run of it), for their list of attempts."""

    quiz: Quiz
    method: str
    attempts: int
    percent: float


def grades_of(student: Student | None, now: datetime | None = None) -> list[QuizGrade]:
    """Grades for the runs this student submitted more than once, where every score may be shown."""
    if student is None:
        return []
    out = []
    runs = db.session.execute(select(Attempt.quiz_id, Attempt.assignment_id).where(
        Attempt.student_id == student.id, Attempt.submitted_at.is_not(None)).group_by(
        Attempt.quiz_id, Attempt.assignment_id)).all()
    for quiz_id, assignment_id in runs:
        quiz = db.session.get(Quiz, quiz_id)
        submitted = _submitted(student, quiz, assignment_id)
        # A grade would reveal the scores the quiz hides until it closes (or for good).
        if len(submitted) < 2 or not all(review_show_for(a, now).correctness for a in submitted):
            continue
        method = attempt_service.settings_of(quiz, submitted[0].assignment).grading_method
        percent = grading_methods.quiz_grade(method, [a.percent or 0.0 for a in submitted])
        out.append(QuizGrade(quiz, grading_methods.GRADING_METHODS[method], len(submitted), percent))
    return sorted(out, key=lambda g: g.quiz.title)


def attempts_of(student: Student | None) -> list[Attempt]:
    """A student's attempts, newest first."""
    if student is None:
        return []
    return list(db.session.scalars(
        select(Attempt).where(Attempt.student_id == student.id).order_by(Attempt.started_at.desc(), Attempt.id.desc())
    ))

