"""An LTI 1.3 launch in real Chromium, as an LMS does it: the course page (one origin) frames
Lectern (another origin), the frame goes through the OIDC login initiation, the platform's
sign-in auto-posts the signed id_token into the frame, and the student lands on the quiz, named.

The platform is a small HTTP server in this process at http://localhost:<port> (a different site
from Lectern's http://127.0.0.1:<port>, so the frame is cross-site), and Lectern fetches the
platform's JWKS from it over real HTTP. Chromium treats both loopback hosts as secure contexts, so
Secure cookies work over plain HTTP here.

Cookies: Playwright's contexts are like incognito windows, where Chromium blocks third-party
cookies, and no command-line flag lifts that. No flag is used: the test runs in that strict
default, which is what a student whose browser blocks third-party cookies has. Lectern's cookies
in the frame are `SameSite=None; Secure; Partitioned` (CHIPS), which Chromium keeps even so; a
browser that kept none would get the app's "Open Lectern in a new window" page instead
(tests/web/test_lti_launch.py), and this test would fail at the quiz's heading.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from lectern.extensions import db
from lectern.services import lti_platforms
from tests.browser.conftest import DESKTOP, REAL_BANK, serving
from tests.web.lti_platform import (
    CLIENT_ID,
    DEPLOYMENT,
    INSTRUCTOR,
    JWKS_URL,
    LEARNER,
    LTI,
    SimulatedPlatform,
)

pytestmark = pytest.mark.browser

QUIZ = "berlin-security-agreements/full"
PEOPLE = {"teacher-9": ("Ms Rivera", INSTRUCTOR), "learner-1": ("Ana Lima", LEARNER)}


@dataclass
class Platform:
    """The simulated LMS's address, and where Lectern lives, as its handler needs them."""

    origin: str = ""
    lectern: str = ""
    stranger: str = ""  # another site (another port), which is not the platform
    signer: SimulatedPlatform = field(default_factory=SimulatedPlatform)  # its key pair, its signed launches

    def course_page(self, user: str) -> str:
        """The course page: the activity is an iframe that begins Lectern's OIDC login, as Moodle's is."""
        login = self.lectern + "/lti/login?" + urlencode({
            "iss": self.origin, "login_hint": user, "client_id": CLIENT_ID, "lti_message_hint": "link-1",
            "target_link_uri": self.lectern + "/lti/launch", "lti_deployment_id": DEPLOYMENT})
        return (f"<!doctype html><title>Year 9 English</title><h1>Year 9 English</h1>"
                f'<iframe id="activity" title="Reading check" width="1000" height="700" src="{html.escape(login)}"></iframe>')

    def signed_in(self, query: dict[str, str]) -> str:
        """The platform's OIDC authentication answer: the signed launch, auto-posted to Lectern's redirect URL."""
        if query.get("redirect_uri") != self.lectern + "/lti/launch" or query.get("client_id") != CLIENT_ID:
            return "<!doctype html><p>Refused: Lectern asked for the wrong redirect URI or client id.</p>"
        name, role = PEOPLE[query["login_hint"]]
        claims = self.signer.claims(sub=query["login_hint"], role=role, name=name, quiz=QUIZ, lineitem=None,
                                    iss=self.origin, nonce=query["nonce"],
                                    **{LTI + "target_link_uri": self.lectern + "/lti/launch"})
        claims.pop("https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice")  # no roster here
        fields = {"id_token": self.signer.sign(claims), "state": query["state"]}
        inputs = "".join(f'<input type="hidden" name="{k}" value="{html.escape(v)}">' for k, v in fields.items())
        return (f'<!doctype html><form id="launch" method="post" action="{html.escape(query["redirect_uri"])}">'
                f"{inputs}</form><script>document.getElementById('launch').submit()</script>")

    def stranger_page(self, lectern_url: str) -> str:
        return f'<!doctype html><title>Elsewhere</title><iframe id="activity" src="{html.escape(lectern_url)}"></iframe>'


def _handler(platform: Platform) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/course":
                self._reply(platform.course_page(query["as"]))
            elif url.path == "/auth":
                self._reply(platform.signed_in(query))
            elif url.path == "/jwks":
                jwks = platform.signer.send("GET", JWKS_URL, {})  # the simulated platform's own keyset
                self._reply(jwks.body.decode(), "application/json")
            elif url.path == "/stranger":
                self._reply(platform.stranger_page(query["frame"]))
            else:
                self.send_error(404)

        def _reply(self, body: str, content_type: str = "text/html; charset=utf-8") -> None:
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:  # quiet: pytest shows failures, not every request
            pass

    return Handler


@contextmanager
def http_server(platform: Platform) -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(platform))
    thread = threading.Thread(target=server.serve_forever, name="lti-platform", daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def lms(tmp_path_factory) -> Iterator[Platform]:
    """Lectern served, the platform served at another origin and registered in Lectern; a stranger's site too."""
    platform = Platform()
    with serving(tmp_path_factory.mktemp("lti-live"), REAL_BANK) as (app, lectern, _bank), \
            http_server(platform) as port, http_server(platform) as stranger_port:
        platform.origin, platform.lectern = f"http://localhost:{port}", lectern
        platform.stranger = f"http://localhost:{stranger_port}"
        with app.app_context():
            lti_platforms.register(lti_platforms.PlatformDetails(
                "School Moodle", platform.origin, CLIENT_ID, [DEPLOYMENT], platform.origin + "/auth",
                platform.origin + "/token", platform.origin + "/jwks", []))
            db.session.commit()
        yield platform


def _open_course(browser, lms: Platform, user: str):
    """A browser of its own opening the course page; (context, page, the activity's frame, Lectern's responses)."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(15_000)
    responses = []
    context.on("response", lambda r: responses.append(r) if r.url.startswith(lms.lectern) else None)
    page = context.new_page()
    page.goto(f"{lms.origin}/course?as={user}")
    return context, page, page.frame_locator("#activity"), responses


def test_a_launch_inside_the_course_frame_opens_the_quiz_for_the_named_student(browser, lms):
    # The teacher opens the activity first: Lectern makes the course's class and lands on its gradebook.
    context, page, frame, _ = _open_course(browser, lms, "teacher-9")
    frame.get_by_role("heading", name="Gradebook: Full comprehension check").wait_for()
    context.close()

    context, page, frame, responses = _open_course(browser, lms, "learner-1")
    frame.get_by_role("heading", name="Full comprehension check").wait_for()
    assert page.title() == "Year 9 English"  # still the course's page: Lectern is in its frame
    frame.get_by_text("This computer knows you as Ana Lima").wait_for()
    frame.get_by_text("Set for your class Year 9 English").wait_for()
    quiz_page = next(r for r in responses if "/quizzes/" in r.url)
    assert f"frame-ancestors {lms.origin}" in quiz_page.headers["content-security-policy"]
    assert "x-frame-options" not in quiz_page.headers
    session_cookie = next(c for c in context.cookies(lms.lectern) if c["name"] == "session")
    assert session_cookie["sameSite"] == "None" and session_cookie["secure"]
    assert session_cookie.get("partitionKey") == "http://localhost"  # kept in the course's partition only

    # The quiz opens in the frame: the start form's POST carried the session and CSRF cookie cross-site.
    frame.get_by_role("button", name="Start the quiz").click()
    frame.get_by_text("Answered 0 of").wait_for()
    assert "/attempts/" in page.frames[1].url
    assert frame.locator("form.attempt fieldset").count() > 0  # the first page of questions, in the course's frame

    # The same Lectern page, framed by a site that is not the platform: Chromium refuses it.
    quiz_url = quiz_page.url
    stranger = context.new_page()
    stranger.goto(f"{lms.stranger}/stranger?" + urlencode({"frame": quiz_url}))
    _wait_for_refusal(browser, stranger, f'"frame-ancestors {lms.origin}"')  # the platform only
    assert "Full comprehension check" not in stranger.frames[1].content()
    context.close()


def test_a_browser_that_never_launched_is_framed_by_no_one(browser, lms):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{lms.stranger}/stranger?" + urlencode({"frame": f"{lms.lectern}/quizzes/{QUIZ}"}))
    _wait_for_refusal(browser, page, "\"frame-ancestors 'none'\"")
    assert "Full comprehension check" not in page.frames[1].content()
    context.close()


def _wait_for_refusal(browser, page, directive: str, seconds: float = 10) -> None:
    """Until Chromium reports refusing the frame under this CSP directive; then forget the report,
    seen and expected, so the autouse no-violations check after the test stays quiet."""
    for _ in range(int(seconds * 10)):
        if any(directive in v and "blocked" in v for v in browser.violations):
            browser.violations.clear()
            return
        page.wait_for_timeout(100)
    pytest.fail(f"Chromium did not refuse the frame under {directive}: {browser.violations}")
