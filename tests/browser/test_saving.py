"""Saving as you go in a real Chromium: autosave.js stores answers in the background, so a closed
browser loses nothing, and countdown.js submits the page's answers when time runs out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Attempt, Quiz, utcnow
from tests.browser.conftest import PHONE, serving
from tests.conftest import MINI_BANK

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple]:
    """The app with the small test bank, served on a free port; yields (app, base url)."""
    with serving(tmp_path_factory.mktemp("saving"), MINI_BANK) as (app, url, _bank):
        yield app, url


def _start(page, base: str) -> int:
    page.goto(base + "/quizzes/mini/full")
    page.get_by_label("Your name").fill("Ada Browser")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def test_answers_saved_in_the_background_survive_closing_the_browser(browser, served):
    app, base = served
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    attempt_id = _start(page, base)
    page.locator("#question-1 input[value=b]").check()
    page.locator("#question-4 input[type=text]").fill("Article 5")
    status = page.locator("#save-status")
    status.filter(has_text=re.compile(r"Saved at \d\d:\d\d")).wait_for(timeout=10_000)
    cookies = context.storage_state()
    context.close()  # the laptop lid closes: no button was pressed

    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert [r.answer for r in attempt.responses][:4] == ["b", None, None, "Article 5"]
    reopened = browser.new_context(viewport=PHONE, storage_state=cookies)
    try:
        page = reopened.new_page()
        page.goto(f"{base}/attempts/{attempt_id}")
        assert page.locator("#question-1 input[value=b]").is_checked()
        assert page.locator("#question-4 input[type=text]").input_value() == "Article 5"
    finally:
        reopened.close()


def test_the_countdown_submits_the_answers_when_time_runs_out(browser, served):
    app, base = served
    with app.app_context():
        db.session.scalar(select(Quiz).where(Quiz.key == "full")).time_limit_minutes = 5
        db.session.commit()
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        attempt_id = _start(page, base)
        with app.app_context():  # as if the student had been working for almost five minutes
            db.session.get(Attempt, attempt_id).deadline = utcnow() + timedelta(seconds=4)
            db.session.commit()
        page.reload()
        assert re.search(r"Time left: 0 min 0[0-4] s", page.locator("#timer").inner_text())
        page.locator("#question-3 input[value=false]").check()
        page.wait_for_url(re.compile(r"/review$"), timeout=15_000)
        with app.app_context():
            attempt = db.session.get(Attempt, attempt_id)
            assert attempt.submitted_by == "student" and attempt.responses[2].answer is False
    finally:
        context.close()
        with app.app_context():
            db.session.scalar(select(Quiz).where(Quiz.key == "full")).time_limit_minutes = None
            db.session.commit()
