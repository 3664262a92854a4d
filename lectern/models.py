"""The database tables, as SQLAlchemy 2.0 typed models. Data only: no grading here."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lectern.extensions import db


def utcnow() -> datetime:
    """Now in UTC, without tzinfo: SQLite keeps no zone, so every database stores naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


class Bank(db.Model):
    """An article and its questions."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(300))
    published: Mapped[str | None] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(String(500))
    paragraphs: Mapped[list[str]] = mapped_column(JSON)
    key_terms: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="SET NULL"))
    # Fingerprint of the article in quizzes/<slug>/ when last loaded: a load applies the
    # file only when the file changed, so edits made in the app survive a restart.
    source_digest: Mapped[str | None] = mapped_column(String(64))

    questions: Mapped[list[Question]] = relationship(back_populates="bank", order_by="Question.position")
    quizzes: Mapped[list[Quiz]] = relationship(back_populates="bank", order_by="Quiz.position")

    def __repr__(self) -> str:
        return f"<Bank {self.slug}>"


class Question(db.Model):
    """A question's stable identity in a bank; its content lives in its versions."""

    __table_args__ = (UniqueConstraint("bank_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("bank.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    source_digest: Mapped[str | None] = mapped_column(String(64))  # as Bank.source_digest; None: made in the app

    bank: Mapped[Bank] = relationship(back_populates="questions")
    versions: Mapped[list[QuestionVersion]] = relationship(
        back_populates="question", order_by="QuestionVersion.number"
    )

    def __repr__(self) -> str:
        return f"<Question {self.key}>"


class QuestionVersion(db.Model):
    """One immutable version of a question: what an attempt showed and graded."""

    __table_args__ = (UniqueConstraint("question_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(40))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="SET NULL"))

    question: Mapped[Question] = relationship(back_populates="versions")
    created_by: Mapped[Teacher | None] = relationship()

    def __repr__(self) -> str:
        return f"<QuestionVersion {self.question_id} v{self.number}>"


class Quiz(db.Model):
    """A configured selection of a bank's questions."""

    __table_args__ = (UniqueConstraint("bank_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("bank.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    # How the quiz runs (the teacher's settings; defaults suit self-study).
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    shuffle_options: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    questions_per_page: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer)
    attempts_allowed: Mapped[int | None] = mapped_column(Integer)
    grading_method: Mapped[str] = mapped_column(String(20), default="highest", server_default="highest")
    review_correctness: Mapped[str] = mapped_column(String(20), default="immediately", server_default="immediately")
    review_right_answers: Mapped[str] = mapped_column(String(20), default="immediately", server_default="immediately")
    review_explanations: Mapped[str] = mapped_column(String(20), default="immediately", server_default="immediately")
    opens_at: Mapped[datetime | None] = mapped_column(DateTime)
    closes_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="SET NULL"))
    source_digest: Mapped[str | None] = mapped_column(String(64))  # as Bank.source_digest; None: made in the app

    bank: Mapped[Bank] = relationship(back_populates="quizzes")

    def __repr__(self) -> str:
        return f"<Quiz {self.key}>"


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

    quiz: Mapped[Quiz] = relationship()
    assignment: Mapped[Assignment | None] = relationship()
    student: Mapped[Student] = relationship(back_populates="attempts")
    responses: Mapped[list[Response]] = relationship(back_populates="attempt", order_by="Response.position")

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

    attempt: Mapped[Attempt] = relationship(back_populates="responses")
    question_version: Mapped[QuestionVersion] = relationship()
    graded_by: Mapped[Teacher | None] = relationship()

    @property
    def points(self) -> float | None:
        return None if self.fraction is None else self.fraction * self.max_points

    def __repr__(self) -> str:
        return f"<Response {self.attempt_id}#{self.position}>"


class Teacher(UserMixin, db.Model):
    """A teacher's account: signs in with email and password."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Changing it ends every session of this account (Flask-Login's user id includes it).
    session_nonce: Mapped[str] = mapped_column(String(32))

    classrooms: Mapped[list[Classroom]] = relationship(back_populates="teacher", order_by="Classroom.name")

    def get_id(self) -> str:
        return f"{self.id}:{self.session_nonce}"

    def __repr__(self) -> str:
        return f"<Teacher {self.id}>"


class Classroom(db.Model):
    """A teacher's class: students join it with its join code."""

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    teacher: Mapped[Teacher] = relationship(back_populates="classrooms")
    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="classroom", order_by="Enrollment.display_name", cascade="all, delete-orphan")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="classroom", order_by="Assignment.created_at", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Classroom {self.id}>"


class Enrollment(db.Model):
    """A student on a class roster, under the name the teacher sees."""

    __table_args__ = (UniqueConstraint("classroom_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    display_name: Mapped[str] = mapped_column(String(80))
    joined_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    classroom: Mapped[Classroom] = relationship(back_populates="enrollments")
    student: Mapped[Student] = relationship()

    def __repr__(self) -> str:
        return f"<Enrollment {self.classroom_id}:{self.student_id}>"


class Assignment(db.Model):
    """A quiz set for a class, with the class's own open and close dates."""

    __table_args__ = (UniqueConstraint("classroom_id", "quiz_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id", ondelete="CASCADE"), index=True)
    opens_at: Mapped[datetime | None] = mapped_column(DateTime)
    closes_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    classroom: Mapped[Classroom] = relationship(back_populates="assignments")
    quiz: Mapped[Quiz] = relationship()

    def __repr__(self) -> str:
        return f"<Assignment {self.classroom_id}:{self.quiz_id}>"
