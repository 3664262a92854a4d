"""Teacher pages: banks."""

from __future__ import annotations

from lectern.teacher import bp  # noqa: F401
