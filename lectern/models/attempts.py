"""Students, their attempts, and the responses in them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lectern.extensions import db
from lectern.models.timestamps import utcnow

if TYPE_CHECKING:
    from lectern.models.banks import QuestionVersion, Quiz
    from lectern.models.classes import Assignment, Teacher


class Student(db.Model):
    """A student known by a display name and a random token kept in their browser."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # SHA-256 of the personal code shown once on joining a class: it brings the student
    # back to this record from another device. The code is random, so a fast hash suffices.
    recovery_digest: Mapped[str | None] = mapped_column(String(64), unique=True)

    attempts: Mapped[list[Attempt]] = relationship(back_populates="student", order_by="Attempt.started_at.desc()")

    def __repr__(self) -> str:
        return f"<Student {self.id}>"


class Attempt(db.Model):
    """One student's pass through a quiz; scored once, on submission."""

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    display_name: Mapped[str] = mapped_column(String(80))
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    points: Mapped[float | None] = mapped_column(Float)
    max_points: Mapped[float] = mapped_column(Float)
    needs_grading: Mapped[bool] = mapped_column(Boolean, default=False)
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id", ondelete="SET NULL"), index=True)
    deadline: Mapped[datetime | None] = mapped_column(DateTime)
    submitted_by: Mapped[str | None] = mapped_column(String(20))  # "student", or "deadline" for an auto-submit
    last_saved_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The teacher's overall feedback on this attempt (Markdown), shown on its review.
    feedback: Mapped[str | None] = mapped_column(Text)

    quiz: Mapped[Quiz] = relationship()
    assignment: Mapped[Assignment | None] = relationship()
    student: Mapped[Student] = relationship(back_populates="attempts")
    responses: Mapped[list[Response]] = relationship(back_populates="attempt", order_by="Response.position")

    # One unfinished attempt per student, quiz and run (a class's assignment, or none): two
    # starts at once cannot both insert, and the loser is sent to the winner's attempt.
    # COALESCE because a unique index treats every NULL as different.
    __table_args__ = (
        Index("one_unfinished_attempt", "student_id", "quiz_id", func.coalesce(assignment_id, 0), unique=True,
              sqlite_where=submitted_at.is_(None), postgresql_where=submitted_at.is_(None)),
    )

    @property
    def percent(self) -> float | None:
        if self.points is None or not self.max_points:
            return None
        return 100 * self.points / self.max_points

    def __repr__(self) -> str:
        return f"<Attempt {self.id}>"


class Response(db.Model):
    """A question slot in an attempt: the version shown, the answer given, the credit earned."""

    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    question_version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"), index=True)
    answer: Mapped[Any | None] = mapped_column(JSON(none_as_null=True))
    fraction: Mapped[float | None] = mapped_column(Float)
    max_points: Mapped[float] = mapped_column(Float)
    # The order the options were shown in, when the quiz shuffles them (None: the bank's order).
    option_order: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    # A teacher's grading of an essay: the fraction above, this comment (Markdown), who and when.
    comment: Mapped[str | None] = mapped_column(Text)
    graded_by_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="SET NULL"))
    graded_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The student marked it to come back to; the submit summary lists flagged questions.
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # An essay graded by its rubric: the points picked for each criterion, in the rubric's order.
    rubric_marks: Mapped[list[float] | None] = mapped_column(JSON(none_as_null=True))

    attempt: Mapped[Attempt] = relationship(back_populates="responses")
    question_version: Mapped[QuestionVersion] = relationship()
    graded_by: Mapped[Teacher | None] = relationship()

    @property
    def points(self) -> float | None:
        return None if self.fraction is None else self.fraction * self.max_points

    def __repr__(self) -> str:
        return f"<Response {self.attempt_id}#{self.position}>"


class MarkChange(db.Model):
    """The audit trail of an attempt: every mark a teacher overrode, comment, feedback and regrade.

    kind is "override", "comment", "feedback" or "regrade"; fractions are before and after
    (None where the change was not to a mark).
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"), index=True)
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))
    old_fraction: Mapped[float | None] = mapped_column(Float)
    new_fraction: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    response: Mapped[Response | None] = relationship()
    teacher: Mapped[Teacher | None] = relationship()

    def __repr__(self) -> str:
        return f"<MarkChange {self.kind} {self.attempt_id}>"
