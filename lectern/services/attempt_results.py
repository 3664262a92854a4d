"""What a student may see of their results: the review's parts by the quiz's timing, and quiz grades."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from lectern.core import grading_methods, review_policy
from lectern.core.review_policy import ReviewShow
from lectern.extensions import db
from lectern.models import Attempt, Quiz, Student
from lectern.services import attempts as attempt_service


def closes_at_of(attempt: Attempt) -> datetime | None:
    """The close date that applies to an attempt: its assignment's, else its quiz's."""
    return attempt_service.window_of(attempt.quiz, attempt.assignment).closes_at


def review_show_of(quiz: Quiz, closes_at: datetime | None, now: datetime | None = None) -> ReviewShow:
    """Which parts of a review of this quiz (closing at closes_at) a student may see now."""
    return review_policy.review_show(quiz.review_correctness, quiz.review_right_answers,
                                     quiz.review_explanations, closes_at, now or attempt_service.clock())


def review_show_for(attempt: Attempt, now: datetime | None = None) -> ReviewShow:
    """Which parts of this submitted attempt's review its student may see now."""
    return review_show_of(attempt.quiz, closes_at_of(attempt), now)


def _submitted(student: Student, quiz: Quiz) -> list[Attempt]:
    return list(db.session.scalars(select(Attempt).where(
        Attempt.student_id == student.id, Attempt.quiz_id == quiz.id, Attempt.submitted_at.is_not(None),
    ).order_by(Attempt.started_at, Attempt.id)))


def quiz_grade(student: Student, quiz: Quiz) -> float | None:
    """The student's grade for the quiz in percent, by its grading method; None before any submission.

    Attempts still waiting for an essay to be graded count with the points they have so far.
    """
    percents = [a.percent or 0.0 for a in _submitted(student, quiz)]
    return grading_methods.quiz_grade(quiz.grading_method, percents)


@dataclass(frozen=True)
class QuizGrade:
    """A student's grade for one quiz, for their list of attempts."""

    quiz: Quiz
    method: str
    attempts: int
    percent: float


def grades_of(student: Student | None, now: datetime | None = None) -> list[QuizGrade]:
    """Grades for the quizzes this student submitted more than once, where every score may be shown."""
    if student is None:
        return []
    out = []
    # IN rather than DISTINCT: PostgreSQL cannot compare the JSON columns a DISTINCT would.
    taken = select(Attempt.quiz_id).where(Attempt.student_id == student.id, Attempt.submitted_at.is_not(None))
    for quiz in db.session.scalars(select(Quiz).where(Quiz.id.in_(taken)).order_by(Quiz.title)):
        submitted = _submitted(student, quiz)
        # A grade would reveal the scores the quiz hides until it closes (or for good).
        if len(submitted) < 2 or not all(review_show_for(a, now).correctness for a in submitted):
            continue
        percent = grading_methods.quiz_grade(quiz.grading_method, [a.percent or 0.0 for a in submitted])
        out.append(QuizGrade(quiz, grading_methods.GRADING_METHODS[quiz.grading_method], len(submitted), percent))
    return out
