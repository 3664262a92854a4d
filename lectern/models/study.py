"""Study: practice sessions and their items, a student's cards and every review of them."""

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
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lectern.extensions import db
from lectern.models.timestamps import utcnow

if TYPE_CHECKING:
    from lectern.models.attempts import Student
    from lectern.models.banks import Bank, Question, QuestionVersion, Quiz


class Card(db.Model):
    """One thing a student is learning (a question they missed, or a key term) with its FSRS state."""

    __table_args__ = (
        UniqueConstraint("student_id", "question_id", name="uq_card_student_question"),
        UniqueConstraint("student_id", "bank_id", "term", name="uq_card_student_term"),
        Index("ix_card_student_due", "student_id", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"))
    bank_id: Mapped[int] = mapped_column(ForeignKey("bank.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "question" or "term"
    question_id: Mapped[int | None] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"), index=True)
    term: Mapped[str | None] = mapped_column(String(200))  # the key term, as its bank writes it
    # FSRS state (lectern.core.scheduling.CardState): stage 0 new, 1 learning, 2 review, 3 relearning.
    stage: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(DateTime)
    last_review: Mapped[datetime | None] = mapped_column(DateTime)
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)  # reviews rated Again
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    student: Mapped[Student] = relationship()
    bank: Mapped[Bank] = relationship()
    question: Mapped[Question | None] = relationship()

    def __repr__(self) -> str:
        return f"<Card {self.id} {self.kind}>"


class CardReview(db.Model):
    """One rating of a card, with the state before and after, so FSRS can be refitted to a class's history."""

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    rating: Mapped[int] = mapped_column(Integer)  # 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at: Mapped[datetime] = mapped_column(DateTime)
    seconds: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(20))  # "quiz", "practice" or "review"
    item_id: Mapped[int | None] = mapped_column(ForeignKey("study_item.id", ondelete="SET NULL"), index=True)
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id", ondelete="SET NULL"), index=True)
    state_before: Mapped[dict[str, Any]] = mapped_column(JSON)
    state_after: Mapped[dict[str, Any]] = mapped_column(JSON)

    card: Mapped[Card] = relationship()

    def __repr__(self) -> str:
        return f"<CardReview {self.card_id} {self.rating}>"


class StudyRun(db.Model):
    """A practice session: questions (or key terms) one at a time, checked at once, never in the gradebook."""

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    bank_id: Mapped[int | None] = mapped_column(ForeignKey("bank.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[int | None] = mapped_column(ForeignKey("quiz.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "quiz", "bank", "missed" or "review"
    title: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)

    student: Mapped[Student] = relationship()
    bank: Mapped[Bank | None] = relationship()
    quiz: Mapped[Quiz | None] = relationship()
    items: Mapped[list[StudyItem]] = relationship(back_populates="run", order_by="StudyItem.position")

    def __repr__(self) -> str:
        return f"<StudyRun {self.id} {self.kind}>"


class StudyItem(db.Model):
    """One question or key term of a practice session, and how the student did on it."""

    __table_args__ = (UniqueConstraint("run_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("study_run.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))  # "question" or "term"
    bank_id: Mapped[int] = mapped_column(ForeignKey("bank.id", ondelete="CASCADE"), index=True)
    question_version_id: Mapped[int | None] = mapped_column(ForeignKey("question_version.id"), index=True)
    term: Mapped[str | None] = mapped_column(String(200))
    card_id: Mapped[int | None] = mapped_column(ForeignKey("card.id", ondelete="SET NULL"), index=True)
    tries: Mapped[int] = mapped_column(Integer, default=0)
    hinted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    answer: Mapped[Any | None] = mapped_column(JSON(none_as_null=True))  # the last answer checked
    first_fraction: Mapped[float | None] = mapped_column(Float)  # the first try's credit: what the student knew
    fraction: Mapped[float | None] = mapped_column(Float)  # the last try's own credit
    credit: Mapped[float | None] = mapped_column(Float)  # the best credit after the penalty for extra tries
    rating: Mapped[int | None] = mapped_column(Integer)
    seconds: Mapped[float | None] = mapped_column(Float)  # from showing the question to the first check
    face: Mapped[str | None] = mapped_column(String(10))  # a key term's face: "choose" or "type"
    checked_at: Mapped[datetime | None] = mapped_column(DateTime)  # the first check
    done_at: Mapped[datetime | None] = mapped_column(DateTime)

    run: Mapped[StudyRun] = relationship(back_populates="items")
    question_version: Mapped[QuestionVersion | None] = relationship()

    def __repr__(self) -> str:
        return f"<StudyItem {self.run_id}#{self.position}>"
