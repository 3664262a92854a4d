"""Fixtures for the real-browser tests: a live Lectern server and a headless Chromium.

The server runs the real app (CSRF on) in a daemon thread on a free port of 127.0.0.1,
over a fresh SQLite file with a bank loaded (the Berlin bank for the journey). Chromium is
the Debian package, driven by Playwright.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from lectern.core.banks import Bank as BankFile
from lectern.core.banks import read_bank
from lectern.extensions import db
from lectern.services.bank_loading import load_bank
from tests.conftest import REPO, make_app

REAL_BANK = REPO / "quizzes" / "berlin-security-agreements"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def chromium_path() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@dataclass(frozen=True)
class LiveServer:
    url: str
    bank_slug: str
    bank_title: str
    has_key_terms: bool


@contextmanager
def serving(tmp_path: Path, bank_folder: Path) -> Iterator[tuple[Flask, str, BankFile]]:
    """The app with one bank loaded, served over HTTP on a free port: (app, base URL, bank)."""
    app = make_app(tmp_path)
    bank_file = read_bank(bank_folder)
    with app.app_context():
        db.create_all()
        load_bank(bank_file)
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="lectern-live-server", daemon=True)
    thread.start()
    try:
        yield app, f"http://127.0.0.1:{server.server_port}", bank_file
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """The app served over HTTP for the module, with the article bank loaded."""
    with serving(tmp_path_factory.mktemp("live"), REAL_BANK) as (_app, url, bank_file):
        yield LiveServer(url=url, bank_slug=bank_file.slug, bank_title=bank_file.article.title,
                         has_key_terms=bool(bank_file.key_terms))


# Reported to the console by the page itself as well as by Chromium's own "Refused to …" message,
# since an init script runs outside the page's CSP.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`);
});
"""


class WatchedBrowser:
    """The browser, with every context it opens reporting Content-Security-Policy violations."""

    def __init__(self, browser) -> None:
        self._browser = browser
        self.violations: list[str] = []

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        context.on("console", self._console)
        return context

    def _console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or text.startswith("CSP violation"):
            self.violations.append(f"{message.page.url if message.page else '?'}: {text}")

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


@pytest.fixture(autouse=True)
def no_csp_violations(browser) -> Iterator[None]:
    """Every browser test runs with the app's CSP on and fails on any violation the pages report."""
    browser.violations.clear()
    yield
    assert not browser.violations, "Content-Security-Policy violations:\n" + "\n".join(browser.violations)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """A headless Chromium for the module; skipped when Chromium is not installed."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium not found: install it with `sudo apt-get install chromium` "
                    "(Debian/Ubuntu) to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield WatchedBrowser(browser)
        finally:
            browser.close()


@pytest.fixture
def phone_page(browser) -> Iterator:
    """A fresh browser context (own cookies) at a phone-sized viewport."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(20_000)  # generous: the CI box may be busy
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


TEACHER_EMAIL, TEACHER_PASSWORD = "teacher@school.org", "a long enough password"


def signed_in(browser, url: str, viewport: dict, email: str = TEACHER_EMAIL, password: str = TEACHER_PASSWORD,
              **options):
    """A new browser context signed in as a teacher through the sign-in form: (context, page on the dashboard)."""
    context = browser.new_context(viewport=viewport, **options)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(url + "/teacher/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url + "/teacher/")
    return context, page
