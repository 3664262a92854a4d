"""Live mode: the phones' pages (this blueprint, /live) and the teacher's (lectern/live/teacher.py,
on the guarded teacher blueprint). Phones learn of the teacher's moves by polling a tiny state
endpoint with an ETag; docs/live.md says why that and not server-sent events or WebSockets."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("live", __name__, url_prefix="/live")

from lectern.live import phone  # noqa: F401  (the routes, on bp)
