"""Inside the LMS's iframe: which sites may frame Lectern's pages, and a session cookie that reaches a frame.

After a launch the whole visit happens inside the course page, a third-party context: the
session cookie must be `SameSite=None; Secure` to be sent there, and every page (the quiz too,
not only /lti/…) may be framed by the registered platform's origins and by no one else.
A browser that never launched from an LMS keeps the strict defaults (Lax cookie, no framing).
"""

from __future__ import annotations

from flask import Flask, g, session
from flask.sessions import SecureCookieSessionInterface

FRAME_ORIGINS_KEY = "lti_frame_origins"


def frame_for(origins: list[str], *, remember: bool) -> None:
    """Let these origins frame this response (and, remembered, every page of this session)."""
    g.lti_frame_origins = list(origins)
    if remember:
        session[FRAME_ORIGINS_KEY] = list(origins)


def frame_origins() -> list[str]:
    """The origins that may frame the current response; empty: nobody (the default)."""
    return list(g.get("lti_frame_origins") or session.get(FRAME_ORIGINS_KEY) or [])


class FramedSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, sent with SameSite=None; Secure once the session came from an LTI launch."""

    def _framed(self) -> bool:
        return bool(g.get("lti_frame_origins") or session.get(FRAME_ORIGINS_KEY))

    def get_cookie_samesite(self, app: Flask) -> str | None:
        return "None" if self._framed() else super().get_cookie_samesite(app)

    def get_cookie_secure(self, app: Flask) -> bool:
        return True if self._framed() else super().get_cookie_secure(app)

    def get_cookie_partitioned(self, app: Flask) -> bool:
        # Partitioned (CHIPS): Chromium blocks unpartitioned third-party cookies (always in
        # incognito, and by the user's choice elsewhere) but keeps a partitioned one, scoped to
        # the course's site. The launch and the quiz all happen inside that one frame, so that is enough.
        return True if self._framed() else super().get_cookie_partitioned(app)


def post_form_to(origin: str) -> None:
    """Let this response's form post to another site (the deep-linking reply goes back to the platform)."""
    g.lti_form_action = origin


def _with_directive(policy: str, name: str, value: str) -> str:
    parts = [p.strip() for p in policy.split(";") if p.strip() and p.split()[0] != name]
    return "; ".join([*parts, f"{name} {value}"])


def adjust_headers(response):
    """After Talisman: relax frame-ancestors (and form-action) for this response as frame_for/post_form_to said."""
    origins = frame_origins()
    action = g.get("lti_form_action")
    policy = response.headers.get("Content-Security-Policy")
    if origins:
        response.headers.pop("X-Frame-Options", None)
        if policy:
            policy = _with_directive(policy, "frame-ancestors", " ".join(origins))
    if action and policy:
        policy = _with_directive(policy, "form-action", f"'self' {action}")
    if policy:
        response.headers["Content-Security-Policy"] = policy
    return response
