"""A live session in a real Chromium: the teacher's control page and the projector in one context,
two phones in two others, through a whole question and into the next one.

Phones join by the code, the teacher opens the question, one phone answers right and one wrong, the
projector counts "2 of 2 answered" without naming anyone, the teacher closes and reveals (chart,
right answer, explanation, the evidence with its quote in <mark>), the next question reaches both
phones without a reload (live.js swaps it in), and a reloaded phone comes back to the question with
its answer kept. axe-core finds no serious or critical violation on the projector and the phones;
the projector is measured for legibility at 1280×720 and 1920×1080, and photographed (for the
README's docs/images/ with LECTERN_README_SHOTS=1).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask
from playwright.sync_api import expect
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Quiz
from lectern.services.teachers import create_teacher
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    REAL_BANK,
    TEACHER_EMAIL,
    TEACHER_PASSWORD,
    serving,
    signed_in,
)
from tests.browser.test_student_journey import check_axe
from tests.conftest import REPO

pytestmark = pytest.mark.browser
IMAGES = REPO / "docs" / "images"
SCREENS = ({"width": 1280, "height": 720}, {"width": 1920, "height": 1080})
CODE_PX = 48  # the join code, read from the back of a room
PROMPT_PX = 32  # the question on the projector
# The session asks two questions, in the bank's order: a true/false one, then a single choice.
QUOTE = "The discussions, which took place behind closed doors"
NEXT_RIGHT = "Ukraine and its Western partners show they stand together"
STAYED = "() => window.stayed === true"  # a mark that a reload would wipe


@dataclass(frozen=True)
class Room:
    app: Flask
    url: str
    quiz_id: int


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Iterator[Room]:
    with serving(tmp_path_factory.mktemp("live-pages"), REAL_BANK) as (app, url, _bank):
        with app.app_context():
            create_teacher(TEACHER_EMAIL, TEACHER_PASSWORD)
            db.session.commit()
            quiz_id = db.session.scalar(select(Quiz.id).where(Quiz.key == "full"))
        yield Room(app, url, quiz_id)


def _phone(browser, url: str, code: str, name: str):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(url + "/live/")
    page.get_by_label("Live code").fill(code.lower()[:3] + " " + code[3:])  # as typed from the board
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", name="You are in")).to_be_visible()
    return context, page


def _press(control, label: str) -> None:
    control.get_by_role("button", name=label).click()
    control.wait_for_load_state()


def _opens_in_place(control, button: str, phones: tuple, option: str) -> None:
    """The teacher opens a question; every phone shows it without reloading (live.js swaps it in)."""
    for page in phones:
        page.evaluate("() => { window.stayed = true; }")
    _press(control, button)
    for page in phones:
        expect(page.get_by_role("radio", name=option)).to_be_visible()
        assert page.evaluate(STAYED), f"the phone reloaded to show the question ({button})"


def _legible(projector, name: str, selector: str, min_px: float) -> None:
    for screen in SCREENS:
        projector.set_viewport_size(screen)
        size = projector.locator(selector).first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert size >= min_px, f"{name} at {screen['width']}×{screen['height']}: {selector} is {size}px"
        widths = projector.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{name} at {screen['width']}×{screen['height']} scrolls sideways"


def _shoot(projector, artifacts, name: str, screen: dict) -> None:
    """A screenshot into test-artifacts/, and into docs/images/ for the README when LECTERN_README_SHOTS
    is set (not on every run: the code and the port differ each time, and the PNGs are committed)."""
    projector.set_viewport_size(screen)
    file = f"live-{name}-{screen['width']}x{screen['height']}.png"
    projector.screenshot(path=str(artifacts / file))
    if os.environ.get("LECTERN_README_SHOTS"):
        IMAGES.mkdir(parents=True, exist_ok=True)
        projector.screenshot(path=str(IMAGES / file))


def test_a_whole_question_on_the_projector_and_two_phones(browser, room, artifacts):
    teacher, control = signed_in(browser, room.url, DESKTOP)
    phones = []
    try:
        control.goto(f"{room.url}/teacher/banks/{REAL_BANK.name}")
        control.get_by_role("link", name="Run live Full comprehension check").click()
        for key in ("unified-front", "closed-door-talks"):
            control.locator(f'input[name=questions][value="{key}"]').check()
        control.get_by_label("On, with names").check()
        _press(control, "Open the lobby")
        code = control.locator(".join-code").inner_text()

        projector = teacher.new_page()
        projector.set_viewport_size(SCREENS[0])
        projector.goto(control.url + "/projector")
        expect(projector.locator(".live-code strong")).to_have_text(code)
        assert projector.locator("img.live-qr").evaluate("img => img.complete && img.naturalWidth > 0")
        ana, ana_page = _phone(browser, room.url, code, "Ana")
        ben, ben_page = _phone(browser, room.url, code, "Ben")
        phones = [ana, ben]
        expect(projector.locator("#live-names")).to_contain_text("Ana")  # arrives by itself
        expect(projector.locator("#live-names")).to_contain_text("Ben")
        _legible(projector, "the lobby", ".live-code strong", CODE_PX)
        check_axe(projector, "projector lobby")
        check_axe(ana_page, "phone lobby")
        _shoot(projector, artifacts, "projector", SCREENS[0])

        _opens_in_place(control, "Open the first question", (ana_page, ben_page), "False")
        check_axe(ana_page, "phone question")
        ana_page.get_by_role("radio", name="False").check()
        ben_page.get_by_role("radio", name="True").check()
        for page in (ana_page, ben_page):
            page.get_by_role("button", name="Send my answer").click()
            expect(page.get_by_text("Answer sent.")).to_be_visible()
        expect(projector.locator(".live-count")).to_have_text("2 of 2 answered")
        projector_text = projector.locator("main").inner_text()
        assert "Ana" not in projector_text and "Ben" not in projector_text, "the projector names who answered"
        _legible(projector, "the question", "h1.prompt", PROMPT_PX)
        check_axe(projector, "projector question")

        for page in (ana_page, ben_page):  # sending reloaded the page; from here on nothing may
            page.evaluate("() => { window.stayed = true; }")
        _press(control, "Close answers")
        expect(ana_page.get_by_text("Answers are closed.")).to_be_visible()
        _press(control, "Reveal the answer")
        for page in (projector, ana_page, ben_page):
            reveal = page.locator(".live-reveal")
            expect(reveal.locator("svg")).to_be_visible()
            expect(reveal.locator(".right-answer")).to_contain_text("False")
            expect(reveal.locator(".explanation")).to_contain_text("in private")
            expect(reveal.locator("mark")).to_have_text(QUOTE)
        expect(ana_page.locator(".live-mine")).to_contain_text("(right)")
        expect(ben_page.locator(".live-mine")).to_contain_text("(not right)")
        for page in (ana_page, ben_page):  # closed and revealed from the state reply, not by reloading
            assert page.evaluate(STAYED), "the phone reloaded to show the close or the reveal"
        expect(projector.locator(".live-leaderboard li").first).to_contain_text("Ana")
        check_axe(projector, "projector reveal")
        check_axe(ben_page, "phone reveal")
        _shoot(projector, artifacts, "reveal", SCREENS[1])

        _opens_in_place(control, "Open the next question", (ana_page, ben_page), NEXT_RIGHT)
        for page in (ana_page, ben_page):
            expect(page.locator("#live-position")).to_contain_text("question 2 of 2")
        _legible(projector, "the next question", ".live-options", 24)
        _shoot(projector, artifacts, "question", SCREENS[0])
        ana_page.get_by_role("radio", name=NEXT_RIGHT).check()
        ana_page.get_by_role("button", name="Send my answer").click()
        expect(ana_page.get_by_text("Answer sent.")).to_be_visible()
        for page in (ana_page, ben_page):
            page.reload()
        expect(ana_page.locator(".live-mine")).to_contain_text(f"Your answer: {NEXT_RIGHT}")
        expect(ana_page.get_by_role("button", name="Send my answer")).to_be_hidden()
        expect(ben_page.get_by_role("radio", name=NEXT_RIGHT)).to_be_visible()  # still to answer
    finally:
        for context in (teacher, *phones):
            context.close()
