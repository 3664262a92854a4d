"""The class pages in a real Chromium: axe-core finds no serious or critical violation on the class
page, the roster, a student's page, the confirm pages, the monitor and the dashboard; the class page
and the monitor fit a phone; and the monitor brings in a student's progress by itself."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask
from playwright.sync_api import expect
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Assignment, Attempt, Classroom, Enrollment, Quiz, Student
from lectern.services.attempts import save_answers, start_attempt, submit_attempt
from lectern.services.question_versions import definition_of
from lectern.services.teachers import create_teacher
from tests.browser.conftest import DESKTOP, PHONE, serving, signed_in
from tests.browser.test_student_journey import check_axe
from tests.conftest import MINI_BANK

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"


@dataclass(frozen=True)
class Lesson:
    app: Flask
    url: str
    classroom_id: int
    assignment_id: int
    enrollment_id: int
    working_attempt_id: int


@pytest.fixture(scope="module")
def lesson(tmp_path_factory) -> Iterator[Lesson]:
    """A class of six: four submitted the full quiz, Zed is half-way through, Ola has not started."""
    with serving(tmp_path_factory.mktemp("classes"), MINI_BANK) as (app, url, _bank):
        yield Lesson(app, url, *_seat_the_class(app))


def _seat_the_class(app: Flask) -> tuple[int, int, int, int]:
    """The class, its students and their attempts: (class id, assignment id, Leo's enrollment, Zed's attempt)."""
    with app.app_context():
        teacher = create_teacher("teacher@school.org", PASSWORD)
        quiz = db.session.scalar(select(Quiz).where(Quiz.key == "full"))
        classroom = Classroom(teacher=teacher, name="Year 9 English, set 2", join_code="KQ7MZP")
        assignment = Assignment(classroom=classroom, quiz=quiz, time_limit_minutes=30)
        db.session.add_all([classroom, assignment])
        rng = random.Random(3)
        students = {}
        for n, name in enumerate(["Maya", "Leo", "Aisha", "Tom", "Zed", "Ola"]):
            students[name] = Student(token=f"token-{n}", display_name=name)
            db.session.add_all([students[name],
                                Enrollment(classroom=classroom, student=students[name], display_name=name)])
        db.session.commit()
        for name in ["Maya", "Leo", "Aisha", "Tom"]:
            attempt = start_attempt(quiz, students[name], rng)
            attempt.assignment = assignment
            db.session.commit()
            answers = {r.position: rng.choice([o.id for o in definition_of(r.question_version).options])
                       for r in attempt.responses if definition_of(r.question_version).type == "single_choice"}
            submit_attempt(attempt, answers)
        working = start_attempt(quiz, students["Zed"], rng)
        working.assignment = assignment
        db.session.commit()
        save_answers(working, {1: "a"})
        leo = db.session.scalar(select(Enrollment.id).where(Enrollment.display_name == "Leo"))
        return classroom.id, assignment.id, leo, working.id


def _fits_the_phone(page, name: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the {name} page scrolls sideways: {width}px wide"


def test_class_pages_have_no_serious_accessibility_violations(browser, lesson):
    context, page = signed_in(browser, lesson.url, DESKTOP, password=PASSWORD)
    c, a, e = lesson.classroom_id, lesson.assignment_id, lesson.enrollment_id
    pages = {
        "dashboard": "/teacher/",
        "class": f"/teacher/classes/{c}",
        "roster": f"/teacher/classes/{c}/roster",
        "student": f"/teacher/classes/{c}/students/{e}",
        "remove confirmation": f"/teacher/classes/{c}/students/{e}/remove",
        "new code confirmation": f"/teacher/classes/{c}/code",
        "monitor": f"/teacher/classes/{c}/assignments/{a}/monitor",
        "gradebook": f"/teacher/classes/{c}/assignments/{a}/gradebook",
    }
    try:
        for name, path in pages.items():
            reply = page.goto(lesson.url + path)
            assert reply.status == 200, f"{name}: {reply.status}"
            check_axe(page, name)
    finally:
        context.close()


def test_the_class_page_puts_results_first_and_fits_a_phone(browser, lesson, artifacts):
    context, page = signed_in(browser, lesson.url, PHONE, password=PASSWORD)
    try:
        page.goto(f"{lesson.url}/teacher/classes/{lesson.classroom_id}")
        card = page.locator(f"#assignment-{lesson.assignment_id}")
        expect(card).to_contain_text("4 of 6 submitted")
        expect(card).to_contain_text("1 in progress")
        gradebook = card.get_by_role("link", name="Gradebook of Full comprehension check")
        page.screenshot(path=str(artifacts / "class-page-phone.png"), full_page=True)
        assert gradebook.bounding_box()["y"] < 900, "the gradebook link is far down the page"
        _fits_the_phone(page, "class")
        page.screenshot(path=str(artifacts / "class-page-phone.png"), full_page=True)
        # Removing a student goes through a confirm page; Cancel leads back without a change.
        page.goto(f"{lesson.url}/teacher/classes/{lesson.classroom_id}/roster")
        page.get_by_role("link", name="Edit Leo").click()
        page.get_by_role("link", name="Remove from class…").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Remove Leo from Year 9 English, set 2?")
        page.get_by_role("link", name="Cancel").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Leo")
    finally:
        context.close()


def test_the_monitor_fits_a_phone_and_updates_itself(browser, lesson, artifacts):
    context, page = signed_in(browser, lesson.url, PHONE, password=PASSWORD)
    try:
        page.clock.install()
        page.goto(f"{lesson.url}/teacher/classes/{lesson.classroom_id}/assignments/{lesson.assignment_id}/monitor")
        zed = page.get_by_role("row", name="Zed")
        expect(zed).to_contain_text("In progress")
        expect(zed).to_contain_text("1 of 8")
        expect(page.locator("#monitor-auto")).to_be_visible()  # the script runs
        _fits_the_phone(page, "monitor")
        page.screenshot(path=str(artifacts / "monitor-phone.png"), full_page=True)
        with lesson.app.app_context():  # Zed saves two more answers
            save_answers(db.session.get(Attempt, lesson.working_attempt_id), {2: ["a"], 3: True})
        page.clock.run_for(16_000)
        expect(page.get_by_role("row", name="Zed")).to_contain_text("3 of 8")
    finally:
        context.close()
