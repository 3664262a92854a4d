"""The teacher's pages in a real Chromium: axe-core finds no serious or critical violation on
the dashboard, bank, question editor and preview, class page, gradebook and item analysis."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Assignment, Classroom, Enrollment, Quiz, Student
from lectern.services.attempts import start_attempt, submit_attempt
from lectern.services.question_versions import definition_of
from lectern.services.teachers import create_teacher
from tests.browser.conftest import serving
from tests.browser.test_student_journey import check_axe
from tests.conftest import MINI_BANK

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def lesson(tmp_path_factory) -> Iterator[tuple[str, int, int]]:
    """A served app with a teacher, a class of six who took the mini bank's quiz: (url, class id, assignment id)."""
    with serving(tmp_path_factory.mktemp("teacher"), MINI_BANK) as (app, url, _bank):
        with app.app_context():
            teacher = create_teacher("teacher@school.org", PASSWORD)
            teacher.is_admin = True  # as `flask teachers create` makes it: it may edit the banks from files
            quiz = db.session.scalar(select(Quiz).where(Quiz.key == "full"))
            classroom = Classroom(teacher=teacher, name="Year 9", join_code="KQ7MZP")
            assignment = Assignment(classroom=classroom, quiz=quiz)
            db.session.add_all([classroom, assignment])
            rng = random.Random(7)
            for n, name in enumerate(["Maya", "Leo", "Aisha", "Tom", "Ines", "Sam"]):
                student = Student(token=f"token-{n}", display_name=name)
                db.session.add_all([student, Enrollment(classroom=classroom, student=student, display_name=name)])
                attempt = start_attempt(quiz, student, rng)
                attempt.assignment = assignment
                db.session.commit()
                answers = {}
                for response in attempt.responses:
                    definition = definition_of(response.question_version)
                    if definition.type == "single_choice":
                        answers[response.position] = rng.choice([o.id for o in definition.options])
                    elif definition.type == "true_false":
                        answers[response.position] = rng.random() < 0.5
                submit_attempt(attempt, answers)
            ids = classroom.id, assignment.id
        yield (url, *ids)


def test_teacher_pages_have_no_serious_accessibility_violations(browser, lesson):
    url, classroom_id, assignment_id = lesson
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        page.goto(url + "/teacher/sign-in")
        check_axe(page, "sign-in")
        page.get_by_label("Email").fill("teacher@school.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(url + "/teacher/")
        pages = {
            "dashboard": "/teacher/",
            "bank": "/teacher/banks/mini",
            "question editor": "/teacher/banks/mini/questions/meeting-city/edit",
            "new question": "/teacher/banks/mini/questions/new?type=matching",
            "preview": "/teacher/banks/mini/questions/meeting-city/preview",
            "class": f"/teacher/classes/{classroom_id}",
            "gradebook": f"/teacher/classes/{classroom_id}/assignments/{assignment_id}/gradebook",
            "item analysis": f"/teacher/classes/{classroom_id}/assignments/{assignment_id}/analysis",
            "essays to grade": f"/teacher/classes/{classroom_id}/grading",
        }
        for name, path in pages.items():
            reply = page.goto(url + path)
            assert reply.status == 200, f"{name}: {reply.status}"
            check_axe(page, name)
    finally:
        context.close()
