"""Mark changes in a real Chromium: the teacher changes a mark with a reason and writes overall feedback
on the attempt page, sets feedback by score, previews a regrade; the student reads it all on a phone.
axe-core finds no serious or critical violation on any of these pages."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from lectern.core.questions import parse_question
from lectern.extensions import db
from lectern.models import Assignment, Classroom, Enrollment, Question, Quiz, Student
from lectern.services.attempts import start_attempt, submit_attempt
from lectern.services.question_editing import revise_question
from lectern.services.teachers import create_teacher
from lectern.student.identity import SESSION_KEY
from tests.browser.conftest import DESKTOP, PHONE, serving, signed_in
from tests.browser.test_student_journey import check_axe, shoot
from tests.conftest import MINI_BANK

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def marked(tmp_path_factory) -> Iterator[dict]:
    """A class where Maya chose Kyiv and wrote "5"; then the short answer's key was fixed to accept "5"."""
    with serving(tmp_path_factory.mktemp("overrides"), MINI_BANK) as (app, url, _bank):
        with app.app_context():
            teacher = create_teacher("teacher@school.org", PASSWORD, is_admin=True)
            quiz = db.session.scalar(select(Quiz).where(Quiz.key == "full"))
            classroom = Classroom(teacher=teacher, name="Year 9", join_code="KQ7MZQ")
            assignment = Assignment(classroom=classroom, quiz=quiz, review_correctness="immediately",
                                    review_right_answers="immediately", review_explanations="immediately")
            student = Student(token="maya-token", display_name="Maya")
            db.session.add_all([classroom, assignment, student,
                                Enrollment(classroom=classroom, student=student, display_name="Maya")])
            attempt = start_attempt(quiz, student, assignment=assignment)
            db.session.commit()
            submit_attempt(attempt, {1: "a", 2: ["a", "b"], 3: False, 4: "5"})
            question = db.session.scalar(select(Question).where(Question.key == "treaty-article"))
            data = copy.deepcopy(question.versions[-1].definition)
            data["answers"][1]["credit"] = 100
            revise_question(question, parse_question(data), teacher)
            db.session.commit()
            cookie = app.session_interface.get_signing_serializer(app).dumps({SESSION_KEY: "maya-token"})
            sample = {"url": url, "classroom": classroom.id, "assignment": assignment.id, "attempt": attempt.id,
                      "quiz": quiz.id, "cookie": cookie}
        yield sample


def test_the_teacher_changes_a_mark_and_the_student_reads_it_on_a_phone(browser, marked, artifacts):
    url = marked["url"]
    teacher, page = signed_in(browser, url, DESKTOP, password=PASSWORD)
    try:
        attempt_page = f"{url}/teacher/classes/{marked['classroom']}/attempts/{marked['attempt']}"
        page.goto(attempt_page)
        check_axe(page, "teacher's attempt")
        form = page.get_by_role("form", name="Change the mark of question 1")
        page.locator("#question-1 summary").click()
        form.get_by_label("Points (out of 1)").fill("1")
        form.get_by_role("button", name="Save").click()  # no reason: refused beside the field
        page.get_by_text("Say why you are changing the mark.").wait_for()
        check_axe(page, "teacher's attempt with an error")
        form = page.get_by_role("form", name="Change the mark of question 1")
        form.get_by_label("Why you are changing the mark").fill("Kyiv hosted the follow-up talks.")
        form.get_by_label("Comment for the student").fill("Fair point: *paragraph 2*.")
        form.get_by_role("button", name="Save").click()
        page.get_by_text("Question 1: 0 → 1 point").wait_for()
        page.get_by_label("Overall feedback for the student").fill("**Well argued** throughout.")
        page.get_by_role("button", name="Save feedback").click()
        page.get_by_text("Overall feedback changed").wait_for()

        page.goto(f"{url}/teacher/quizzes/{marked['quiz']}/feedback")
        check_axe(page, "feedback by score")
        page.goto(f"{url}/teacher/classes/{marked['classroom']}/assignments/{marked['assignment']}/regrade")
        assert page.get_by_role("rowheader", name="Maya").count() == 1
        check_axe(page, "regrade")
    finally:
        teacher.close()

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.set_default_timeout(20_000)
    phone.add_cookies([{"name": "session", "value": marked["cookie"], "url": url}])
    page = phone.new_page()
    try:
        page.goto(f"{url}/attempts/{marked['attempt']}/review")
        page.get_by_text("Well argued").wait_for()
        assert page.locator("#question-1 .teacher-comment").inner_text().strip() == "Fair point: paragraph 2."
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        check_axe(page, "review with the teacher's feedback")
        shoot(page, artifacts, "review-with-teacher-feedback-phone")
    finally:
        phone.close()
