"""Students joining a class with its code, and coming back from another device with their personal code.

CSRF stays on: every POST carries the token of the page that shows the form.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from lectern.core.join_codes import personal_digest
from lectern.extensions import db
from lectern.models import Enrollment, Student
from tests.web.class_steps import (
    PERSONAL,
    join,
    joined,
    new_class,
    rejoin,
    rows,
)
from tests.web.helpers import RIGHT, start, submit


def test_a_student_joins_with_the_code_typed_loosely_and_sees_a_personal_code_once(app, client, teacher_client,
                                                                                    klass):
    classroom_id, code = klass
    assert 'href="/join"' in client.get("/").text and "Join a class" in client.get("/").text
    assert f'value="{code}"' in client.get(f"/join/{code}").text  # the join link fills in the code
    loose = f" {code[:3].lower()} {code[3:].lower()} "
    reply = join(client, loose, "Ana Lima")
    assert reply.status_code == 302 and reply.headers["Location"] == "/classes"
    page = client.get("/classes")
    personal = PERSONAL.search(page.text)[1]
    assert "You joined 7B." in page.text and "shown only this once" in page.text
    assert page.headers["Cache-Control"] == "no-store"
    again = client.get("/classes")
    assert personal not in again.text and "7B" in again.text
    with app.app_context():
        enrollment = db.session.scalar(select(Enrollment))
        assert (enrollment.classroom_id, enrollment.display_name) == (classroom_id, "Ana Lima")
        assert enrollment.student.recovery_digest == personal_digest(personal)
    assert 'href="/classes"' in client.get("/").text  # the home page now lists the class
    roster = teacher_client.get(f"/teacher/classes/{classroom_id}/roster").text
    assert re.search(r"<th scope=\"row\">Ana Lima</th>\s*<td>[^<]+UTC</td>\s*<td>0</td>", roster)


def test_joining_twice_from_one_browser_changes_nothing(app, client, klass):
    joined(client, klass[1])
    before = rows(app)
    reply = join(client, klass[1], "Someone Else")
    assert reply.status_code == 302 and "already in 7B" in client.get("/classes").text
    assert rows(app) == before


def test_a_second_device_comes_back_with_the_personal_code(app, client, klass):
    personal = joined(client, klass[1], "Ana Lima")
    attempt_url = start(client, name="Ana Lima")
    submit(client, attempt_url, RIGHT)
    phone = app.test_client()
    assert f'href="{attempt_url}/review"' not in phone.get("/attempts").text
    reply = rejoin(phone, klass[1].lower(), personal.replace("-", " ").lower())
    assert reply.status_code == 302 and reply.headers["Location"] == "/classes"
    assert "Welcome back, Ana Lima" in phone.get("/classes").text
    assert f'href="{attempt_url}/review"' in phone.get("/attempts").text
    with app.app_context():
        assert len(db.session.scalars(select(Student)).all()) == 1


@pytest.mark.parametrize("which", ["class", "personal", "other class", "malformed"])
def test_wrong_codes_get_a_message_and_change_nothing(app, client, teacher_client, klass, which):
    personal = joined(client, klass[1])
    _, other_code = new_class(teacher_client, "8C")
    class_code, personal_code = {
        "class": ("ZZZZZZ", personal), "personal": (klass[1], "ZZZZ-ZZZZ"),
        "other class": (other_code, personal), "malformed": (klass[1], "O0O0-1I1I"),
    }[which]
    phone = app.test_client()
    before = rows(app)
    reply = rejoin(phone, class_code, personal_code)
    assert reply.status_code == 400 and 'class="errors"' in reply.text
    assert ("Those codes do not match" in reply.text) is (which != "malformed")
    assert rows(app) == before
    assert not re.search(r'href="/attempts/\d+/review"', phone.get("/attempts").text) and "7B" not in phone.get("/classes").text


@pytest.mark.parametrize("typed, message", [("ZZZZZZ", "No class has the code ZZZZZZ"),
                                            ("AB0", "A class code has 6 letters"), ("", "Enter the class code")])
def test_a_wrong_class_code_gets_a_message_next_to_the_field(app, client, klass, typed, message):
    before = rows(app)
    reply = join(client, typed)
    assert reply.status_code == 400
    assert re.search(r'id="class_code-errors"><li>' + re.escape(message), reply.text)
    assert rows(app) == before


def test_coming_back_is_rate_limited(app, client, klass):
    personal = joined(client, klass[1])
    phone = app.test_client()
    for _ in range(10):
        assert rejoin(phone, klass[1], "ZZZZ-ZZZZ").status_code == 400
    assert rejoin(phone, klass[1], personal).status_code == 429
