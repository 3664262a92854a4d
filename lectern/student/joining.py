"""Students join a class with its code (pages on the student blueprint)."""

from __future__ import annotations

from lectern.student.routes import bp  # noqa: F401
