"""Teacher pages: questions."""

from __future__ import annotations

from lectern.teacher import bp  # noqa: F401
