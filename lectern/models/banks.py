"""Banks, their questions and versions, and the quizzes over them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

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
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lectern.extensions import db
from lectern.models.timestamps import utcnow

if TYPE_CHECKING:
    from lectern.models.classes import Teacher


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
    # The article's reading figures, set with the paragraphs (services.reading.store_reading_figures):
    # computing the grade on each page view cost ~0.7 s on the first view in a process.
    word_count: Mapped[int | None] = mapped_column(Integer)
    reading_grade: Mapped[float | None] = mapped_column(Float)  # Flesch–Kincaid, to one decimal

    questions: Mapped[list[Question]] = relationship(back_populates="bank", order_by="Question.position")
    quizzes: Mapped[list[Quiz]] = relationship(back_populates="bank", order_by="Quiz.position")
    # The owner is created_by; co-owners added by the owner may edit the bank too.
    co_owners: Mapped[list[Teacher]] = relationship(secondary="bank_co_owner", order_by="Teacher.email")

    def __repr__(self) -> str:
        return f"<Bank {self.slug}>"


DRAFT, PUBLISHED = "draft", "published"
# A question an import is still writing, chunk by chunk: no page, quiz or export shows it, and
# the import's last step makes it a draft (lectern/services/import_writing.py).
IMPORTING = "importing"


class BankCoOwner(db.Model):
    """A teacher the bank's owner lets edit the bank."""

    __tablename__ = "bank_co_owner"

    bank_id: Mapped[int] = mapped_column(ForeignKey("bank.id", ondelete="CASCADE"), primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Question(db.Model):
    """A question's stable identity in a bank; its content lives in its versions."""

    __table_args__ = (UniqueConstraint("bank_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("bank.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    source_digest: Mapped[str | None] = mapped_column(String(64))  # as Bank.source_digest; None: made in the app
    # A question written or imported in the app starts as a draft: its author sees it and
    # previews it, but no quiz draws it until it is published (after its checks pass).
    status: Mapped[str] = mapped_column(String(10), default=PUBLISHED, server_default=PUBLISHED)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="SET NULL"))

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
    # Practice shows each answer at once; a teacher using the quiz as a test switches it off.
    practice_allowed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # What the article shows during an attempt: "all", "text" (no key-term definitions), "none" (closed book).
    article_aids: Mapped[str] = mapped_column(String(10), default="all", server_default="all")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="SET NULL"))
    source_digest: Mapped[str | None] = mapped_column(String(64))  # as Bank.source_digest; None: made in the app
    # Overall feedback by score: [{"from": percent, "text": Markdown}], highest band first.
    feedback_bands: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON(none_as_null=True))

    bank: Mapped[Bank] = relationship(back_populates="quizzes")

    def __repr__(self) -> str:
        return f"<Quiz {self.key}>"
