"""LTI 1.3: the platforms (LMSs) Lectern is registered in, its own signing keys, and what launches map to."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

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
from lectern.models.timestamps import utcnow

if TYPE_CHECKING:
    from lectern.models.attempts import Attempt, Student
    from lectern.models.classes import Assignment, Classroom, Teacher


class LtiPlatform(db.Model):
    """An LMS that launches Lectern: who it is (issuer, client id) and where its endpoints are."""

    __table_args__ = (UniqueConstraint("issuer", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    issuer: Mapped[str] = mapped_column(String(255))
    client_id: Mapped[str] = mapped_column(String(255))
    deployment_ids: Mapped[list[str]] = mapped_column(JSON)
    auth_login_url: Mapped[str] = mapped_column(String(500))
    token_url: Mapped[str] = mapped_column(String(500))
    jwks_url: Mapped[str] = mapped_column(String(500))
    # The origins whose pages may frame Lectern after a launch (CSP frame-ancestors): the issuer's
    # by default; Canvas's issuer is canvas.instructure.com while the school's pages are elsewhere.
    frame_origins: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<LtiPlatform {self.id} {self.issuer}>"


class LtiToolKey(db.Model):
    """One of Lectern's RSA key pairs: the newest signs; retired ones stay published for a while."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kid: Mapped[str] = mapped_column(String(64), unique=True)
    private_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return f"<LtiToolKey {self.kid}>"


class LtiUsedNonce(db.Model):
    """A launch's nonce, kept until it expires so the same id_token cannot be replayed."""

    id: Mapped[int] = mapped_column(primary_key=True)
    nonce: Mapped[str] = mapped_column(String(128), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class LtiUser(db.Model):
    """A platform's user (its `sub`, never the email) and the Lectern student and/or teacher they are."""

    __table_args__ = (UniqueConstraint("platform_id", "sub"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platform.id", ondelete="CASCADE"), index=True)
    sub: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(80))
    student_id: Mapped[int | None] = mapped_column(ForeignKey("student.id", ondelete="SET NULL"), index=True)
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="SET NULL"), index=True)

    platform: Mapped[LtiPlatform] = relationship()
    student: Mapped[Student | None] = relationship()
    teacher: Mapped[Teacher | None] = relationship()

    def __repr__(self) -> str:
        return f"<LtiUser {self.platform_id}:{self.sub}>"


class LtiContext(db.Model):
    """A course on a platform and the Lectern class made for it on its first launch."""

    __table_args__ = (UniqueConstraint("platform_id", "context_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platform.id", ondelete="CASCADE"), index=True)
    context_id: Mapped[str] = mapped_column(String(255))
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    memberships_url: Mapped[str | None] = mapped_column(String(500))  # NRPS, when the platform offers it

    platform: Mapped[LtiPlatform] = relationship()
    classroom: Mapped[Classroom] = relationship()

    def __repr__(self) -> str:
        return f"<LtiContext {self.platform_id}:{self.context_id}>"


class LtiResourceLink(db.Model):
    """An activity in a course: the class's assignment it opens and the gradebook column it reports to."""

    __table_args__ = (UniqueConstraint("platform_id", "resource_link_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platform.id", ondelete="CASCADE"), index=True)
    resource_link_id: Mapped[str] = mapped_column(String(255))
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"), index=True)
    lineitem_url: Mapped[str | None] = mapped_column(String(500))
    can_post_scores: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    platform: Mapped[LtiPlatform] = relationship()
    assignment: Mapped[Assignment] = relationship()

    def __repr__(self) -> str:
        return f"<LtiResourceLink {self.platform_id}:{self.resource_link_id}>"


class LtiScore(db.Model):
    """A score waiting to reach (or sent to) the platform's gradebook: the durable outbox.

    One row per attempt and version (1 on submission, then one more per regrading), so a
    retry never posts a score twice and a later mark is never lost behind an earlier one.
    """

    __table_args__ = (UniqueConstraint("attempt_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    link_id: Mapped[int] = mapped_column(ForeignKey("lti_resource_link.id", ondelete="CASCADE"), index=True)
    lti_user_id: Mapped[int] = mapped_column(ForeignKey("lti_user.id", ondelete="CASCADE"), index=True)
    # What was posted (filled when sent): the student's grade for the assignment by its grading
    # method, in percent, and whether an essay still waited for marking.
    score_given: Mapped[float | None] = mapped_column(Float)
    waiting_for_marking: Mapped[bool | None] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # pending → sending (claimed by one sender) → sent; or superseded (a newer row for the same
    # student and link went instead); a failure goes back to pending with its error and next try.
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    tries: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)

    attempt: Mapped[Attempt] = relationship()
    link: Mapped[LtiResourceLink] = relationship()
    lti_user: Mapped[LtiUser] = relationship()

    def __repr__(self) -> str:
        return f"<LtiScore {self.attempt_id} v{self.version} {self.status}>"
