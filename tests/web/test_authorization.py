"""Every teacher endpoint, walked from app.url_map: anonymous visitors are sent to sign in,
students are refused, and another teacher cannot see what belongs to the first.

A route added later without the guard, or with a URL parameter nobody gave a sample value
for here, fails these tests.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Assignment, Attempt, Classroom, Enrollment, LiveSession, Quiz, Student
from tests.conftest import csrf_token
from tests.web.helpers import RIGHT, start, submit
from tests.web.teachers import make_teacher, sign_in

# Parameters naming something a teacher owns (a class and what hangs off it): another teacher gets 404.
OWNED = {"classroom_id", "enrollment_id", "assignment_id", "attempt_id", "response_id"}
UNGUARDED = {"auth.sign_in"}  # the way in cannot require being in


@pytest.fixture
def world(app, client, mini_bank, teacher):
    """The first teacher's class with a student who took an assigned quiz; sample URL values."""
    url = start(client)
    submit(client, url, RIGHT)
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.key == "full"))
        student = db.session.scalar(select(Student))
        classroom = Classroom(teacher_id=teacher, name="7B", join_code="ABCDEF")
        enrollment = Enrollment(classroom=classroom, student=student, display_name="Ana")
        assignment = Assignment(classroom=classroom, quiz=quiz)
        db.session.add_all([classroom, enrollment, assignment])
        attempt = db.session.scalar(select(Attempt))
        attempt.assignment = assignment
        live = LiveSession(owner_id=teacher, quiz=quiz, join_code="LIVE23", question_version_ids=[])
        db.session.add(live)
        db.session.commit()
        return {
            "slug": "mini", "key": "meeting-city", "number": 1, "quiz_id": quiz.id,
            "classroom_id": classroom.id, "enrollment_id": enrollment.id, "assignment_id": assignment.id,
            "attempt_id": attempt.id, "response_id": attempt.responses[0].id, "teacher_id": teacher,
            "invite_id": 1, "live_id": live.id, "platform_id": 1,
        }


def teacher_rules(app):
    return sorted((r for r in app.url_map.iter_rules() if r.endpoint.startswith("teacher.")), key=lambda r: r.rule)


def _requests(app, world):
    """(rule, method, url) for every teacher endpoint and method."""
    out = []
    for rule in teacher_rules(app):
        missing = rule.arguments - world.keys()
        assert not missing, f"{rule.endpoint}: give a sample value for {sorted(missing)} in the world fixture"
        url = rule.build({name: world[name] for name in rule.arguments}, append_unknown=False)[1]
        for method in sorted(rule.methods & {"GET", "POST"}):
            out.append((rule, method, url))
    return out


def _send(client, method, url):
    """A request with a valid CSRF token for this client, so only the guard can refuse it."""
    token = csrf_token(client.get("/teacher/sign-in", follow_redirects=True).text) if method == "POST" else None
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": token})


def test_there_are_teacher_endpoints_to_check(app):
    assert len(teacher_rules(app)) >= 5


def test_every_teacher_url_is_on_the_guarded_blueprint(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/teacher") and rule.endpoint not in UNGUARDED | {"auth.sign_out"}:
            assert rule.endpoint.startswith("teacher."), f"{rule.rule} ({rule.endpoint}) bypasses the teacher guard"


def test_anonymous_visitors_are_sent_to_sign_in(app, world):
    client = app.test_client()
    for rule, method, url in _requests(app, world):
        reply = _send(client, method, url)
        assert reply.status_code == 302, f"{method} {url}: {reply.status_code}"
        assert reply.headers["Location"].startswith("/teacher/sign-in"), f"{method} {url}"


def test_students_are_refused(app, client, world):
    for rule, method, url in _requests(app, world):
        reply = _send(client, method, url)  # `client` took the quiz: it is a student's browser
        assert reply.status_code == 403, f"{method} {url}: {reply.status_code}"


def test_another_teacher_gets_404_on_what_the_first_owns(app, world):
    make_teacher(app, "other@school.org")
    other = app.test_client()
    assert sign_in(other, "other@school.org").status_code == 302
    owned = [(rule, m, url) for rule, m, url in _requests(app, world) if rule.arguments & OWNED]
    for rule, method, url in owned:
        reply = _send(other, method, url)
        assert reply.status_code == 404, f"{method} {url}: {reply.status_code}"
    with app.app_context():  # and nothing of the first teacher's changed
        assert db.session.scalar(select(Classroom.name)) == "7B"
        assert db.session.scalar(select(Enrollment.display_name)) == "Ana"


def test_the_owner_can_open_every_page(app, world):
    owner = app.test_client()
    assert sign_in(owner).status_code == 302
    for rule, method, url in _requests(app, world):
        if method == "GET":
            reply = owner.get(url)
            assert reply.status_code in (200, 302), f"GET {url}: {reply.status_code}"
