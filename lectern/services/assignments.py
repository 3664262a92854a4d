"""A quiz set for a class: its own settings and dates, the snapshot of questions it asks,
releasing its results, and taking it off the class.

Nothing here commits: the route does, so a request's writes land together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lectern.extensions import db
from lectern.models import Assignment, Attempt, Bank, Classroom, QuestionVersion, Quiz, utcnow
from lectern.services.attempts import submit_attempt
from lectern.services.question_versions import bank_versions


def assignable_quizzes() -> list[Quiz]:
    """Every quiz that is not retired, from every bank (banks are shared by all teachers)."""
    return list(db.session.scalars(
        select(Quiz).join(Bank).where(Quiz.retired.is_(False)).order_by(Bank.title, Quiz.position, Quiz.title)
        .options(selectinload(Quiz.bank))
    ))


def assign(classroom: Classroom, quiz: Quiz, settings: dict[str, Any]) -> Assignment:
    """Set the quiz for the class with the class's own settings and dates (naive UTC; None: no limit).

    The quiz's published questions are snapshot now: later edits to the shared bank reach
    this class only when its teacher updates the assignment.
    """
    snapshot = [v.id for v in bank_versions(quiz.bank_id)]
    assignment = Assignment(classroom=classroom, quiz=quiz, question_version_ids=snapshot, **settings)
    db.session.add(assignment)
    return assignment


def change_settings(assignment: Assignment, settings: dict[str, Any]) -> None:
    """Change how the quiz runs for the class; attempts already started keep their deadline."""
    for name, value in settings.items():
        setattr(assignment, name, value)


@dataclass(frozen=True)
class SnapshotChanges:
    """How the bank moved on since the class's snapshot was taken."""

    edited: int      # questions with a newer version than the class's
    published: int   # questions published since (not in the snapshot)
    retired: int     # questions in the snapshot since retired

    @property
    def any(self) -> bool:
        return bool(self.edited or self.published or self.retired)


def snapshot_changes(assignment: Assignment) -> SnapshotChanges:
    """What updating the class's questions to the bank's current ones would change."""
    if assignment.question_version_ids is None:  # follows the bank already
        return SnapshotChanges(0, 0, 0)
    current = {v.question_id: v.id for v in bank_versions(assignment.quiz.bank_id)}
    taken = dict(db.session.execute(select(QuestionVersion.question_id, QuestionVersion.id)
                                    .where(QuestionVersion.id.in_(assignment.question_version_ids))).all())
    return SnapshotChanges(
        edited=sum(1 for q, v in taken.items() if q in current and current[q] != v),
        published=sum(1 for q in current if q not in taken),
        retired=sum(1 for q in taken if q not in current),
    )


def update_snapshot(assignment: Assignment) -> None:
    """Take the bank's current published questions for the class's new attempts (started ones keep theirs)."""
    assignment.question_version_ids = [v.id for v in bank_versions(assignment.quiz.bank_id)]


def release_results(assignment: Assignment, now: datetime | None = None) -> None:
    """Show the parts of the review set to "when I release" from now on."""
    assignment.released_at = now or utcnow()


def withdraw_results(assignment: Assignment) -> None:
    """Hide the released parts again (a release made by mistake)."""
    assignment.released_at = None


def unassign(assignment: Assignment) -> None:
    """Take the quiz off the class; attempts already made stay (no longer linked to it).

    Attempts in progress are submitted first with the answers saved so far: unlinked, they
    would become the student's own practice of the quiz, where one may be open already.
    """
    for attempt in list(db.session.scalars(select(Attempt).where(
            Attempt.assignment_id == assignment.id, Attempt.submitted_at.is_(None)))):
        submit_attempt(attempt, by="teacher")
    db.session.delete(assignment)
