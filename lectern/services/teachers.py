"""Teacher accounts: creating them and checking passwords, with scrypt hashes."""

from __future__ import annotations

import secrets

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from lectern.extensions import db
from lectern.models import Teacher

MIN_PASSWORD = 8
MAX_PASSWORD = 1024
# Verifying against this when the email is unknown makes a miss cost as much time as a
# wrong password, so response times do not tell which emails have accounts.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


class AccountProblem(ValueError):
    """Why an account cannot be created, in words for the person creating it."""


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"Use at least {MIN_PASSWORD} characters."
    if len(password) > MAX_PASSWORD:
        return f"Use at most {MAX_PASSWORD} characters."
    return None


def normalise_email(email: str) -> str:
    """The email as stored: validated syntax, lower-case (AccountProblem if not an email)."""
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as e:
        raise AccountProblem(f"{email!r} is not an email address: {e}") from None


def create_teacher(email: str, password: str, *, is_admin: bool = False) -> Teacher:
    """A new teacher account (the caller commits); AccountProblem says what to fix.
    An admin may invite other teachers."""
    email = normalise_email(email)
    problem = password_problem(password)
    if problem:
        raise AccountProblem(f"The password is too weak. {problem}")
    if db.session.scalar(select(Teacher).where(Teacher.email == email)):
        raise AccountProblem(f"There is already a teacher with the email {email}.")
    teacher = Teacher(email=email, password_hash=generate_password_hash(password, method="scrypt"),
                      session_nonce=secrets.token_hex(8), is_admin=is_admin)
    db.session.add(teacher)
    return teacher


def authenticate(email: str, password: str) -> Teacher | None:
    """The teacher with this email and password, or None (taking the same time either way)."""
    teacher = db.session.scalar(select(Teacher).where(Teacher.email == email.strip().lower()))
    if teacher is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return teacher if check_password_hash(teacher.password_hash, password) else None


def load_teacher(user_id: str) -> Teacher | None:
    """Flask-Login's loader: the id carries a nonce, so rotating it ends old sessions."""
    teacher_id, _, nonce = user_id.partition(":")
    if not teacher_id.isdigit():
        return None
    teacher = db.session.get(Teacher, int(teacher_id))
    return teacher if teacher and secrets.compare_digest(teacher.session_nonce, nonce) else None


def end_sessions(teacher: Teacher) -> None:
    """Invalidate every session of this teacher (cookies are signed, not stored, so the
    id they carry must change). It signs the teacher out on every device."""
    teacher.session_nonce = secrets.token_hex(8)
    db.session.commit()


def teacher_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Teacher)) or 0
