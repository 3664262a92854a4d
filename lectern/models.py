"""The database tables, as SQLAlchemy 2.0 typed models. Data only: no grading here."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
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

    question: Mapped[Question] = relationship(back_populates="versions")

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

    bank: Mapped[Bank] = relationship(back_populates="quizzes")

    def __repr__(self) -> str:
        return f"<Quiz {self.key}>"


class Student(db.Model):
    """A student known by a display name and a random token kept in their browser."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

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

    quiz: Mapped[Quiz] = relationship()
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

    attempt: Mapped[Attempt] = relationship(back_populates="responses")
    question_version: Mapped[QuestionVersion] = relationship()

    @property
    def points(self) -> float | None:
        return None if self.fraction is None else self.fraction * self.max_points

    def __repr__(self) -> str:
        return f"<Response {self.attempt_id}#{self.position}>"
