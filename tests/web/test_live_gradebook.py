"""A live session end to end for a class, through the test client: ten questions of the Berlin bank,
three students on the roster, every question opened, answered, closed and revealed; then the
gradebook (each attempt with its score, marked live), the item analysis, each student's results
with the explanations. Also the ways in ("Run live" on the bank and the class page) and the
projector's leaderboard, which appears only after a reveal and only when the session has one."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from lectern.core.banks import read_bank
from lectern.core.questions import QuestionDefinition
from lectern.extensions import db
from lectern.models import Attempt, LiveSession, Quiz
from lectern.services import live_sessions
from lectern.services.bank_loading import load_bank
from lectern.services.item_analysis import build_item_analysis
from tests.conftest import REPO, csrf_token
from tests.web.class_steps import assign, joined, new_class
from tests.web.test_live_sessions import control, phone_join, quiz_id, send, start_session

BERLIN = "berlin-security-agreements"
QUESTIONS = 10


@pytest.fixture
def berlin(app):
    with app.app_context():
        load_bank(read_bank(REPO / "quizzes" / BERLIN))
        db.session.commit()
        return db.session.scalar(select(Quiz.id).join(Quiz.bank).where(Quiz.key == "full"))


def right(d: QuestionDefinition):
    """The form value that earns full credit."""
    if d.type == "single_choice":
        return next(o.id for o in d.options if o.correct)
    if d.type == "multiple_response":
        return [o.id for o in d.options if o.correct]
    if d.type == "true_false":
        return "true" if d.answer else "false"
    if d.type == "numeric":
        return str(next(a.value for a in d.answers if a.credit == 100))
    return next(a.text for a in d.answers if a.credit == 100)


def wrong(d: QuestionDefinition):
    """A form value that earns nothing."""
    if d.type in ("single_choice", "multiple_response"):
        return next(o.id for o in d.options if not o.correct)
    if d.type == "true_false":
        return "false" if d.answer else "true"
    return "9999" if d.type == "numeric" else "Paris"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_ten_questions_for_a_class_end_in_the_gradebook_and_the_item_analysis(app, teacher_client, berlin):
    classroom_id, class_code = new_class(teacher_client, "9C")
    page = teacher_client.get(f"/teacher/quizzes/{berlin}/live?classroom_id={classroom_id}").text
    assert re.search(rf'<option selected value="{classroom_id}">', page)  # the class comes chosen
    live_id, code = start_session(teacher_client, app, classroom_id=classroom_id)
    students = {}
    for name in ("Ana Lima", "Ben Okafor", "Cleo Park"):
        students[name] = app.test_client()
        joined(students[name], class_code, name)
        lobby = students[name].get(f"/live/{code}")
        assert students[name].post(f"/live/{code}/join", data={"csrf_token": csrf_token(lobby.text)}).status_code == 302
    with app.app_context():
        asked = live_sessions.definitions(db.session.get(LiveSession, live_id))[:QUESTIONS]
    assert len(asked) >= QUESTIONS and all(d.type != "essay" for d in asked)

    for position, d in enumerate(asked, start=1):
        assert control(teacher_client, live_id, "next").status_code == 302
        assert send(students["Ana Lima"], code, right(d), position).status_code == 302
        assert send(students["Ben Okafor"], code, wrong(d), position).status_code == 302
        if position <= 5:  # Cleo answers the first half, rightly, and then stops
            assert send(students["Cleo Park"], code, right(d), position).status_code == 302
        projector = text_of(teacher_client.get(f"/teacher/live/{live_id}/projector").text)
        assert f"{3 if position <= 5 else 2} of 3 answered" in projector
        assert control(teacher_client, live_id, "close").status_code == 302
        assert control(teacher_client, live_id, "reveal").status_code == 302
        reveal = students["Ben Okafor"].get(f"/live/{code}").text
        assert "Right answer" in reveal and "<mark>" in reveal and "(not right)" in reveal
    assert control(teacher_client, live_id, "finish").status_code == 302

    points = [d.points for d in asked]
    expected = {"Ana Lima": sum(points), "Ben Okafor": 0.0, "Cleo Park": sum(points[:5])}
    with app.app_context():
        attempts = db.session.scalars(select(Attempt).where(Attempt.submitted_by == "live")).all()
        assert {a.display_name: a.points for a in attempts} == pytest.approx(expected)
        assert {a.max_points for a in attempts} == {sum(points)}
        assignment_id = attempts[0].assignment_id
        analysis = build_item_analysis(attempts[0].assignment)
        assert analysis.submitted == analysis.analysed == 3
        assert [q.key for q in analysis.questions] == [d.id for d in asked]
    book = text_of(teacher_client.get(f"/teacher/classes/{classroom_id}/assignments/{assignment_id}/gradebook").text)
    for name in expected:
        assert name in book
    assert book.count(", live") == 3
    assert teacher_client.get(f"/teacher/classes/{classroom_id}/assignments/{assignment_id}/analysis").status_code == 200
    for name, client in students.items():
        results = client.get(f"/live/{code}/results").text
        assert results.count('class="explanation"') == QUESTIONS, name
        assert results.count("Right answer:") == QUESTIONS
    # The quiz was never set for 9C: the assignment made for the session closed with it, so no
    # student can start the quiz again on their own.
    reply = students["Ana Lima"].get(f"/quizzes/{BERLIN}/full?assignment={assignment_id}")
    assert "it takes no new attempts" in text_of(reply.text)


def test_run_live_is_offered_on_the_bank_and_on_the_class_page(app, teacher_client, mini_bank):
    quiz = quiz_id(app)
    assert f"/teacher/quizzes/{quiz}/live" in teacher_client.get("/teacher/banks/mini").text
    classroom_id, _ = new_class(teacher_client)
    assign(app, classroom_id)
    page = teacher_client.get(f"/teacher/classes/{classroom_id}").text
    assert f"/teacher/quizzes/{quiz}/live?classroom_id={classroom_id}" in page
    assert teacher_client.get(f"/teacher/quizzes/{quiz}/live?classroom_id={classroom_id}").status_code == 200


@pytest.mark.parametrize(("leaderboard", "shown"), [("names", "Ana"), ("nicknames", "Player 1"), ("off", None)])
def test_the_projector_shows_the_leaderboard_only_after_a_reveal(app, teacher_client, mini_bank, leaderboard, shown):
    live_id, code = start_session(teacher_client, app, leaderboard=leaderboard)
    ana, ben = phone_join(app, code, "Ana"), phone_join(app, code, "Ben")
    control(teacher_client, live_id, "next")
    send(ana, code, "b")
    send(ben, code, "a")
    projector = f"/teacher/live/{live_id}/projector"
    for action in ("next", "close"):  # open, then closed: nobody's standing yet
        page = teacher_client.get(projector).text
        assert "Leaderboard" not in page and "Ana" not in page and "Player 1" not in page
        if action == "next":
            control(teacher_client, live_id, "close")
    control(teacher_client, live_id, "reveal")
    page = text_of(teacher_client.get(projector).text)
    if shown is None:
        assert "Leaderboard" not in page
        return
    assert "Leaderboard" in page and shown in page
    if leaderboard == "nicknames":
        assert "Ana" not in page and "Ben" not in page
        assert "Player 1 on the leaderboard" in text_of(ana.get(f"/live/{code}").text)
    board = page[page.index("Leaderboard"):]
    assert board.index(shown) < board.index("Ben" if leaderboard == "names" else "Player 2")
