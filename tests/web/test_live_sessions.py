"""A live session through the test client: a teacher runs it, phones join, answer and see the reveal;
the server's rules (409 when not open, one answer each, the owner's controls alone); the gradebook."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import Attempt, LiveAnswer, LiveSession, Quiz, Response
from lectern.services import live_sessions
from tests.conftest import csrf_token
from tests.web.class_steps import joined, new_class
from tests.web.teachers import make_teacher, post_form, sign_in


def quiz_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Quiz.id).where(Quiz.key == "full"))


def start_session(client, app, **data) -> tuple[int, str]:
    url = f"/teacher/quizzes/{quiz_id(app)}/live"
    reply = post_form(client, url, {"classroom_id": 0, "leaderboard": "off", **data})
    assert reply.status_code == 302, reply.text
    live_id = int(reply.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        return live_id, db.session.get(LiveSession, live_id).join_code


def control(client, live_id: int, action: str):
    page = client.get(f"/teacher/live/{live_id}")
    return client.post(f"/teacher/live/{live_id}", data={"action": action, "csrf_token": csrf_token(page.text)})


def phone_join(app, code: str, name: str):
    phone = app.test_client()
    page = phone.get(f"/live/?code={code}")
    reply = phone.post("/live/", data={"code": code, "display_name": name, "csrf_token": csrf_token(page.text)})
    assert reply.status_code == 302 and reply.headers["Location"] == f"/live/{code}", reply.text
    return phone


def send(phone, code: str, answer, position: int = 1):
    token = csrf_token(phone.get(f"/live/{code}").text)
    return phone.post(f"/live/{code}/answer", data={f"q{position}": answer, "position": position, "csrf_token": token})


@pytest.fixture
def running(app, teacher_client, mini_bank):
    return start_session(teacher_client, app)


def test_a_whole_question_open_answer_close_reveal(app, teacher_client, running):
    live_id, code = running
    ana, ben = phone_join(app, code, "Ana"), phone_join(app, code, "Ben")
    assert "Wait for your teacher" in ana.get(f"/live/{code}").text
    projector = teacher_client.get(f"/teacher/live/{live_id}/projector").text
    assert code in projector and "qr.svg" in projector and "Ana" in projector
    qr = teacher_client.get(f"/teacher/live/{live_id}/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml" and b"<svg" in qr.data

    assert control(teacher_client, live_id, "next").status_code == 302
    page = ana.get(f"/live/{code}").text
    assert 'name="q1"' in page and "Question 1" in page
    assert send(ana, code, "b").status_code == 302
    assert send(ana, code, "a").status_code == 409  # one answer each: the first counts
    assert "1 of 2 answered" in re.sub(r"<[^>]+>", "", teacher_client.get(f"/teacher/live/{live_id}").text)
    assert "Ana" not in teacher_client.get(f"/teacher/live/{live_id}/projector").text  # never who answered

    assert control(teacher_client, live_id, "close").status_code == 302
    assert send(ben, code, "a").status_code == 409  # not open: not stored
    assert control(teacher_client, live_id, "reveal").status_code == 302
    reveal = ana.get(f"/live/{code}").text
    assert "Right answer" in reveal and "<mark>" in reveal and "<svg" in reveal and "right" in reveal
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 1

    assert control(teacher_client, live_id, "finish").status_code == 302
    with app.app_context():
        attempts = db.session.scalars(select(Attempt).where(Attempt.submitted_by == "live")).all()
        assert sorted(a.display_name for a in attempts) == ["Ana", "Ben"]
        assert {a.display_name: a.points for a in attempts} == {"Ana": 1.0, "Ben": 0.0}
        assert db.session.scalar(select(func.count()).select_from(Response)) == 2
    assert "Your answer" in ana.get(f"/live/{code}/results").text


def test_the_state_endpoint_answers_304_while_nothing_changed(app, teacher_client, running):
    live_id, code = running
    first = app.test_client().get(f"/live/{code}/state")
    assert first.status_code == 200 and first.json["state"] == "lobby"
    etag = first.headers["ETag"]
    again = app.test_client().get(f"/live/{code}/state", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and "Set-Cookie" not in again.headers
    control(teacher_client, live_id, "next")
    moved = app.test_client().get(f"/live/{code}/state", headers={"If-None-Match": etag})
    assert moved.status_code == 200 and moved.json["state"] == "open" and 'name="q1"' in moved.json["html"]


def test_close_reveal_and_end_reach_each_phone_in_the_state_reply_with_its_own_answer(app, teacher_client, running):
    live_id, code = running
    ana, ben = phone_join(app, code, "Ana"), phone_join(app, code, "Ben")
    control(teacher_client, live_id, "next")
    send(ana, code, "b")  # right
    send(ben, code, "a")  # wrong

    def view(phone) -> str:
        reply = phone.get(f"/live/{code}/state")
        assert reply.status_code == 200 and "html" not in reply.json
        return re.sub(r"<[^>]+>", "", reply.json["view"])

    control(teacher_client, live_id, "close")
    assert "Answers are closed" in view(ana) and "Answers are closed" in view(ben)
    control(teacher_client, live_id, "reveal")
    assert "(right)" in view(ana) and "(not right)" in view(ben)
    assert "(right)" not in view(ben) and "Right answer" in view(ben)  # the same reveal, each phone's own mark
    control(teacher_client, live_id, "finish")
    assert "See my results" in view(ana)
    # A browser that never joined gets the state, but nobody's view.
    assert "view" not in app.test_client().get(f"/live/{code}/state").json


def test_the_timer_closes_a_question_without_a_write(app, teacher_client, mini_bank, monkeypatch):
    live_id, code = start_session(teacher_client, app, seconds=10)
    ana = phone_join(app, code, "Ana")
    control(teacher_client, live_id, "next")
    later = live_sessions.clock() + timedelta(seconds=11)
    monkeypatch.setattr(live_sessions, "clock", lambda: later)
    assert app.test_client().get(f"/live/{code}/state").json["state"] == "closed"
    assert send(ana, code, "b").status_code == 409
    assert control(teacher_client, live_id, "reveal").status_code == 302


def test_only_the_owner_runs_the_session(app, teacher_client, running):
    live_id, _ = running
    make_teacher(app, "other@school.org")
    other = app.test_client()
    assert sign_in(other, "other@school.org").status_code == 302
    token = csrf_token(other.get("/teacher/").text)
    assert other.post(f"/teacher/live/{live_id}", data={"action": "next", "csrf_token": token}).status_code == 403
    assert other.get(f"/teacher/live/{live_id}/projector").status_code == 403
    with app.app_context():
        assert db.session.get(LiveSession, live_id).state == "lobby"


def test_a_class_session_is_for_the_roster_and_goes_to_the_gradebook(app, teacher_client, mini_bank):
    classroom_id, class_code = new_class(teacher_client)
    live_id, code = start_session(teacher_client, app, classroom_id=classroom_id)
    ana = app.test_client()
    joined(ana, class_code, "Ana Lima")
    page = ana.get(f"/live/{code}")
    assert page.status_code == 200 and "roster" in page.text
    assert ana.post(f"/live/{code}/join", data={"csrf_token": csrf_token(page.text)}).status_code == 302
    stranger = app.test_client()
    page = stranger.get(f"/live/?code={code}")
    reply = stranger.post("/live/", data={"code": code, "display_name": "Eve", "csrf_token": csrf_token(page.text)})
    assert reply.headers["Location"] == "/join"
    control(teacher_client, live_id, "next")
    send(ana, code, "b")
    control(teacher_client, live_id, "finish")
    with app.app_context():
        attempt = db.session.scalar(select(Attempt).where(Attempt.submitted_by == "live"))
        assert attempt.assignment.classroom_id == classroom_id and attempt.display_name == "Ana Lima"
    gradebook = teacher_client.get(f"/teacher/classes/{classroom_id}/assignments/{attempt.assignment_id}/gradebook")
    assert gradebook.status_code == 200 and "Ana Lima" in gradebook.text
