"""Who the student is: a random token in the signed session cookie, no account needed."""

from __future__ import annotations

import secrets

from flask import g, session
from sqlalchemy import bindparam, select
from sqlalchemy.orm import contains_eager, joinedload

from lectern.extensions import db
from lectern.models import Attempt, Student

SESSION_KEY = "student_token"
# Built once: every page a student opens asks it, and building the statement was about 40% of the query.
_BY_TOKEN = select(Student).where(Student.token == bindparam("token"))
# Also the student's: a personal code waiting to be shown once (lectern/student/joining.py).
_OTHER_STUDENT_KEYS = ("new_personal_code",)


def current_student() -> Student | None:
    """The student this browser belongs to, if it has started an attempt before.

    Asked once per request (the page and its header both ask), remembered for the rest of it.
    """
    token = session.get(SESSION_KEY)
    if not token:
        return None
    known = g.get("lectern_student")
    if known is not None and known.token == token:
        return known
    student = db.session.scalar(_BY_TOKEN, {"token": token})
    g.lectern_student = student
    return student


# An attempt with its student and quiz, if it is this browser's: one query for what every page of
# an attempt needs first (who asks, whose attempt, and the quiz's title and paging).
_OWN_ATTEMPT = (select(Attempt).join(Attempt.student)
                .options(contains_eager(Attempt.student), joinedload(Attempt.quiz))
                .where(Attempt.id == bindparam("attempt_id"), Student.token == bindparam("token")))


def own_attempt(attempt_id: int) -> Attempt | None:
    """The attempt, if it belongs to this browser's student (who is then remembered for the request)."""
    token = session.get(SESSION_KEY)
    if not token:
        return None
    attempt = db.session.scalar(_OWN_ATTEMPT, {"attempt_id": attempt_id, "token": token})
    if attempt is not None:
        g.lectern_student = attempt.student
    return attempt


def student_named(display_name: str) -> Student:
    """This browser's student, created on first use, with the name they gave now."""
    student = current_student()
    if student is None:
        student = Student(token=secrets.token_urlsafe(32), display_name=display_name)
        db.session.add(student)
        session[SESSION_KEY] = student.token
        session.permanent = True
    else:
        student.display_name = display_name
    return student


def forget_student() -> None:
    """Make this browser nobody's ("Not you?" on a shared computer): the next student starts
    fresh. Only the browser forgets; the student's record and attempts stay theirs, and their
    class code with their personal code brings them back. A teacher signed in stays signed in."""
    for key in (SESSION_KEY, *_OTHER_STUDENT_KEYS):
        session.pop(key, None)
