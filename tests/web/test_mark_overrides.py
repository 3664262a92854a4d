"""Changing a mark by hand, commenting on any answer, overall feedback, and the history that records them."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Assignment, Attempt, MarkChange, Response
from lectern.services import attempts as attempt_service
from tests.web.attempt_steps import attempt_id, configure
from tests.web.helpers import snapshot, start
from tests.web.results_steps import join, make_class
from tests.web.teachers import make_teacher, post_form, sign_in

# Ana's answers by position: Kyiv for the city (wrong), the rest of the auto-marked ones right.
ANA = {1: "a", 2: ["a", "b"], 3: False, 4: "Article 5", 5: 800000}


def take_directly(app, setup, name: str, answers: dict) -> int:
    """The student starts the assigned quiz in their browser; the answers are submitted as the service does."""
    url = start(setup.browsers[name], quiz=setup.quiz_url, name=name)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id(url))
        attempt_service.submit_attempt(attempt, answers)
    return attempt_id(url)


def response_id(app, attempt: int, position: int) -> int:
    with app.app_context():
        return db.session.scalar(select(Response.id).where(Response.attempt_id == attempt,
                                                           Response.position == position))


def show_everything(app, assignment_id: int) -> None:
    """Let the class see its score, right answers and feedback as soon as it submits."""
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        for part in ("review_correctness", "review_right_answers", "review_explanations"):
            setattr(assignment, part, "immediately")
        db.session.commit()


@pytest.fixture
def ana(app, mini_bank, teacher):
    setup = make_class(app, teacher)
    show_everything(app, setup.assignment_id)
    join(app, setup, "Ana")
    setup.attempt = take_directly(app, setup, "Ana", ANA)
    setup.attempt_url = f"/teacher/classes/{setup.classroom_id}/attempts/{setup.attempt}"
    setup.review_url = f"/attempts/{setup.attempt}/review"
    setup.city = response_id(app, setup.attempt, 1)
    return setup


def _mark(client, setup, response, data):
    return post_form(client, f"/teacher/classes/{setup.classroom_id}/responses/{response}/mark", data,
                     page_url=setup.attempt_url)


def _state(app, setup):
    with app.app_context():
        attempt = db.session.get(Attempt, setup.attempt)
        city = db.session.get(Response, setup.city)
        changes = db.session.execute(select(MarkChange.kind, MarkChange.old_fraction, MarkChange.new_fraction,
                                            MarkChange.reason).order_by(MarkChange.id)).all()
        return attempt.points, city.fraction, city.comment, [tuple(c) for c in changes]


def test_the_teacher_gives_credit_and_the_student_sees_the_new_mark(app, ana, teacher_client):
    assert _state(app, ana)[:2] == (4.0, 0.0)
    reply = _mark(teacher_client, ana, ana.city, {"marks": "1", "reason": "Kyiv hosted the follow-up talks.",
                                                 "comment": "Fair: *paragraph 2* mentions Kyiv too."})
    assert reply.status_code == 302 and reply.headers["Location"].endswith("#question-1")
    points, fraction, comment, changes = _state(app, ana)
    assert (points, fraction) == (5.0, 1.0) and comment == "Fair: *paragraph 2* mentions Kyiv too."
    assert changes == [("override", 0.0, 1.0, "Kyiv hosted the follow-up talks."),
                       ("comment", None, None, "Fair: *paragraph 2* mentions Kyiv too.")]

    review = ana.browsers["Ana"].get(ana.review_url).text.replace("&#39;", "'")
    assert "5 / 8 points" in review
    item = re.search(r'id="question-1">(.*?)</li>', review, re.DOTALL)[1]
    assert "badge-correct" in item and "1 / 1 points" in item
    assert "Your teacher's comment" in item and "<em>paragraph 2</em>" in item

    page = teacher_client.get(ana.attempt_url).text
    history = page.split('id="history-h"')[1]
    assert "Question 1: 0 → 1 point" in history and "Kyiv hosted the follow-up talks." in history
    assert "mark changed by you" in page


def test_a_comment_alone_keeps_the_mark(app, ana, teacher_client):
    reply = _mark(teacher_client, ana, ana.city, {"marks": "0", "reason": "", "comment": "Check paragraph 1."})
    assert reply.status_code == 302
    assert _state(app, ana) == (4.0, 0.0, "Check paragraph 1.", [("comment", None, None, "Check paragraph 1.")])
    assert "Question 1: comment changed" in teacher_client.get(ana.attempt_url).text


def test_half_marks_with_a_decimal_comma(app, ana, teacher_client):
    _mark(teacher_client, ana, ana.city, {"marks": "0,5", "reason": "Close enough for half."})
    assert _state(app, ana)[:2] == (4.5, 0.5)


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"marks": "2", "reason": "Generous"}, "points", "Give between 0 and 1 point."),
    ({"marks": "-1", "reason": "Mean"}, "points", "Give between 0 and 1 point."),
    ({"marks": "lots", "reason": "?"}, "points", "Give between 0 and 1 point."),
    ({"marks": "1", "reason": "  "}, "reason", "Say why you are changing the mark."),
    ({"marks": "1", "reason": "x" * 501}, "reason", "Keep the reason under 500 characters."),
])
def test_bad_input_is_refused_beside_the_field_and_nothing_changes(app, ana, teacher_client, data, field, message):
    before = snapshot(app), _state(app, ana)
    reply = _mark(teacher_client, ana, ana.city, {**data, "comment": "Keep me typed."})
    assert reply.status_code == 400
    errors = re.search(rf'<ul class="errors" id="{field}-{ana.city}-errors">(.*?)</ul>', reply.text, re.DOTALL)
    assert errors and message in errors[1]
    assert "Keep me typed." in reply.text
    assert (snapshot(app), _state(app, ana)) == before


def test_overall_feedback_shows_on_the_review_and_in_the_history(app, ana, teacher_client):
    url = f"/teacher/classes/{ana.classroom_id}/attempts/{ana.attempt}/feedback"
    reply = post_form(teacher_client, url, {"feedback": "**Good work** overall."}, page_url=ana.attempt_url)
    assert reply.status_code == 302
    review = ana.browsers["Ana"].get(ana.review_url).text.replace("&#39;", "'")
    assert "Your teacher's feedback" in review and "<strong>Good work</strong> overall." in review
    assert "Overall feedback changed" in teacher_client.get(ana.attempt_url).text
    assert _state(app, ana)[3] == [("feedback", None, None, "**Good work** overall.")]
    refused = post_form(teacher_client, url, {"feedback": "x" * 10_001}, page_url=ana.attempt_url)
    assert refused.status_code == 400 and "Keep the feedback under 10,000 characters." in refused.text


def test_the_quizs_band_feedback_shows_when_the_teacher_wrote_none(app, ana, teacher_client):
    configure(app, feedback_bands=[{"from": 80, "text": "Well done"}, {"from": 50, "text": "Good effort"},
                                   {"from": 0, "text": "Read the article again"}])
    review = ana.browsers["Ana"].get(ana.review_url).text
    assert "Feedback on your score" in review and "Good effort" in review  # 4 of 8 points: 50%
    post_form(teacher_client, f"/teacher/classes/{ana.classroom_id}/attempts/{ana.attempt}/feedback",
              {"feedback": "See me about question 1."}, page_url=ana.attempt_url)
    review = ana.browsers["Ana"].get(ana.review_url).text
    assert "See me about question 1." in review and "Good effort" not in review


def test_band_feedback_stays_hidden_while_the_score_is(app, ana):
    configure(app, feedback_bands=[{"from": 0, "text": "Read the article again"}])
    with app.app_context():
        db.session.get(Assignment, ana.assignment_id).review_correctness = "never"
        db.session.commit()
    assert "Read the article again" not in ana.browsers["Ana"].get(ana.review_url).text


def test_an_attempt_in_progress_cannot_be_changed(app, ana, teacher_client):
    join(app, ana, "Bo")
    url = start(ana.browsers["Bo"], quiz=ana.quiz_url, name="Bo")
    bo = attempt_id(url)
    before = snapshot(app)
    page = f"/teacher/classes/{ana.classroom_id}/attempts/{bo}"
    reply = post_form(teacher_client, f"/teacher/classes/{ana.classroom_id}/responses/{response_id(app, bo, 1)}/mark",
                      {"marks": "1", "reason": "Early"}, page_url=page)
    assert reply.status_code == 409 and "still in progress" in reply.text
    reply = post_form(teacher_client, f"{page}/feedback", {"feedback": "Early"}, page_url=page)
    assert reply.status_code == 409 and snapshot(app) == before


def test_another_teacher_cannot_change_a_mark(app, ana):
    make_teacher(app, "other@school.org")
    other = app.test_client()
    assert sign_in(other, "other@school.org").status_code == 302
    reply = post_form(other, f"/teacher/classes/{ana.classroom_id}/responses/{ana.city}/mark",
                      {"marks": "1", "reason": "Mine now"}, page_url="/teacher/")
    assert reply.status_code == 404 and _state(app, ana)[1] == 0.0
