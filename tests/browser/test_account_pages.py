"""Account pages in a real Chromium: the browser tells the server its time zone, an admin
invites a teacher who accepts on a phone, and "Not you?" on a shared computer; axe-core checks each page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lectern.extensions import db
from lectern.services.teachers import create_teacher
from tests.browser.conftest import DESKTOP, PHONE, serving
from tests.browser.test_student_journey import check_axe
from tests.conftest import MINI_BANK

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    """A served app with the mini bank and an admin teacher; its base URL."""
    with serving(tmp_path_factory.mktemp("accounts"), MINI_BANK) as (app, url, _bank):
        with app.app_context():
            db.session.add(create_teacher("head@school.org", PASSWORD, is_admin=True))
            db.session.commit()
        yield url


def fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width}px wide"


def test_the_browser_sets_its_zone_and_times_show_on_that_clock(browser, site, artifacts):
    context = browser.new_context(viewport=DESKTOP, timezone_id="Europe/Berlin")
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        page.goto(site + "/teacher/sign-in")
        assert "tz=Europe/Berlin" in page.evaluate("document.cookie")
        page.get_by_label("Email").fill("head@school.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(site + "/teacher/")

        assert page.goto(site + "/teacher/teachers").status == 200
        check_axe(page, "teachers")
        page.get_by_label("Their email").fill("new@school.org")
        page.get_by_role("button", name="Invite a teacher").click()
        page.wait_for_url(site + "/teacher/teachers")
        shown = page.locator("main").inner_text()
        assert "it works once and expires on" in shown
        assert " CET" in shown or " CEST" in shown  # the admin's own clock, named
        link = page.locator("#invite-link").input_value()
        check_axe(page, "teachers, with a new link")
        page.screenshot(path=str(artifacts / "teachers-invite-link.png"), full_page=True)
    finally:
        context.close()

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.set_default_timeout(20_000)
    page = phone.new_page()
    try:
        assert page.goto(link).status == 200
        check_axe(page, "accept invitation")
        fits_the_phone(page)
        assert page.get_by_label("Email").input_value() == "new@school.org"
        page.get_by_label("Choose a password").fill("my own long password")
        page.get_by_label("Repeat the password").fill("my own long password")
        page.screenshot(path=str(artifacts / "accept-invite-phone.png"), full_page=True)
        page.get_by_role("button", name="Create my account").click()
        page.wait_for_url(site + "/teacher/")
        assert "Your teacher account is ready" in page.locator("main").inner_text()
        again = page.goto(link)
        assert again.status == 410
        check_axe(page, "used invitation")
    finally:
        phone.close()


def test_not_you_on_a_shared_phone_sized_screen(phone_page, site, artifacts):
    page = phone_page
    page.goto(site + "/quizzes/mini/quick")
    page.get_by_label("Your name").fill("Ana")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(lambda u: "/attempts/" in u)
    page.goto(site + "/")
    header = page.locator("header.site")
    assert "Ana" in header.inner_text()
    fits_the_phone(page)
    check_axe(page, "home with a student")
    page.screenshot(path=str(artifacts / "not-you-header-phone.png"), full_page=False)
    header.get_by_role("button", name="Not you?").click()
    page.wait_for_url(site + "/")
    assert "The next student starts fresh" in page.locator("main").inner_text()
    assert "Ana" not in page.locator("header.site").inner_text()
    fits_the_phone(page)
    page.screenshot(path=str(artifacts / "not-you-done-phone.png"), full_page=False)
