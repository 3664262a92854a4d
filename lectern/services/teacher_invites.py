"""Inviting teachers: an admin makes a one-time link, the new teacher sets a password with it.

Only the SHA-256 of the link's token is stored, so a copy of the database opens no account;
the token itself is shown once, to the admin who made it. Nothing here commits.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from lectern.extensions import db
from lectern.models import Teacher, TeacherInvite, utcnow
from lectern.services.teachers import AccountProblem, create_teacher, normalise_email

INVITE_DAYS = 7

UNKNOWN = "unknown"
USED = "used"
EXPIRED = "expired"


class InviteUnusable(Exception):
    """The link opens nothing: its token is UNKNOWN, or the invite was USED or has EXPIRED."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class NewInvite:
    """An invite just made, with the token of its link (not stored anywhere)."""

    invite: TeacherInvite
    token: str


def clock() -> datetime:
    """Now, in naive UTC; a test moves it to see an invite expire."""
    return utcnow()


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def teacher_with_email(email: str) -> Teacher | None:
    return db.session.scalar(select(Teacher).where(Teacher.email == email))


def create_invite(email: str, by: Teacher) -> NewInvite:
    """An invite for this email, valid INVITE_DAYS (AccountProblem if it is no email or has an account)."""
    email = normalise_email(email)
    if teacher_with_email(email) is not None:
        raise AccountProblem(f"There is already a teacher with the email {email}.")
    token, now = secrets.token_urlsafe(32), clock()
    invite = TeacherInvite(token_digest=token_digest(token), email=email, created_by_id=by.id,
                           created_at=now, expires_at=now + timedelta(days=INVITE_DAYS))
    db.session.add(invite)
    db.session.flush()
    return NewInvite(invite, token)


def usable_invite(token: str) -> TeacherInvite:
    """The invite this link's token opens now (InviteUnusable says why not)."""
    invite = db.session.scalar(select(TeacherInvite).where(TeacherInvite.token_digest == token_digest(token)))
    if invite is None:
        raise InviteUnusable(UNKNOWN)
    if invite.used_at is not None:
        raise InviteUnusable(USED)
    if invite.expires_at <= clock():
        raise InviteUnusable(EXPIRED)
    return invite


def accept_invite(token: str, password: str) -> Teacher:
    """A new (not admin) teacher from the invite, which is used up: exactly once, even when
    the form is sent twice at the same moment (InviteUnusable, AccountProblem; the caller
    rolls back on either)."""
    invite, now = usable_invite(token), clock()
    # The conditional UPDATE is the claim: of two simultaneous requests only one matches the row.
    claimed = db.session.execute(
        update(TeacherInvite)
        .where(TeacherInvite.id == invite.id, TeacherInvite.used_at.is_(None), TeacherInvite.expires_at > now)
        .values(used_at=now).execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise InviteUnusable(USED)
    return create_teacher(invite.email, password)


def open_invites() -> list[TeacherInvite]:
    """Invites not used yet, newest first (expired ones too, so an admin sees they lapsed)."""
    return list(db.session.scalars(
        select(TeacherInvite).where(TeacherInvite.used_at.is_(None)).order_by(TeacherInvite.created_at.desc(),
                                                                              TeacherInvite.id.desc())
    ))


def withdraw_invite(invite_id: int) -> bool:
    """Delete an unused invite, so its link opens nothing; False if there was none to withdraw."""
    return db.session.execute(
        delete(TeacherInvite).where(TeacherInvite.id == invite_id, TeacherInvite.used_at.is_(None))
        .execution_options(synchronize_session=False)
    ).rowcount == 1


def all_teachers() -> list[Teacher]:
    return list(db.session.scalars(select(Teacher).order_by(Teacher.email)))
