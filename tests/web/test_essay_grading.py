"""Essay grading: the queue, marks and comments, the student's score and review following, refusals."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Response
from tests.conftest import csrf_token
from tests.web.helpers import RIGHT, snapshot
from tests.web.results_steps import (
    ESSAY_TEXT,
    WITH_ESSAY,
    attempt_row,
    begin,
    essay_response,
    join,
    make_class,
    take,
)
from tests.web.teachers import make_teacher, post_form, sign_in
from tests.web.test_mark_overrides import show_everything


@pytest.fixture
def graded(app, mini_bank, teacher):
    """Ana of 7B submitted the full quiz with an essay: 5 of 8 points so far, the essay's point pending."""
    setup = make_class(app, teacher)
    show_everything(app, setup.assignment_id)  # a class's review shows after the close by default
    join(app, setup, "Ana")
    setup.attempt = take(setup, "Ana", WITH_ESSAY)
    setup.response = essay_response(app, setup.attempt)
    setup.queue = f"/teacher/classes/{setup.classroom_id}/grading"
    setup.grade_url = f"/teacher/classes/{setup.classroom_id}/responses/{setup.response}/grade"
    setup.attempt_url = f"/teacher/classes/{setup.classroom_id}/attempts/{setup.attempt}"
    return setup


def _grade(client, setup, marks, comment="", back="attempt"):
    page = setup.queue if back == "queue" else setup.attempt_url
    return post_form(client, setup.grade_url, {"marks": marks, "comment": comment, "back": back}, page_url=page)


def _response(app, response_id):
    with app.app_context():
        r = db.session.get(Response, response_id)
        return r.fraction, r.comment, r.graded_by_id, r.graded_at is not None


def test_the_queue_lists_the_essays_waiting_with_the_answer_and_a_form(app, graded, teacher_client):
    join(app, graded, "Bo")
    join(app, graded, "Cy")
    begin(graded, "Bo")  # an attempt in progress: nothing of it is in the queue
    take(graded, "Cy", RIGHT)  # submitted without an essay: unanswered scores 0, nothing to grade
    html = teacher_client.get(graded.queue).text.replace("&#39;", "'")
    assert "1 written answer in 7B waits for marks" in html
    assert ESSAY_TEXT in html and "Ana · Full comprehension check · question 8" in html
    assert html.count('name="marks"') == 1 and 'value="queue"' in html
    assert "unnamed sources cited by The New York Times" in html  # the model answer, for reference


def test_grading_updates_the_score_the_review_and_the_gradebook_at_once(app, graded, teacher_client, teacher):
    ana = graded.browsers["Ana"]
    review = ana.get(f"/attempts/{graded.attempt}/review").text
    assert "so far: written answers are waiting for your teacher" in review
    reply = _grade(teacher_client, graded, "0,5", "**Good** point; name the newspaper.")
    assert reply.status_code == 302
    assert reply.headers["Location"] == f"{graded.attempt_url}#question-8"
    assert attempt_row(app, graded.attempt) == (5.5, False, True)
    fraction, comment, graded_by, stamped = _response(app, graded.response)
    assert (fraction, graded_by, stamped) == (0.5, teacher, True)
    assert comment == "**Good** point; name the newspaper."

    review = ana.get(f"/attempts/{graded.attempt}/review").text.replace("&#39;", "'")
    assert "5.5 / 8 points" in review and "so far" not in review
    item = re.search(r'id="question-8">(.*?)</li>', review, re.DOTALL)[1]
    assert "0.5 / 1 points" in item and "badge-partial" in item
    assert "Your teacher's comment" in item and "<strong>Good</strong> point" in item
    assert "Nothing to grade" in teacher_client.get(graded.queue).text
    book = teacher_client.get(graded.gradebook_url()).text
    assert "provisional" not in book.split("<table")[1] and "69%" in book


def test_regrading_changes_the_marks_and_the_comment(app, graded, teacher_client):
    _grade(teacher_client, graded, "0", "Too short.")
    assert attempt_row(app, graded.attempt) == (5.0, False, True)
    page = teacher_client.get(graded.attempt_url).text
    assert re.search(r'id="marks-\d+"[^>]*value="0"', page) and "Too short." in page
    _grade(teacher_client, graded, "1", "")
    assert attempt_row(app, graded.attempt) == (6.0, False, True)
    assert _response(app, graded.response)[:2] == (1.0, None)


@pytest.mark.parametrize(("marks", "message"), [
    ("-1", "Marks cannot be negative."),
    ("1.5", "At most 1: the question is worth 1 points."),
    ("lots", "Give the marks as a number, such as 2 or 1.5."),
    ("nan", "Give the marks as a number, such as 2 or 1.5."),
    ("inf", "Give the marks as a number, such as 2 or 1.5."),
    ("", "Give the marks, from 0 to the question's points."),
])
@pytest.mark.parametrize("back", ["attempt", "queue"])
def test_bad_marks_are_refused_next_to_the_field_and_nothing_is_written(app, graded, teacher_client, marks,
                                                                         message, back):
    before = snapshot(app), _response(app, graded.response)
    reply = _grade(teacher_client, graded, marks, "A comment that must not be kept.", back=back)
    assert reply.status_code == 400
    html = reply.text.replace("&#39;", "'")
    errors = re.search(rf'<ul class="errors" id="marks-{graded.response}-errors">(.*?)</ul>', html, re.DOTALL)
    assert errors and message in errors[1]
    assert f'aria-describedby="marks-{graded.response}-errors"' in html
    assert "A comment that must not be kept." in html  # what was typed stays in the form
    assert (snapshot(app), _response(app, graded.response)) == before


def test_a_comment_is_rendered_sanitized(app, graded, teacher_client):
    _grade(teacher_client, graded, "1", "<script>alert(1)</script> [link](javascript:alert(1))")
    review = graded.browsers["Ana"].get(f"/attempts/{graded.attempt}/review").text
    assert "<script>alert(1)" not in review and 'href="javascript:' not in review
    assert "&lt;script&gt;" in review


def test_the_comment_shows_only_when_the_quiz_shows_feedback(app, graded, teacher_client):
    from tests.web.attempt_steps import configure

    _grade(teacher_client, graded, "1", "Well argued.")
    configure(app, review_explanations="never")
    assert "Well argued." not in graded.browsers["Ana"].get(f"/attempts/{graded.attempt}/review").text


def test_only_an_essay_of_a_submitted_attempt_of_this_class_can_be_graded(app, graded, teacher, teacher_client):
    before = snapshot(app)
    with app.app_context():
        single_choice = db.session.scalar(select(Response.id).where(
            Response.attempt_id == graded.attempt, Response.position == 1))
    join(app, graded, "Bo")
    in_progress = essay_response(app, begin(graded, "Bo"))
    other = make_class(app, teacher, name="8C", quiz="quick")
    for response_id, classroom_id in ((single_choice, graded.classroom_id), (in_progress, graded.classroom_id),
                                      (graded.response, other.classroom_id), (999999, graded.classroom_id)):
        reply = post_form(teacher_client, f"/teacher/classes/{classroom_id}/responses/{response_id}/grade",
                          {"marks": "1", "back": "attempt"}, page_url=graded.attempt_url)
        assert reply.status_code == 404, (response_id, classroom_id)
    assert snapshot(app)[0][0] == before[0][0] and _response(app, graded.response)[0] is None


def test_another_teacher_cannot_grade(app, graded):
    make_teacher(app, "other@school.org")
    other = app.test_client()
    assert sign_in(other, "other@school.org").status_code == 302
    token = csrf_token(other.get("/teacher/").text)
    reply = other.post(graded.grade_url, data={"marks": "1", "back": "attempt", "csrf_token": token})
    assert reply.status_code == 404
    assert _response(app, graded.response)[0] is None


def test_grading_without_the_csrf_token_is_refused(app, graded, teacher_client):
    reply = teacher_client.post(graded.grade_url, data={"marks": "1", "back": "attempt"})
    assert reply.status_code == 400
    assert _response(app, graded.response)[0] is None and attempt_row(app, graded.attempt)[1] is True


def test_the_queue_goes_by_pages_and_grading_returns_to_the_page(app, graded, teacher_client, monkeypatch):
    from lectern.services import grading

    monkeypatch.setattr(grading, "QUEUE_PAGE_SIZE", 1)
    join(app, graded, "Bo")
    bo = essay_response(app, take(graded, "Bo", WITH_ESSAY))
    second = teacher_client.get(f"{graded.queue}?page=2").text
    assert f'id="response-{bo}"' in second and "Page 2 of 2" in second
    assert f'/responses/{bo}/grade?page=2"' in second  # the form brings the teacher back here
    page = f"{graded.queue}?page=2"
    reply = post_form(teacher_client, f"/teacher/classes/{graded.classroom_id}/responses/{bo}/grade?page=2",
                      {"marks": "1", "back": "queue"}, page_url=page)
    assert reply.status_code == 302 and reply.headers["Location"] == page
    assert "This page is empty now" in teacher_client.get(page).text
    assert f'id="response-{graded.response}"' in teacher_client.get(graded.queue).text
