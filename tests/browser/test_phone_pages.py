"""The student's list of attempts and progress charts on a 390 px phone: nothing scrolls the page
sideways, the article's title gets the row's width rather than a squeezed column, and the chart
labels stay readable (the chart scrolls in its own box instead of shrinking). Screenshots go to
test-artifacts/phone-*.png."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_student_journey import check_axe, shoot

pytestmark = pytest.mark.browser
READABLE_PX = 11  # below this a chart label on a phone is hard to read


def _take_quick_quiz(page, live_server) -> None:
    page.goto(f"{live_server.url}/quizzes/{live_server.bank_slug}/quick")
    page.get_by_label("Your name").fill("Noor")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(re.compile(r"/attempts/\d+"))
    page.locator("input[type=radio]").first.check()
    page.get_by_role("button", name=re.compile("Finish attempt")).click()
    page.get_by_role("button", name="Submit and finish").click()
    page.wait_for_url(re.compile(r"/review$"))


def _fits(page, name: str) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] + 1, f"the {name} page scrolls sideways: {widths[0]}px in {widths[1]}px"


def test_attempts_and_progress_read_well_on_a_phone(phone_page, live_server, artifacts):
    page = phone_page
    _take_quick_quiz(page, live_server)

    page.goto(f"{live_server.url}/attempts")
    _fits(page, "attempts")
    title_width = page.locator(".attempt-title").first.evaluate("el => el.getBoundingClientRect().width")
    assert title_width > 300, f"the quiz and article title are squeezed into {title_width:.0f}px"
    check_axe(page, "attempts on a phone")
    shoot(page, artifacts, "phone-attempts")

    page.goto(f"{live_server.url}/progress")
    _fits(page, "progress")
    sizes = page.locator(".progress-chart svg text").evaluate_all(
        "els => els.map(el => el.getBoundingClientRect().height).filter(h => h > 0)")
    assert sizes and min(sizes) >= READABLE_PX, f"chart labels are {min(sizes):.1f}px tall on a phone"
    check_axe(page, "progress on a phone")
    shoot(page, artifacts, "phone-progress")
