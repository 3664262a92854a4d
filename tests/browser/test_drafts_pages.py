"""Drafts, publishing, co-owners and duplicating in a real Chromium, each page checked with axe-core."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from lectern.core.questions import parse_question
from lectern.extensions import db
from lectern.models import Bank
from lectern.services.question_editing import create_question
from lectern.services.teachers import create_teacher
from tests.browser.conftest import serving, signed_in
from tests.browser.test_student_journey import check_axe
from tests.conftest import MINI_BANK

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"
# An imported-style draft: no explanation, no evidence, so publishing it is refused.
UNFINISHED = {"id": "where-talks", "type": "true_false", "prompt": "The talks were held in Kyiv.", "answer": False}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    """The mini bank owned by owner@school.org, with one unfinished draft; other@school.org has an account."""
    with serving(tmp_path_factory.mktemp("drafts"), MINI_BANK) as (app, url, _bank):
        with app.app_context():
            owner = create_teacher("owner@school.org", PASSWORD)
            create_teacher("other@school.org", PASSWORD)
            db.session.flush()
            bank = db.session.scalar(select(Bank).where(Bank.slug == "mini"))
            bank.created_by_id = owner.id
            create_question(bank, parse_question(UNFINISHED, imported=True), owner)
            db.session.commit()
        yield url


def test_the_owner_publishes_and_shares_the_bank(browser, site):
    context, page = signed_in(browser, site, {"width": 1280, "height": 900}, "owner@school.org", PASSWORD)
    try:
        page.goto(site + "/teacher/banks/mini")
        assert page.get_by_role("heading", name="Drafts (1)").is_visible()
        check_axe(page, "bank with drafts")
        page.get_by_role("button", name="Publish all drafts").click()
        assert page.get_by_text("Add at least one piece of evidence").is_visible()
        check_axe(page, "drafts to finish")

        page.goto(site + "/teacher/banks/mini/owners")
        check_axe(page, "owners")
        page.get_by_label("Teacher's email").fill("nobody@school.org")
        page.get_by_role("button", name="Add co-owner").click()
        assert page.get_by_text("No teacher has an account with the email nobody@school.org").is_visible()
        check_axe(page, "owners with an error")
        page.get_by_label("Teacher's email").fill("other@school.org")
        page.get_by_role("button", name="Add co-owner").click()
        assert page.get_by_text("other@school.org can now edit this bank").is_visible()
        page.get_by_role("link", name="Remove other@school.org").click()
        check_axe(page, "remove co-owner")
        page.get_by_role("button", name="Remove other@school.org").click()
        assert page.get_by_text("other@school.org can no longer edit this bank").is_visible()
    finally:
        context.close()


def test_another_teacher_is_refused_then_duplicates_the_bank(browser, site):
    context, page = signed_in(browser, site, {"width": 1280, "height": 900}, "other@school.org", PASSWORD)
    try:
        reply = page.goto(site + "/teacher/banks/mini/questions/meeting-city/edit")
        assert reply.status == 403
        assert page.get_by_text("Only the bank's owner and co-owners can change it").is_visible()
        check_axe(page, "not your bank")
        page.get_by_role("link", name="Duplicate this bank").click()
        check_axe(page, "duplicate bank")
        assert page.get_by_label("Address of the copy").input_value() == "mini-copy"
        page.get_by_role("button", name="Duplicate the bank").click()
        page.wait_for_url(site + "/teacher/banks/mini-copy")
        assert page.get_by_role("link", name="New question").is_visible()
        check_axe(page, "the copy")
        page.goto(site + "/teacher/banks/mini-copy/questions/meeting-city")
        check_axe(page, "question in the copy")
    finally:
        context.close()


GIFT_FILE = """::Where they met:: The leaders met in {=Berlin ~Paris ~Kyiv}

::Troops:: U.S. combat troops will be sent to Ukraine. {F}
"""


def test_an_upload_arrives_as_drafts_no_student_sees(browser, site, tmp_path):
    gift = tmp_path / "week2.gift.txt"
    gift.write_text(GIFT_FILE, encoding="utf-8")
    context, page = signed_in(browser, site, {"width": 1280, "height": 900}, "owner@school.org", PASSWORD)
    try:
        page.goto(site + "/teacher/banks/mini/import")
        check_axe(page, "import")
        page.get_by_label("Question file").set_input_files(str(gift))
        page.get_by_role("button", name="Preview the import").click()
        check_axe(page, "import preview")
        page.get_by_role("button", name="Import 2 questions").click()
        assert page.get_by_text("as drafts").first.is_visible()
        check_axe(page, "bank after the import")
        student = context.browser.new_context()
        try:  # a student's quiz never holds the drafts
            quiz = student.new_page()
            quiz.goto(site + "/quizzes/mini/full")
            quiz.get_by_label("Your name").fill("Ana")
            quiz.get_by_role("button", name="Start the quiz").click()
            assert "The leaders met in" not in quiz.content() and "combat troops will be sent" not in quiz.content()
        finally:
            student.close()
    finally:
        context.close()
