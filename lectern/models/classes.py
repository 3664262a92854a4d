"""Teachers, their classes, the rosters and the quizzes assigned."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
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
    from lectern.models.banks import Quiz


class Teacher(UserMixin, db.Model):
    """A teacher's account: signs in with email and password."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Changing it ends every session of this account (Flask-Login's user id includes it).
    session_nonce: Mapped[str] = mapped_column(String(32))
    # An admin may invite other teachers; the accounts made with `flask teachers create` are admins.
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

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


class ClassCoTeacher(db.Model):
    """Another teacher of a class, who sees and runs it as its owner does (an LMS course's second
    instructor, added at their first launch); only the owner's account owns it."""

    __tablename__ = "class_co_teacher"

    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), primary_key=True, index=True)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


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


class TeacherInvite(db.Model):
    """A one-time link an admin made for a new teacher: it expires, and works once."""

    id: Mapped[int] = mapped_column(primary_key=True)
    # SHA-256 of the random token in the link; the token itself is shown once, to the admin.
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return f"<TeacherInvite {self.id}>"


class Assignment(db.Model):
    """A quiz set for a class, with the class's own settings and dates.

    The settings are the class's, not the quiz's: one class can sit a timed test while
    another practises the same quiz. question_version_ids is the snapshot of the questions
    taken when it was assigned (None: an assignment from before snapshots, which follows
    the bank), so an edit to a shared bank reaches a class only when its teacher chooses.
    """

    __table_args__ = (UniqueConstraint("classroom_id", "quiz_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id", ondelete="CASCADE"), index=True)
    opens_at: Mapped[datetime | None] = mapped_column(DateTime)
    closes_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The assign form fills these with a test's settings (lectern.core.run_settings.TEST_DEFAULTS);
    # the column defaults are those of the rows made before classes had their own settings.
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer)
    attempts_allowed: Mapped[int | None] = mapped_column(Integer)  # None: unlimited (the form starts at 1)
    grading_method: Mapped[str] = mapped_column(String(20), default="highest", server_default="highest")
    review_correctness: Mapped[str] = mapped_column(String(20), default="immediately", server_default="immediately")
    review_right_answers: Mapped[str] = mapped_column(String(20), default="immediately", server_default="immediately")
    review_explanations: Mapped[str] = mapped_column(String(20), default="immediately", server_default="immediately")
    practice_allowed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    article_aids: Mapped[str] = mapped_column(String(10), default="all", server_default="all")  # as Quiz's
    released_at: Mapped[datetime | None] = mapped_column(DateTime)  # "when I release" review parts show from here
    question_version_ids: Mapped[list[int] | None] = mapped_column(JSON(none_as_null=True))

    classroom: Mapped[Classroom] = relationship(back_populates="assignments")
    quiz: Mapped[Quiz] = relationship()

    def __repr__(self) -> str:
        return f"<Assignment {self.classroom_id}:{self.quiz_id}>"
