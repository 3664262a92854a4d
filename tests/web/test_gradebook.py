"""The gradebook of an assignment and the teacher's view of one attempt."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Assignment, Attempt, Enrollment, utcnow
from lectern.services import gradebook as gradebook_service
from tests.web.attempt_steps import configure
from tests.web.helpers import RIGHT, start, submit
from tests.web.results_steps import WITH_ESSAY, begin, join, make_class, take
from tests.web.teachers import make_teacher, sign_in


@pytest.fixture
def setup(app, mini_bank, teacher):
    """Four students of 7B: Ana submitted twice (5/8, then 0/8), Bo is in the middle of an attempt,
    Cy has not started, Di submitted with an essay that waits for grading (5/8 so far)."""
    setup = make_class(app, teacher)
    for name in ("Ana", "Bo", "Cy", "Di"):
        join(app, setup, name)
    take(setup, "Ana", RIGHT)
    take(setup, "Ana", {})
    begin(setup, "Bo")
    take(setup, "Di", WITH_ESSAY)
    return setup


def _book(app, setup):
    with app.app_context():
        book = gradebook_service.build_gradebook(db.session.get(Assignment, setup.assignment_id))
        return {row.name: row for row in book.rows}, book.essays_waiting


def test_every_student_on_the_roster_has_a_row_with_attempts_grade_and_status(app, setup):
    rows, waiting = _book(app, setup)
    assert list(rows) == ["Ana", "Bo", "Cy", "Di"]
    assert [len(rows[n].attempts) for n in rows] == [2, 1, 0, 1]
    assert [rows[n].status for n in rows] == ["submitted", "in_progress", "not_started", "needs_grading"]
    assert rows["Ana"].grade == 62.5 and rows["Bo"].grade is None and rows["Cy"].grade is None
    assert rows["Di"].grade == 62.5 and rows["Di"].provisional and not rows["Ana"].provisional
    assert waiting == 1
    assert rows["Ana"].seconds is not None and rows["Ana"].seconds >= 0


@pytest.mark.parametrize(("method", "grade"), [("highest", 62.5), ("last", 0.0), ("average", 31.25), ("first", 62.5)])
def test_the_grade_follows_the_quiz_grading_method(app, setup, method, grade):
    configure(app, grading_method=method)
    rows, _ = _book(app, setup)
    assert rows["Ana"].grade == grade


def test_the_page_shows_the_grades_statuses_and_links_to_every_attempt(app, setup, teacher_client):
    page = teacher_client.get(setup.gradebook_url())
    assert page.status_code == 200
    html = page.text
    assert "Gradebook: Full comprehension check" in html and "highest grade" in html
    ana = re.search(r'<tr class="row-submitted">\s*<th scope="row">Ana</th>(.*?)</tr>', html, re.DOTALL)[1]
    assert ">Submitted<" in ana and "<td>2</td>" in ana and "63%" in ana  # 62.5 shown whole, half up
    assert len(re.findall(rf'href="/teacher/classes/{setup.classroom_id}/attempts/\d+"', ana)) == 2
    di = re.search(r'<th scope="row">Di</th>(.*?)</tr>', html, re.DOTALL)[1]
    assert "Needs grading" in di and '<span class="provisional">provisional</span>' in di
    assert "essay to grade" in di
    cy = re.search(r'<th scope="row">Cy</th>(.*?)</tr>', html, re.DOTALL)[1]
    assert "Not started" in cy and "<td>0</td>" in cy
    assert "1 written answer to grade" in html
    assert f'/teacher/classes/{setup.classroom_id}/grading"' in html
    for suffix in ("gradebook.csv", "responses.csv"):
        assert setup.gradebook_url(suffix) in html


def test_an_attempt_whose_time_ran_out_counts_as_submitted(app, setup, teacher_client):
    with app.app_context():
        attempt = db.session.scalar(select(Attempt).where(Attempt.submitted_at.is_(None)))
        attempt.deadline = utcnow() - timedelta(hours=1)
        db.session.commit()
    html = teacher_client.get(setup.gradebook_url()).text
    bo = re.search(r'<th scope="row">Bo</th>(.*?)</tr>', html, re.DOTALL)[1]
    assert "Submitted" in bo and "time ran out" in bo and "0%" in bo


def test_a_student_who_left_the_class_keeps_a_row_marked_so(app, setup, teacher_client):
    with app.app_context():
        db.session.delete(db.session.scalar(select(Enrollment).where(Enrollment.display_name == "Ana")))
        db.session.commit()
    rows, _ = _book(app, setup)
    assert list(rows) == ["Bo", "Cy", "Di", "Ana"] and not rows["Ana"].on_roster
    assert "(left the class)" in teacher_client.get(setup.gradebook_url()).text


def test_the_class_page_links_to_the_gradebook(setup, teacher_client):
    html = teacher_client.get(f"/teacher/classes/{setup.classroom_id}").text
    assert f'href="{setup.gradebook_url()}"' in html


def test_an_empty_class_has_an_empty_gradebook(app, mini_bank, teacher, teacher_client):
    empty = make_class(app, teacher, name="8C")
    page = teacher_client.get(empty.gradebook_url())
    assert page.status_code == 200 and "No students yet" in page.text


def test_grades_round_half_up_as_teachers_do(app, mini_bank, teacher, teacher_client):
    """1 of 8 points (12.5%) shows as 13%, not half-to-even's 12%; 3 of 8 (37.5%) as 38%."""
    setup = make_class(app, teacher)
    for name, answers in (("Ana", {"q1": "b"}), ("Bo", {"q1": "b", "q3": "false", "q4": "Article 5"})):
        join(app, setup, name)
        take(setup, name, answers)
    rows, _ = _book(app, setup)
    assert (rows["Ana"].grade, rows["Bo"].grade) == (12.5, 37.5)
    html = teacher_client.get(setup.gradebook_url()).text
    ana = re.search(r'<th scope="row">Ana</th>(.*?)</tr>', html, re.DOTALL)[1]
    bo = re.search(r'<th scope="row">Bo</th>(.*?)</tr>', html, re.DOTALL)[1]
    assert "<td>13%</td>" in ana and ">13%<span" in ana and "12%" not in ana  # the grade and the attempt's link
    assert "<td>38%</td>" in bo
    attempt = teacher_client.get(f"/teacher/classes/{setup.classroom_id}/attempts/{_attempt_ids(app, setup, 'Ana')[0]}")
    assert "(13%)" in attempt.text


def _attempt_ids(app, setup, name):
    with app.app_context():
        return list(db.session.scalars(select(Attempt.id).where(Attempt.display_name == name).order_by(Attempt.id)))


def test_the_teacher_sees_the_attempt_as_the_student_does_and_everything_besides(app, setup, teacher_client):
    configure(app, review_right_answers="never", review_explanations="never")
    ana = _attempt_ids(app, setup, "Ana")[0]
    html = teacher_client.get(f"/teacher/classes/{setup.classroom_id}/attempts/{ana}").text.replace("&#39;", "'")
    assert "Ana: Full comprehension check" in html and "5 / 8 points" in html
    assert re.search(r"Right answers: <strong>hidden</strong>", html)
    assert re.search(r"Score and which answers are right: <strong>shown</strong>", html)
    student_copy, teacher_view = html.split("Every answer, with the right answers and explanations")
    assert 'id="student-question-1"' in student_copy and "<dt>Right answer</dt>" not in student_copy
    assert "The first sentence names the city." not in student_copy
    assert 'id="question-1"' in teacher_view and "<dt>Right answer</dt>" in teacher_view
    assert "The first sentence names the city." in teacher_view  # the explanation
    assert "A model answer" in teacher_view and 'name="marks"' in teacher_view  # the essay's grading form
    assert len(re.findall(r'id="(?:student-)?question-1"', html)) == 2  # ids stay unique


def test_an_attempt_in_progress_shows_no_review(app, setup, teacher_client):
    bo = _attempt_ids(app, setup, "Bo")[0]
    html = teacher_client.get(f"/teacher/classes/{setup.classroom_id}/attempts/{bo}").text
    assert "In progress" in html and "review appear here once the student submits" in html
    assert 'name="marks"' not in html


def test_an_attempt_not_made_for_this_class_is_not_found(app, setup, teacher, teacher_client):
    other = make_class(app, teacher, name="8C", quiz="quick")
    outside = app.test_client()  # a quiz taken outside any class
    submit(outside, start(outside, name="Zed"), RIGHT)
    zed = _attempt_ids(app, setup, "Zed")[0]
    ana = _attempt_ids(app, setup, "Ana")[0]
    assert teacher_client.get(f"/teacher/classes/{setup.classroom_id}/attempts/{zed}").status_code == 404
    assert teacher_client.get(f"/teacher/classes/{other.classroom_id}/attempts/{ana}").status_code == 404
    assert teacher_client.get(f"/teacher/classes/{setup.classroom_id}/attempts/999999").status_code == 404
    assert teacher_client.get(
        f"/teacher/classes/{other.classroom_id}/assignments/{setup.assignment_id}/gradebook").status_code == 404


def test_another_teacher_gets_404_on_the_gradebook_attempts_and_downloads(app, setup):
    make_teacher(app, "other@school.org")
    other = app.test_client()
    assert sign_in(other, "other@school.org").status_code == 302
    ana = _attempt_ids(app, setup, "Ana")[0]
    for url in (setup.gradebook_url(), setup.gradebook_url("gradebook.csv"), setup.gradebook_url("responses.csv"),
                f"/teacher/classes/{setup.classroom_id}/attempts/{ana}",
                f"/teacher/classes/{setup.classroom_id}/grading"):
        assert other.get(url).status_code == 404, url
