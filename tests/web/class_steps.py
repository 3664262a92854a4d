"""Steps shared by the class tests: a class, joining it, coming back, and row snapshots."""

from __future__ import annotations

import re

from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Assignment, Attempt, Classroom, Enrollment, Quiz, Student
from lectern.services import attempts as attempt_service
from tests.web.attempt_steps import RUN_SETTINGS
from tests.web.helpers import snapshot
from tests.web.teachers import post_form

PERSONAL = re.compile(r'class="code-big"[^>]*>([A-Z2-9]{4}-[A-Z2-9]{4})<')


def new_class(client, name: str = "7B") -> tuple[int, str]:
    reply = post_form(client, "/teacher/classes/new", {"name": name})
    assert reply.status_code == 302, reply.text
    classroom_id = int(reply.headers["Location"].rsplit("/", 1)[1])
    code = re.search(r'class="join-code"[^>]*>([A-Z2-9]{6})<', client.get(reply.headers["Location"]).text)[1]
    return classroom_id, code


def join(client, code: str, name: str = "Ana Lima"):
    return post_form(client, "/join", {"class_code": code, "display_name": name})


def joined(client, code: str, name: str = "Ana Lima") -> str:
    """Join and return the personal code shown once."""
    reply = join(client, code, name)
    assert reply.status_code == 302 and reply.headers["Location"] == "/classes", reply.text
    return PERSONAL.search(client.get("/classes").text)[1]


def rejoin(client, class_code: str, personal_code: str):
    return post_form(client, "/join/return", {"class_code": class_code, "personal_code": personal_code})


def rows(app) -> tuple:
    """Every class row, to prove a refused request changed nothing."""
    with app.app_context():
        return tuple(tuple(db.session.execute(q).all()) for q in (
            select(Classroom.id, Classroom.name, Classroom.join_code, Classroom.teacher_id),
            select(Enrollment.id, Enrollment.classroom_id, Enrollment.student_id, Enrollment.display_name),
            select(Assignment.id, Assignment.quiz_id, Assignment.opens_at, Assignment.closes_at),
            select(Student.id, Student.token, Student.display_name, Student.recovery_digest),
            select(Attempt.id, Attempt.student_id, Attempt.assignment_id),
        )) + snapshot(app)


def ids(app, model, *where) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(model.id).where(*where).order_by(model.id)))


def assign(app, classroom_id: int, quiz: str = "full", **settings) -> int:
    """An assignment made directly, running as its quiz does unless told otherwise (the assign
    form and its test defaults are tested in test_assignments.py)."""
    with app.app_context():
        row = db.session.scalar(select(Quiz).where(Quiz.key == quiz))
        inherited = {name: getattr(row, name) for name in RUN_SETTINGS if name not in ("opens_at", "closes_at")}
        assignment = Assignment(classroom_id=classroom_id, quiz_id=row.id, **{**inherited, **settings})
        db.session.add(assignment)
        db.session.commit()
        return assignment.id


def attempt_for(app, student_id: int, assignment_id: int | None) -> int:
    """An attempt recorded for an assignment, as the start page will record it."""
    with app.app_context():
        student = db.session.get(Student, student_id)
        quiz = db.session.scalar(select(Quiz).where(Quiz.key == "full"))
        attempt = attempt_service.start_attempt(quiz, student)
        attempt.assignment = db.session.get(Assignment, assignment_id) if assignment_id else None
        db.session.commit()
        return attempt.id
