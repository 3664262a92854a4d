"""Whose clock a page uses: the viewer's browser zone (the `tz` cookie), else the school's default."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app, g, has_app_context, has_request_context, request

from lectern.core.local_time import local_text, zone_named

# Set by static/local-time.js from Intl.DateTimeFormat().resolvedOptions().timeZone.
ZONE_COOKIE = "tz"
UTC_ZONE = ZoneInfo("UTC")


def default_zone() -> ZoneInfo:
    """The school's zone (LECTERN_TIMEZONE, checked at start-up); UTC outside an app."""
    if not has_app_context():
        return UTC_ZONE
    return zone_named(current_app.config.get("LECTERN_TIMEZONE")) or UTC_ZONE


def viewer_zone() -> ZoneInfo:
    """The zone of the person this request is for. A cookie naming no real zone is ignored."""
    if not has_request_context():
        return default_zone()
    if "viewer_zone" not in g:
        g.viewer_zone = zone_named(request.cookies.get(ZONE_COOKIE)) or default_zone()
    return g.viewer_zone


def viewer_time_text(utc_naive: datetime) -> str:
    """A stored time on the viewer's clock, with the zone's short name: "01 Dec 2026, 09:30 CET"."""
    return local_text(utc_naive, viewer_zone())
