"""The question editor and the review's evidence page in a real Chromium: every problem shown at once
beside its field, a radio group for the right answer, lists in the review, and the way back from
the evidence, all passing axe-core; the student's pages fit a phone."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from lectern.extensions import db
from lectern.services.teachers import create_teacher
from tests.browser.conftest import DESKTOP, serving, signed_in
from tests.browser.test_student_journey import check_axe, shoot
from tests.conftest import MINI_BANK

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    """The mini bank served with one teacher account; the base URL."""
    with serving(tmp_path_factory.mktemp("editor"), MINI_BANK) as (app, url, _bank):
        with app.app_context():
            create_teacher("teacher@school.org", PASSWORD, is_admin=True)  # may edit banks loaded from files
            db.session.commit()
        yield url


def test_the_editor_shows_every_problem_beside_its_field_and_marks_one_right_answer(browser, site, artifacts):
    context, page = signed_in(browser, site, DESKTOP, password=PASSWORD)
    try:
        page.goto(site + "/teacher/banks/mini/questions/new?type=single_choice")
        assert page.locator("input[type=radio][name=right_option]").count() == 4
        page.get_by_text("Advanced").click()
        page.get_by_label("Id").fill("Not An Id")
        page.locator("[name=options-0-text]").fill("Kyiv")
        page.locator("[name=options-1-text]").fill("Kyiv")
        page.get_by_role("button", name="Save question").click()
        page.wait_for_load_state()
        for field_id, message in [
            ("prompt", "Write the question the students answer."),
            ("explanation", "Say why the right answer is right"),
            ("id", "lower-case letters, digits and single hyphens"),
            ("options-1-text", "Another option says the same"),
            ("options", "Mark exactly one answer as right"),
            ("evidence", "Quote at least one passage"),
        ]:
            assert message in page.locator(f"#{field_id}-errors").inner_text(), field_id
        assert page.locator("details.advanced").get_attribute("open") is not None
        check_axe(page, "question editor with errors")
        shoot(page, artifacts, "question-editor-errors")

        # One right answer, picked by its radio; the others cannot stay marked.
        page.get_by_label("Right answer (Option 1)").check()
        page.get_by_label("Right answer (Option 2)").check()
        assert page.locator("input[name=right_option]:checked").count() == 1
        page.locator("[name=options-1-text]").fill("Berlin")
        page.get_by_label("Id").fill("")
        page.get_by_label("Prompt").fill("Where did the leaders meet?")
        page.get_by_label("Explanation").fill("Paragraph 1 says so.")
        page.locator("[name=evidence-0-quote]").fill("In a pivotal meeting held in Berlin")
        page.get_by_role("button", name="Save question").click()
        page.wait_for_url(re.compile(r"/questions/where-did-the-leaders-meet$"))

        page.goto(site + "/teacher/banks/mini/questions/where-did-the-leaders-meet/edit")
        assert page.get_by_label("Right answer (Option 2)").is_checked()
        check_axe(page, "question editor")
    finally:
        context.close()


def test_the_review_lists_answers_and_the_evidence_leads_back_on_a_phone(phone_page, site, artifacts):
    page = phone_page
    page.goto(site + "/quizzes/mini/full")
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name=re.compile("Start")).click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    who_met = page.locator("fieldset.question").nth(1)
    for box in who_met.locator("input[type=checkbox]").all()[:2]:
        box.check()
    page.get_by_role("button", name="Finish attempt…").click()
    page.wait_for_url(re.compile(r"/attempts/\d+/summary$"))
    page.get_by_role("button", name="Submit and finish").click()
    page.wait_for_url(re.compile(r"/attempts/\d+/review$"))
    review_url = page.url

    listed = page.locator("#question-2 ul.answer-parts").first.locator("li")
    assert listed.count() == 2
    page.locator("#question-2 blockquote.evidence a").first.click()
    page.wait_for_url(re.compile(r"/articles/mini\?"))
    back = page.locator("li.highlighted").get_by_role("link", name="Back to my results")  # where reading ends
    assert back.count() == 1 and page.locator("mark").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_axe(page, "evidence from a review")
    shoot(page, artifacts, "evidence-back-to-results-phone", full_page=False)
    back.click()
    page.wait_for_url(re.compile(r"/review#question-2$"))
    assert page.url.split("#")[0] == review_url


def test_the_checks_beside_the_editor_follow_the_teacher_typing(browser, site, artifacts):
    context, page = signed_in(browser, site, DESKTOP, password=PASSWORD)
    try:
        page.goto(site + "/teacher/banks/mini/questions/new?type=short_answer")
        checks = page.locator("#item-checks")
        assert "The checks run once the question is complete" in checks.inner_text()
        page.get_by_label("Prompt").fill("Which city hosted the talks?")
        page.get_by_label("Explanation").fill("Paragraph 1 names it.")
        page.locator("[name=evidence-0-quote]").fill("high-level representatives")
        page.locator("[name=answers-0-text]").fill("Berlin")  # the answer of the bank's meeting-city question
        # No button pressed: the panel updates once typing pauses.
        checks.get_by_text("answer-leak").first.wait_for()
        assert "shown in option 'b' of question 'meeting-city'" in checks.inner_text()
        assert page.locator("#item-checks-status").inner_text() == "1 item-writing warning open."
        check_axe(page, "question editor with a warning")
        shoot(page, artifacts, "question-editor-item-checks")

        page.locator("[name=answers-0-text]").fill("The German capital")
        checks.get_by_text("No warnings").wait_for()
        assert "answer-leak" not in checks.inner_text()
    finally:
        context.close()
