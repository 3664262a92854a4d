"""The submit summary and flags in a real Chromium, on a phone: flag a question, jump to another with
the question navigation, finish, read the summary, go back, submit. Also without JavaScript.
axe-core checks both pages; screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Attempt, Quiz
from tests.browser.conftest import PHONE, serving
from tests.browser.test_student_journey import check_axe
from tests.conftest import MINI_BANK

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple]:
    """The small test bank's full quiz, three questions a page and timed, served; yields (app, base url)."""
    with serving(tmp_path_factory.mktemp("summary"), MINI_BANK) as (app, url, _bank):
        with app.app_context():
            quiz = db.session.scalar(select(Quiz).where(Quiz.key == "full"))
            quiz.questions_per_page, quiz.time_limit_minutes = 3, 30
            db.session.commit()
        yield app, url


def _start(page, base: str, name: str) -> int:
    page.goto(base + "/quizzes/mini/full")
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def _fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _flagged(app, attempt_id: int) -> list[int]:
    with app.app_context():
        return [r.position for r in db.session.get(Attempt, attempt_id).responses if r.flagged]


def test_flag_jump_finish_and_submit_on_a_phone(browser, served, artifacts):
    app, base = served
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        attempt_id = _start(page, base, "Ada Phone")
        page.locator("#question-1 input[value=b]").check()
        page.locator("#question-2").get_by_label("Flag to come back to").check()
        assert "Answered 0 of 8" in page.locator(".answered-count").inner_text()

        # Question 7 is on page 3: its number saves this page and lands on it.
        page.get_by_role("button", name=re.compile(r"^Question 7\b")).click()
        page.wait_for_url(re.compile(r"\?page=3#question-7$"))
        assert _flagged(app, attempt_id) == [2]
        assert "Answered 1 of 8" in page.locator(".answered-count").inner_text()
        nav = page.get_by_role("navigation", name="Go to a question")
        assert nav.get_by_role("button", name="Question 1, answered").count() == 1
        assert nav.get_by_role("button", name="Question 2, not answered, flagged").count() == 1
        check_axe(page, "attempt (page 3)")
        _fits_the_phone(page)
        page.screenshot(path=str(artifacts / "attempt-navigation-phone.png"), full_page=True)

        page.get_by_role("button", name="Finish attempt…").click()
        page.wait_for_url(re.compile(r"/attempts/\d+/summary$"))
        assert page.get_by_role("heading", name="You answered 1 of 8 questions.").count() == 1
        assert page.locator(".timer").is_visible()
        check_axe(page, "summary")
        _fits_the_phone(page)
        page.screenshot(path=str(artifacts / "submit-summary-phone.png"), full_page=True)

        # The flagged question's link opens its page at the question; the flag is still ticked.
        flagged = page.locator("h3:has-text('Flagged') + ul")
        flagged.get_by_role("link", name="Question 2").click()
        page.wait_for_url(re.compile(r"\?page=1#question-2$"))
        assert page.locator("#question-2").get_by_label("Flag to come back to").is_checked()
        with app.app_context():
            assert db.session.get(Attempt, attempt_id).submitted_at is None

        page.get_by_role("button", name="Finish attempt…").click()
        page.get_by_role("button", name="Submit and finish").click()
        page.wait_for_url(re.compile(r"/attempts/\d+/review$"))
        with app.app_context():
            attempt = db.session.get(Attempt, attempt_id)
            assert attempt.submitted_by == "student" and attempt.points == 1
    finally:
        context.close()


def test_flags_and_the_summary_work_without_javascript(browser, served):
    app, base = served
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        attempt_id = _start(page, base, "Bo Plain")
        page.locator("#question-3").get_by_label("Flag to come back to").check()
        page.locator("#question-3 input[value=false]").check()
        page.get_by_role("button", name="Finish attempt…").click()
        page.wait_for_url(re.compile(r"/summary$"))
        assert _flagged(app, attempt_id) == [3]
        assert "You answered 1 of 8 questions." in page.locator("h2").first.inner_text()
        page.get_by_role("link", name="Return to the attempt").click()
        page.wait_for_url(re.compile(r"/attempts/\d+$"))
        page.locator("#question-3").get_by_label("Flag to come back to").uncheck()
        page.get_by_role("button", name="Finish attempt…").click()
        assert page.locator("text=Flagged to come back to").count() == 0
        page.get_by_role("button", name="Submit and finish").click()
        page.wait_for_url(re.compile(r"/review$"))
        assert _flagged(app, attempt_id) == []
    finally:
        context.close()
