"""Steps for the results tests: a teacher's class with an assigned quiz, students who join it and take it."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Assignment, Attempt, Quiz, Response, Student, Teacher
from lectern.services.classes import create_classroom
from tests.web.attempt_steps import attempt_id
from tests.web.helpers import RIGHT, start, submit
from tests.web.teachers import post_form

ESSAY = "q8"  # the mini bank's essay, last in the full quiz
ESSAY_TEXT = "The claims rest on unnamed sources, so I would be careful."


@dataclass
class ClassSetup:
    classroom_id: int
    code: str
    assignment_id: int
    browsers: dict[str, object] = field(default_factory=dict)

    @property
    def quiz_url(self) -> str:
        return f"full?assignment={self.assignment_id}"

    def gradebook_url(self, suffix: str = "gradebook") -> str:
        return f"/teacher/classes/{self.classroom_id}/assignments/{self.assignment_id}/{suffix}"


def make_class(app, teacher_id: int, name: str = "7B", quiz: str = "full", **dates) -> ClassSetup:
    """A class of the teacher's with the quiz assigned to it, made directly."""
    with app.app_context():
        classroom = create_classroom(db.session.get(Teacher, teacher_id), name)
        assignment = Assignment(classroom=classroom, quiz=db.session.scalar(select(Quiz).where(Quiz.key == quiz)),
                                **dates)
        db.session.add(assignment)
        db.session.commit()
        return ClassSetup(classroom.id, classroom.join_code, assignment.id)


def join(app, setup: ClassSetup, name: str):
    """A new browser whose student joins the class under this name; returns the browser."""
    browser = app.test_client()
    reply = post_form(browser, "/join", {"class_code": setup.code, "display_name": name})
    assert reply.status_code == 302, reply.text
    setup.browsers[name] = browser
    return browser


def take(setup: ClassSetup, name: str, answers: dict | None = None) -> int:
    """The student starts the assigned quiz and submits these answers; returns the attempt id."""
    browser = setup.browsers[name]
    url = start(browser, quiz=setup.quiz_url, name=name)
    reply = submit(browser, url, answers or {})
    assert reply.status_code == 302, reply.text
    return attempt_id(url)


def begin(setup: ClassSetup, name: str) -> int:
    """The student starts the assigned quiz and leaves it in progress; returns the attempt id."""
    return attempt_id(start(setup.browsers[name], quiz=setup.quiz_url, name=name))


def essay_response(app, attempt: int) -> int:
    """The id of the essay response of an attempt."""
    with app.app_context():
        return db.session.scalar(select(Response.id).where(Response.attempt_id == attempt, Response.position == 8))


def attempt_row(app, attempt: int) -> tuple:
    with app.app_context():
        a = db.session.get(Attempt, attempt)
        return a.points, a.needs_grading, a.submitted_at is not None


def student_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Student.id).where(Student.display_name == name))


WITH_ESSAY = {**RIGHT, ESSAY: ESSAY_TEXT}  # 5 of 8 points now, the essay's point pending
