"""Where a teacher goes after signing in: the page they asked for, only if it is one of ours.

The `next` parameter comes from a link anyone can write, so it is followed only when it is a
plain path on this site that names one of the app's own pages. Browsers drop tabs and newlines
inside URLs and read a backslash as a slash, so `/\t/evil.example` or `/\\evil.example` would
leave the site; such characters refuse the whole value rather than being cleaned away.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from flask import current_app
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect


def _plain(text: str) -> bool:
    """Printable ASCII with no backslash: what our own paths are made of."""
    return all(" " < ch < "\x7f" for ch in text) and "\\" not in text


def same_site_path(target: str | None) -> str | None:
    """The target if it is a path to one of this app's pages (query kept), else None."""
    if not target or not _plain(target):
        return None
    # Checked again once decoded, so an encoded %09, %5C or %2F%2F cannot slip through either.
    decoded = unquote(target)
    if not _plain(decoded) or decoded.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    try:
        current_app.url_map.bind("localhost").match(parts.path, method="GET")
    except RequestRedirect:
        pass  # a known page under its other spelling (a missing trailing slash)
    except HTTPException:
        return None
    return target
