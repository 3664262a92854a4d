"""The item analysis page in a real Chromium, for a class of five over the 49-question bank:
short enough to read (it was about 19,000 px tall), no serious accessibility violation, and no
sideways scrolling on a phone."""

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
from tests.browser.conftest import DESKTOP, PHONE, REAL_BANK, serving, signed_in
from tests.browser.test_student_journey import check_axe

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"
STUDENTS = ["Maya", "Leo", "Aisha", "Tom", "Ines"]
MAX_HEIGHT = 6_000  # px at 1280 wide: a few screens, against about 19,000 before


def random_answer(definition, rng: random.Random):
    """A plausible answer for the choice questions; the others are left blank."""
    if definition.type == "single_choice":
        return rng.choice([o.id for o in definition.options])
    if definition.type == "multiple_response":
        return rng.sample([o.id for o in definition.options], 2)
    if definition.type == "true_false":
        return rng.random() < 0.6
    return None


@pytest.fixture(scope="module")
def small_class(tmp_path_factory) -> Iterator[tuple[str, str]]:
    """A served app where five students took the full 49-question quiz: (base URL, analysis path)."""
    with serving(tmp_path_factory.mktemp("analysis"), REAL_BANK) as (app, url, _bank):
        with app.app_context():
            teacher = create_teacher("teacher@school.org", PASSWORD)
            quiz = db.session.scalar(select(Quiz).where(Quiz.key == "full"))
            classroom = Classroom(teacher=teacher, name="Year 9", join_code="KQ7MZQ")
            assignment = Assignment(classroom=classroom, quiz=quiz)
            db.session.add_all([classroom, assignment])
            rng = random.Random(11)
            for n, name in enumerate(STUDENTS):
                student = Student(token=f"token-{n}", display_name=name)
                db.session.add_all([student, Enrollment(classroom=classroom, student=student, display_name=name)])
                attempt = start_attempt(quiz, student, rng, assignment)
                db.session.commit()
                submit_attempt(attempt, {r.position: random_answer(definition_of(r.question_version), rng)
                                         for r in attempt.responses})
            db.session.commit()
            path = f"/teacher/classes/{classroom.id}/assignments/{assignment.id}/analysis"
        yield url, path


def test_the_page_for_five_students_is_short_and_accessible(browser, small_class, artifacts):
    url, path = small_class
    context, page = signed_in(browser, url, DESKTOP, password=PASSWORD)
    try:
        assert page.goto(url + path).status == 200
        height = page.evaluate("document.body.scrollHeight")
        page.screenshot(path=str(artifacts / "item-analysis-desktop.png"), full_page=True)
        print(f"\nitem analysis, 5 students x 49 questions, 1280 px wide: {height} px tall (was about 19,000)")
        assert height < MAX_HEIGHT
        assert page.locator(".question-card").count() == 49
        # The summary comes first and speaks in students, not indices.
        summary = page.locator("#summary")
        assert "Based on 5 students' first attempts" in summary.inner_text()
        assert " of 5 students got it wrong" in summary.inner_text()
        assert "Too few answers to judge (5 of the 10 needed)" in page.locator("#question-1").inner_text()
        check_axe(page, "item analysis")
        # The folded figures open and pass too.
        page.locator("#question-1 details.advanced summary").click()
        assert page.locator("#question-1").get_by_text("Discrimination index").is_visible()
        check_axe(page, "item analysis with advanced statistics open")
    finally:
        context.close()


def test_the_page_fits_a_phone(browser, small_class, artifacts):
    url, path = small_class
    context, page = signed_in(browser, url, PHONE, password=PASSWORD, is_mobile=True, has_touch=True)
    try:
        assert page.goto(url + path).status == 200
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(artifacts / "item-analysis-phone.png"), full_page=False)
        assert width <= PHONE["width"], f"the page scrolls sideways: {width} px wide"
        check_axe(page, "item analysis on a phone")
    finally:
        context.close()
