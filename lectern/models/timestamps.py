"""The one clock every stored time uses."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now in UTC, without tzinfo: SQLite keeps no zone, so every database stores naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)
