""""Not you?": on a shared classroom computer, the next student starts fresh instead of
inheriting (and renaming) the one before."""

from __future__ import annotations

from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import Attempt, Student
from tests.conftest import csrf_token
from tests.web.class_steps import joined, new_class, rejoin
from tests.web.helpers import RIGHT, start, submit
from tests.web.teachers import post_form

SIGNED_OUT = "Signed out. The next student starts fresh; to get back to your own record, use your class code and personal code."


def not_you(client, from_page: str = "/"):
    return post_form(client, "/not-you", {}, from_page)


def students(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Student.display_name).order_by(Student.id)))


def test_the_header_and_the_start_page_offer_not_you_beside_the_name(client, mini_bank):
    assert "Not you?" not in client.get("/").text  # nobody yet
    start(client, name="Ana")
    home = client.get("/").text
    assert '<span class="who">Ana</span>' in home and "Not you?" in home
    assert "This computer knows you as Ana." in client.get("/quizzes/mini/quick").text


def test_after_not_you_the_next_student_starts_fresh_and_cannot_see_the_last_ones_attempts(app, client, mini_bank):
    submit(client, start(client, name="Ana"), RIGHT)
    assert "Full comprehension check" in client.get("/attempts").text
    reply = not_you(client)
    assert reply.status_code == 302 and reply.headers["Location"] == "/"
    home = client.get("/").text
    assert SIGNED_OUT in home
    assert "Not you?" not in home
    attempts_page = client.get("/attempts").text
    assert "Ana" not in attempts_page and "Full comprehension check" not in attempts_page
    with app.app_context():
        ana_attempt = db.session.scalar(select(Attempt.id))
    assert f"/attempts/{ana_attempt}" not in attempts_page
    assert client.get(f"/attempts/{ana_attempt}/review").status_code == 404

    start(client, name="Ben")
    assert students(app) == ["Ana", "Ben"]  # Ben is new; Ana was not renamed
    with app.app_context():
        owner = db.session.scalar(select(Student.display_name).join(Attempt).where(Attempt.id == ana_attempt))
    assert owner == "Ana"  # her attempt stays hers


def test_a_student_gets_back_with_their_class_code_and_personal_code(app, client, teacher_client, mini_bank):
    _classroom_id, code = new_class(teacher_client)
    personal = joined(client, code, "Ana Lima")
    not_you(client)
    assert "Ana Lima" not in client.get("/classes").text
    assert rejoin(client, code, personal).status_code == 302
    assert "Ana Lima" in client.get("/").text


def test_without_the_forms_token_nothing_changes(app, client, mini_bank):
    start(client, name="Ana")
    reply = client.post("/not-you", data={})
    assert reply.status_code == 400
    assert '<span class="who">Ana</span>' in client.get("/").text


def test_a_browser_that_is_nobody_yet_can_press_it_harmlessly(app, client, mini_bank):
    token = csrf_token(client.get("/quizzes/mini/full").text)
    assert client.post("/not-you", data={"csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Student)) == 0
