"""A quiz's feedback by score band: its editors set the bands; everyone else is refused."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Quiz
from tests.web.teachers import make_teacher, post_form, sign_in


@pytest.fixture
def quiz_id(app, mini_bank):
    with app.app_context():
        return db.session.scalar(select(Quiz.id).where(Quiz.key == "full"))


def _bands(app, quiz_id):
    with app.app_context():
        return db.session.get(Quiz, quiz_id).feedback_bands


def _rows(*rows):
    data = {}
    for index, (start, text) in enumerate(rows):
        data[f"rows-{index}-start"], data[f"rows-{index}-text"] = start, text
    return data


def test_the_settings_page_links_to_the_bands(teacher_client, quiz_id):
    assert f"/teacher/quizzes/{quiz_id}/feedback" in teacher_client.get(f"/teacher/quizzes/{quiz_id}").text


def test_bands_are_saved_highest_first_and_shown_again(app, teacher_client, quiz_id):
    url = f"/teacher/quizzes/{quiz_id}/feedback"
    reply = post_form(teacher_client, url, _rows(("0", "Read the article again"), ("", ""),
                                                 ("80%", "Well done"), ("50", "Good effort")))
    assert reply.status_code == 302
    assert _bands(app, quiz_id) == [{"from": 80, "text": "Well done"}, {"from": 50, "text": "Good effort"},
                                    {"from": 0, "text": "Read the article again"}]
    page = teacher_client.get(url).text
    assert re.search(r'name="rows-0-start"[^>]*value="80"', page) and "Well done" in page
    assert page.count('name="rows-') == 2 * (3 + 3)  # three saved, three blank rows
    reply = post_form(teacher_client, url, _rows(("", ""), ("", "")))
    assert reply.status_code == 302 and _bands(app, quiz_id) is None


@pytest.mark.parametrize(("rows", "field", "message"), [
    ((("120", "Too high"),), "rows-0-start", "Give a score from 0 to 100."),
    ((("lots", "Words"),), "rows-0-start", "Give a score from 0 to 100."),
    ((("", "No score"),), "rows-0-start", "Give the lowest score for this feedback, from 0 to 100."),
    ((("50", ""),), "rows-0-text", "Write the feedback for this score, or clear the score."),
    ((("50", "A"), ("50", "B")), "rows-1-start", "Another row already starts at 50%; give each row its own score."),
])
def test_bad_rows_are_refused_beside_the_field(app, teacher_client, quiz_id, rows, field, message):
    reply = post_form(teacher_client, f"/teacher/quizzes/{quiz_id}/feedback", _rows(*rows))
    assert reply.status_code == 400
    errors = re.search(rf'<ul class="errors" id="{field}-errors">(.*?)</ul>', reply.text, re.DOTALL)
    assert errors and message in errors[1]
    assert _bands(app, quiz_id) is None


def test_a_teacher_who_cannot_edit_the_bank_is_refused(app, quiz_id):
    make_teacher(app, "other@school.org")
    other = app.test_client()
    assert sign_in(other, "other@school.org").status_code == 302
    url = f"/teacher/quizzes/{quiz_id}/feedback"
    assert other.get(url).status_code == 403
    reply = post_form(other, url, _rows(("0", "Mine")), page_url="/teacher/")
    assert reply.status_code == 403 and _bands(app, quiz_id) is None
