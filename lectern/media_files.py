"""The pictures question texts show, served at /media/<sha256>.

Anyone may fetch a picture: its address is the SHA-256 of its bytes, which cannot be guessed,
and appears only on pages that already show the picture. Since the bytes at an address can
never change, browsers may keep them for a year without asking again.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from lectern.services.media import find_media

bp = Blueprint("media", __name__, url_prefix="/media")

CACHE_FOR_A_YEAR = "public, max-age=31536000, immutable"


@bp.get("/<sha256>")
def image(sha256: str):
    """One stored picture with its own type; 304 when the browser already has it."""
    media = find_media(sha256)
    if media is None:
        abort(404, description="There is no picture at this address.")
    reply = Response(media.data, content_type=media.content_type)
    reply.set_etag(media.sha256)
    reply.headers["Cache-Control"] = CACHE_FOR_A_YEAR
    reply.headers["X-Content-Type-Options"] = "nosniff"
    return reply.make_conditional(request)
