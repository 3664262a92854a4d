"""Who the student is: a random token in the signed session cookie, no account needed."""

from __future__ import annotations

import secrets

from flask import session
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Student

SESSION_KEY = "student_token"


def current_student() -> Student | None:
    """The student this browser belongs to, if it has started an attempt before."""
    token = session.get(SESSION_KEY)
    if not token:
        return None
    return db.session.scalar(select(Student).where(Student.token == token))


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
