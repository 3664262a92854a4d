"""The pages that set a quiz for one class, in a real Chromium: choosing the quiz, its class
settings (which start as a test's), the settings page with release and questions, and the
unassign confirmation. axe-core finds no serious or critical violation on any of them, and
the settings page fits a 390 px phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import signed_in
from tests.browser.test_student_journey import check_axe, shoot
from tests.browser.test_teacher_pages import lesson  # noqa: F401 (the served class)

pytestmark = pytest.mark.browser


def test_assigning_and_the_class_settings_pages(browser, lesson, artifacts):  # noqa: F811
    url, classroom_id, assignment_id = lesson
    context, page = signed_in(browser, url, {"width": 1280, "height": 900})
    try:
        page.goto(f"{url}/teacher/classes/{classroom_id}/assign")
        check_axe(page, "assign: choose a quiz")
        page.get_by_role("link", name="Quick check").click()
        check_axe(page, "assign: the class settings")
        assert page.get_by_label("Attempts allowed").input_value() == "1"
        page.get_by_role("button", name="Assign the quiz").click()  # no close date: refused, in place
        assert "give it a close date" in page.locator("#closes_at-errors").inner_text()
        check_axe(page, "assign: refused")
        page.get_by_label("Show whether answers are right, and the score").select_option("released")
        page.get_by_label("Show the right answers").select_option("released")
        page.get_by_label("Show explanations, evidence and feedback").select_option("released")
        page.get_by_role("button", name="Assign the quiz").click()
        page.wait_for_url(f"{url}/teacher/classes/{classroom_id}#assignments")
        for name, path in {"settings": "settings", "unassign": "remove"}.items():
            reply = page.goto(f"{url}/teacher/classes/{classroom_id}/assignments/{assignment_id}/{path}")
            assert reply.status == 200
            check_axe(page, name)
    finally:
        context.close()
    context, page = signed_in(browser, url, {"width": 390, "height": 844})
    try:
        page.goto(f"{url}/teacher/classes/{classroom_id}/assignments/{assignment_id}/settings")
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1] + 1, f"the settings page scrolls sideways: {widths}"
        shoot(page, artifacts, "assignment-settings-phone")
    finally:
        context.close()


def test_the_printed_quiz_and_its_key_print_without_the_sites_menus(browser, lesson, artifacts):  # noqa: F811
    url, _classroom_id, _assignment_id = lesson
    context, page = signed_in(browser, url, {"width": 1280, "height": 900})
    try:
        page.goto(f"{url}/teacher/")
        for answers in ("", "?answers=1"):
            page.goto(f"{url}/teacher/quizzes/1/print{answers}")
            check_axe(page, "print" + answers)
            page.emulate_media(media="print")
            assert not page.locator("header.site").is_visible() and not page.locator(".print-actions").is_visible()
            assert page.locator(".printed-quiz .question").first.is_visible()
            page.pdf(path=str(artifacts / f"printed-quiz{'-key' if answers else ''}.pdf"))
            page.emulate_media(media="screen")
    finally:
        context.close()
