"""The headers every response carries, set in one place.

Flask-Talisman writes the browser-side protections: a Content-Security-Policy that allows
scripts, styles, images and fonts from this site only (no inline script or style anywhere,
so an injected <script> or style attribute does nothing), no framing by other sites,
`nosniff`, a same-origin Referrer-Policy (a join code in a URL never leaks to another site),
and HSTS when the request came over HTTPS.

Every page is also `Cache-Control: no-store`: a classroom computer is shared, and the
browser's cache or back button must not show the next person a teacher's gradebook, an
export, or another student's answers. Only /static files and question pictures (/media) are cached.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_talisman import Talisman

from lectern.lti import framing

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}

talisman = Talisman()


def init_app(app: Flask) -> None:
    # After an LTI launch the course platform may frame Lectern (lectern/lti/framing.py). Registered
    # before Talisman's hook so that it runs after it: Flask runs after_request hooks last-registered first.
    app.after_request(framing.adjust_headers)
    talisman.init_app(
        app,
        content_security_policy=CONTENT_SECURITY_POLICY,
        frame_options="DENY",  # for browsers older than frame-ancestors
        referrer_policy="same-origin",
        # HTTPS is ended at the school's proxy when there is one (docs/deploy.md); redirecting
        # here would loop behind a proxy that is not trusted, and break `make run` on a laptop.
        force_https=False,
        strict_transport_security=True,  # sent only on requests that came over HTTPS
        strict_transport_security_include_subdomains=False,  # a school's other sites are not ours to pin
        # The session cookie's flags stay as config.py sets them (Secure when SESSION_COOKIE_SECURE is on).
        session_cookie_secure=app.config.get("SESSION_COOKIE_SECURE", False),
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
    )
    app.after_request(_not_stored)


# Endpoints whose ETag is their point: live.js sends it back as If-None-Match and gets a 304 while
# nothing changed (the reply is still no-store: the script revalidates, no cache keeps anything).
KEEP_ETAG = frozenset({"live.state"})


# Endpoints that set their own caching: static files, and pictures, whose address is their content's hash.
CACHED = frozenset({"static", "media.image"})


def _not_stored(response: Response) -> Response:
    if request.endpoint not in CACHED or response.status_code >= 400:
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
        if request.endpoint not in KEEP_ETAG:
            response.headers.pop("ETag", None)
    return response
