"""Error pages: every error a person can meet gets a page saying what to do, never a traceback."""

from __future__ import annotations

import math
import time

from flask import Flask, render_template
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from lectern.core.interchange import file_size

ADVICE = {
    400: "The request could not be used. Go back, reload the page and try again.",
    403: "You are not allowed to open this page.",
    404: "There is no page at this address. Check the link, or start again from the home page.",
    405: "This address does not accept that kind of request.",
    409: "This was already done, so nothing was changed.",
    413: "The file is larger than Lectern accepts. Split it into smaller files and upload each.",
    429: "Too many tries. Wait a moment and try again.",
    500: "Something went wrong on our side. Nothing you sent was half-saved; try again in a moment.",
}


def _page(error: HTTPException, message: str | None = None):
    code = error.code or 500
    # Werkzeug's stock descriptions are for developers; only ours (given to abort) are shown.
    own = error.description if error.description != type(error).description else None
    description = message or (own if code < 500 else None)
    return render_template(
        "error.html", code=code, title=error.name, message=description or ADVICE.get(code, error.name),
    ), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _page(error, "This form has expired or was not sent from Lectern's own page. "
                            "Reload the page, then send it again.")

    @app.errorhandler(RateLimitExceeded)
    def too_many(error: RateLimitExceeded):
        from lectern.extensions import limiter

        current = limiter.current_limit
        wait = max(1, math.floor(current.reset_at - time.time())) if current else 60
        body, code = _page(error, f"Too many tries. Try again in {wait} seconds.")
        return body, code, {"Retry-After": str(wait)}

    @app.errorhandler(413)
    def too_large(error: HTTPException):
        limit = file_size(app.config["LECTERN_MAX_IMPORT_BYTES"])
        return _page(error, f"The file is larger than {limit}, the most Lectern accepts. "
                            "Split it into smaller files and upload each.")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return _page(error)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("Unhandled error")
        return _page(InternalServerError())
