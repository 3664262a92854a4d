"""Live sessions: a teacher-paced run of a quiz, who joined it, and their answers.

The state lives here, in the database, so every worker process (and every machine, on
PostgreSQL) serves the same session. `version` rises with every change the teacher makes:
phones poll it (lectern/live/phone.py), and an unchanged version costs them a 304.
When the session finishes, each participant's answers become an ordinary Attempt
(submitted_by="live"), so the gradebook and the item analysis read them like any other.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lectern.extensions import db
from lectern.models.timestamps import utcnow

if TYPE_CHECKING:
    from lectern.models.attempts import Attempt, Student
    from lectern.models.banks import Quiz
    from lectern.models.classes import Classroom, Teacher


class LiveSession(db.Model):
    """One live run of a quiz's questions, for a class or for anyone with its join code."""

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id", ondelete="CASCADE"), index=True)
    classroom_id: Mapped[int | None] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    # The questions asked, in order: QuestionVersion ids snapshot when the session was made.
    question_version_ids: Mapped[list[int]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(10), default="lobby", server_default="lobby")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # 1..N; 0 in the lobby
    opened_at: Mapped[datetime | None] = mapped_column(DateTime)
    closes_at: Mapped[datetime | None] = mapped_column(DateTime)  # the server's timer; None: closed by hand
    seconds_per_question: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    leaderboard: Mapped[str] = mapped_column(String(10), default="off", server_default="off")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)

    owner: Mapped[Teacher] = relationship()
    quiz: Mapped[Quiz] = relationship()
    classroom: Mapped[Classroom | None] = relationship()
    participants: Mapped[list[LiveParticipant]] = relationship(
        back_populates="session", order_by="LiveParticipant.joined_at", cascade="all, delete-orphan")

    @property
    def total(self) -> int:
        return len(self.question_version_ids or [])

    def __repr__(self) -> str:
        return f"<LiveSession {self.id}>"


class LiveParticipant(db.Model):
    """A student in a live session, under the name (or nickname) they joined with."""

    __table_args__ = (UniqueConstraint("session_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("live_session.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    display_name: Mapped[str] = mapped_column(String(80))
    joined_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The gradebook's record of this participant's answers, made when the session finishes.
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("attempt.id", ondelete="SET NULL"))

    session: Mapped[LiveSession] = relationship(back_populates="participants")
    student: Mapped[Student] = relationship()
    attempt: Mapped[Attempt | None] = relationship()

    def __repr__(self) -> str:
        return f"<LiveParticipant {self.session_id}:{self.student_id}>"


class LiveAnswer(db.Model):
    """One participant's answer to one question: one per question (the database refuses a second)."""

    __table_args__ = (
        UniqueConstraint("participant_id", "position"),
        Index("ix_live_answer_session_position", "session_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("live_session.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("live_participant.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    answer: Mapped[Any | None] = mapped_column(JSON(none_as_null=True))
    fraction: Mapped[float] = mapped_column(Float)
    seconds: Mapped[float] = mapped_column(Float)  # from the question opening to the answer
    answered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<LiveAnswer {self.participant_id}#{self.position}>"
