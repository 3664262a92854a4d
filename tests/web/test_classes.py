"""Classes: a teacher's class and join code, students joining and coming back, the roster, assignments.

CSRF stays on: every POST carries the token of the page that shows the form.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Assignment, Attempt, Classroom, Enrollment, Quiz, Student, utcnow
from tests.conftest import csrf_token
from tests.web.class_steps import (
    assign,
    attempt_for,
    ids,
    join,
    joined,
    new_class,
    rows,
)
from tests.web.teachers import make_teacher, post_form, sign_in


def _dt(delta: timedelta) -> str:
    return (utcnow() + delta).strftime("%Y-%m-%dT%H:%M")

def test_a_teacher_creates_a_class_and_sees_its_join_code(app, teacher_client):
    reply = post_form(teacher_client, "/teacher/classes/new", {"name": "  7B  "})
    assert reply.status_code == 302
    page = teacher_client.get(reply.headers["Location"])
    with app.app_context():
        classroom = db.session.scalar(select(Classroom))
        code, name = classroom.join_code, classroom.name
    assert reply.headers["Location"] == f"/teacher/classes/{classroom.id}" and name == "7B"
    assert f'class="join-code" aria-label="Join code {" ".join(code)}">{code}<' in page.text
    assert f"http://localhost/join/{code}" in page.text
    assert f"Students join with the code {code}" in page.text  # the flash, once
    assert "Students join with the code" not in teacher_client.get(reply.headers["Location"]).text
    assert len(code) == 6 and not set(code) & set("0O1IL")
    assert "7B" in teacher_client.get("/teacher/").text


def test_a_class_needs_a_name(app, teacher_client):
    page = teacher_client.get("/teacher/classes/new")
    reply = teacher_client.post("/teacher/classes/new", data={"name": "  ", "csrf_token": csrf_token(page.text)})
    assert reply.status_code == 400 and "Give the class a name." in reply.text
    assert ids(app, Classroom) == []


def test_rename_and_a_refused_rename(app, client, teacher_client, klass):
    joined(client, klass[1], "ana")
    [enrollment_id] = ids(app, Enrollment)
    page = f"/teacher/classes/{klass[0]}/students/{enrollment_id}"
    url, roster = f"{page}/rename", f"/teacher/classes/{klass[0]}/roster"
    reply = post_form(teacher_client, url, {"display_name": " Ana   Lima "}, page)
    assert reply.status_code == 302 and reply.headers["Location"] == roster
    assert ">Ana Lima</th>" in teacher_client.get(roster).text
    before = rows(app)
    reply = post_form(teacher_client, url, {"display_name": ""}, page)
    assert reply.status_code == 400 and f'id="rename-{enrollment_id}-errors"><li>Enter a name.' in reply.text
    assert rows(app) == before


def test_merge_moves_the_duplicates_attempts_and_drops_its_entry(app, client, teacher_client, klass):
    joined(client, klass[1], "Ana Lima")
    joined(app.test_client(), klass[1], "Ana (phone)")
    keep, duplicate = ids(app, Enrollment)
    kept_student, dup_student = ids(app, Student)
    assignment_id = assign(app, klass[0])
    moved = [attempt_for(app, dup_student, assignment_id), attempt_for(app, dup_student, None)]
    own = attempt_for(app, kept_student, assignment_id)
    page = f"/teacher/classes/{klass[0]}/roster"
    reply = post_form(teacher_client, f"/teacher/classes/{klass[0]}/merge", {"keep": keep, "duplicate": duplicate},
                      page)
    assert reply.status_code == 302 and reply.headers["Location"] == page
    assert "Merged Ana (phone) into Ana Lima: 2 attempts moved." in teacher_client.get(page).text
    assert ids(app, Enrollment) == [keep]
    assert ids(app, Attempt, Attempt.student_id == kept_student) == sorted(moved + [own])
    # Both had the class's quiz open (two devices): one attempt may stay open, the kept student's.
    assert ids(app, Attempt, Attempt.submitted_at.is_(None)) == sorted([own, moved[1]])
    assert re.search(r">Ana Lima</th>\s*<td>[^<]+</td>\s*<td>2</td>", teacher_client.get(page).text)
    assert "Ana (phone)" not in teacher_client.get(page).text


def test_merge_moves_only_this_class_attempts_of_a_student_in_other_classes(app, client, teacher_client, klass):
    joined(client, klass[1], "Ana Lima")
    phone = app.test_client()
    joined(phone, klass[1], "Ana (phone)")
    other_id, other_code = new_class(teacher_client, "Drama club")
    join(phone, other_code, "Ana (phone)")
    keep, duplicate = ids(app, Enrollment, Enrollment.classroom_id == klass[0])
    kept_student, dup_student = ids(app, Student)
    here, there = assign(app, klass[0]), assign(app, other_id)
    mine, theirs = attempt_for(app, dup_student, here), attempt_for(app, dup_student, there)
    page = f"/teacher/classes/{klass[0]}/roster"
    post_form(teacher_client, f"/teacher/classes/{klass[0]}/merge", {"keep": keep, "duplicate": duplicate}, page)
    assert ids(app, Attempt, Attempt.student_id == kept_student) == [mine]
    assert ids(app, Attempt, Attempt.student_id == dup_student) == [theirs]


@pytest.mark.parametrize("choice", ["same", "missing"])
def test_a_refused_merge_changes_nothing(app, client, teacher_client, klass, choice):
    joined(client, klass[1], "Ana Lima")
    joined(app.test_client(), klass[1], "Ana (phone)")
    keep, _ = ids(app, Enrollment)
    data = {"keep": keep, "duplicate": keep} if choice == "same" else {"keep": keep, "duplicate": ""}
    before, page = rows(app), f"/teacher/classes/{klass[0]}/roster"
    reply = post_form(teacher_client, f"/teacher/classes/{klass[0]}/merge", data, page)
    assert reply.status_code == 400
    assert ("Choose two different students." if choice == "same" else "Choose the duplicate") in reply.text
    assert rows(app) == before


def test_remove_keeps_the_students_attempts(app, client, teacher_client, klass):
    joined(client, klass[1])
    [enrollment_id], [student_id] = ids(app, Enrollment), ids(app, Student)
    attempt_id = attempt_for(app, student_id, assign(app, klass[0]))
    confirm = f"/teacher/classes/{klass[0]}/students/{enrollment_id}/remove"
    assert "Remove Ana Lima from 7B?" in teacher_client.get(confirm).text
    assert ids(app, Enrollment) == [enrollment_id]  # asking changed nothing
    assert post_form(teacher_client, confirm, {}).status_code == 302
    assert ids(app, Enrollment) == [] and ids(app, Attempt) == [attempt_id]
    assert ">7B<" not in client.get("/classes").text  # the class's name, not a CSRF token that happens to hold "7B"


def test_assign_a_quiz_with_dates_and_the_student_sees_a_start_link(app, client, teacher_client, klass):
    joined(client, klass[1])
    page = f"/teacher/classes/{klass[0]}"
    with app.app_context():
        full, quick = (db.session.scalar(select(Quiz.id).where(Quiz.key == k)) for k in ("full", "quick"))
    open_now = {"quiz_id": full, "opens_at": _dt(timedelta(days=-1)), "closes_at": _dt(timedelta(days=6))}
    assert post_form(teacher_client, f"{page}/assignments", open_now, f"{page}/assign").status_code == 302
    later = {"quiz_id": quick, "opens_at": _dt(timedelta(days=2)), "closes_at": "", **SHOWN_AT_ONCE}
    assert post_form(teacher_client, f"{page}/assignments", later, f"{page}/assign").status_code == 302
    first, second = ids(app, Assignment)
    with app.app_context():
        assert db.session.get(Assignment, second).closes_at is None
    mine = client.get("/classes").text
    assert f'href="/quizzes/mini/full?assignment={first}"' in mine
    assert f"assignment={second}" not in mine and "Quick check" in mine and "opens" in mine
    assert f'href="/quizzes/mini/full?assignment={first}"' in client.get("/").text
    assert "Full comprehension check" in teacher_client.get(page).text
    # Following the link starts an attempt for the class, which the roster then counts.
    link = f"/quizzes/mini/full?assignment={first}"
    started = post_form(client, link, {"display_name": "Ana Lima"})
    assert started.status_code == 302 and ids(app, Attempt, Attempt.assignment_id == first) != []
    assert re.search(r">Ana Lima</th>\s*<td>[^<]+</td>\s*<td>1</td>", teacher_client.get(f"{page}/roster").text)


SHOWN_AT_ONCE = {"review_correctness": "immediately", "review_right_answers": "immediately",
                 "review_explanations": "immediately"}


@pytest.mark.parametrize("data, message", [
    ({"opens_at": _dt(timedelta(days=2)), "closes_at": _dt(timedelta(days=1))}, "The close date must come after"),
    ({"quiz_id": "", "opens_at": "", "closes_at": ""}, "Choose a quiz from the list."),
    ({"quiz_id": "999", "opens_at": "", "closes_at": ""}, "Choose a quiz from the list."),
    ({"opens_at": "next week", "closes_at": ""}, "Give a date and a time, such as"),
    ({"twice": True}, "This quiz is already assigned to the class"),
])
def test_a_refused_assignment_changes_nothing(app, teacher_client, klass, data, message):
    if data.get("twice"):
        assign(app, klass[0], "full")
    with app.app_context():
        quiz_id = db.session.scalar(select(Quiz.id).where(Quiz.key == "full"))
    data = {"quiz_id": quiz_id, **SHOWN_AT_ONCE, **{k: v for k, v in data.items() if k != "twice"}}
    before, page = rows(app), f"/teacher/classes/{klass[0]}"
    reply = post_form(teacher_client, f"{page}/assignments", data, f"{page}/assign")
    assert reply.status_code == 400 and message in reply.text
    assert rows(app) == before


def test_edit_dates_refuse_bad_dates_and_unassign(app, client, teacher_client, klass):
    assignment_id = assign(app, klass[0])
    joined(client, klass[1])
    attempt_id = attempt_for(app, ids(app, Student)[0], assignment_id)
    page = f"/teacher/classes/{klass[0]}/assignments/{assignment_id}/settings"
    url = f"/teacher/classes/{klass[0]}/assignments/{assignment_id}"
    good = {"opens_at": "2030-01-01T09:00", "closes_at": "2030-01-08T09:00", **SHOWN_AT_ONCE}
    assert post_form(teacher_client, url, good, page).status_code == 302
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        assert (assignment.opens_at.isoformat(), assignment.closes_at.isoformat()) == \
            ("2030-01-01T09:00:00", "2030-01-08T09:00:00")
    before = rows(app)
    reply = post_form(teacher_client, url, {"opens_at": "2030-01-08T09:00", "closes_at": "2030-01-01T09:00",
                                            **SHOWN_AT_ONCE}, page)
    assert reply.status_code == 400
    assert 'id="closes_at-errors"><li>The close date must come after' in reply.text
    assert rows(app) == before
    assert post_form(teacher_client, f"{url}/remove", {}, page).status_code == 302
    assert ids(app, Assignment) == []
    assert ids(app, Attempt, Attempt.assignment_id.is_(None)) == [attempt_id]  # kept, unlinked
    assert "Full comprehension check" not in client.get("/classes").text


def test_a_new_join_code_retires_the_old_one(app, client, teacher_client, klass):
    confirm = f"/teacher/classes/{klass[0]}/code"
    assert f"The code {klass[1]} stops working" in teacher_client.get(confirm).text
    assert join(app.test_client(), klass[1]).status_code == 302  # asking changed nothing
    assert post_form(teacher_client, confirm, {}).status_code == 302
    with app.app_context():
        new_code = db.session.get(Classroom, klass[0]).join_code
    assert new_code != klass[1]
    assert join(client, klass[1]).status_code == 400
    assert join(client, new_code).status_code == 302


def test_another_teacher_gets_404_on_every_url_of_the_class(app, client, teacher_client, klass):
    joined(client, klass[1])
    [enrollment_id] = ids(app, Enrollment)
    values = {"classroom_id": klass[0], "enrollment_id": enrollment_id, "assignment_id": assign(app, klass[0]),
              "attempt_id": 1, "response_id": 1}  # real ones are walked in test_authorization.py
    make_teacher(app, "other@school.org")
    other = app.test_client()
    assert sign_in(other, "other@school.org").status_code == 302
    token = csrf_token(other.get("/teacher/classes/new").text)
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("teacher.") and "classroom_id" in r.arguments]
    assert len(rules) >= 8
    before = rows(app)
    for rule in rules:
        url = rule.build({k: values[k] for k in rule.arguments}, append_unknown=False)[1]
        for method in sorted(rule.methods & {"GET", "POST"}):
            data = {"csrf_token": token, "display_name": "Hacked", "keep": enrollment_id, "duplicate": enrollment_id,
                    "opens_at": "", "closes_at": "", "quiz_id": ""}
            reply = other.get(url) if method == "GET" else other.post(url, data=data)
            assert reply.status_code == 404, f"{method} {url}: {reply.status_code}"
    assert rows(app) == before
    assert "7B" not in other.get("/teacher/").text


@pytest.mark.parametrize("url", ["/teacher/classes/99999999999999999999999", "/teacher/classes/0",
                                 "/teacher/classes/{c}/students/99999999999999999999999/rename",
                                 "/teacher/classes/{c}/assignments/99999999999999999999999"])
def test_ids_that_name_nothing_get_404_not_an_error(teacher_client, klass, url):
    url = url.format(c=klass[0])
    reply = teacher_client.get(url) if "/students/" not in url and "/assignments/" not in url \
        else post_form(teacher_client, url, {}, f"/teacher/classes/{klass[0]}")
    assert reply.status_code == 404
