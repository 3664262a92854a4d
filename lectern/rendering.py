"""Template helpers: formatting numbers, dates and scores the same way on every page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Flask

from lectern.core.questions import QUESTION_TYPES

STATE_LABELS = {
    "correct": "Correct",
    "partial": "Partly correct",
    "incorrect": "Incorrect",
    "unanswered": "Not answered",
    "needs_grading": "Waiting for your teacher to grade",
}


def points(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def when(value: datetime | None) -> str:
    return value.strftime("%d %b %Y, %H:%M UTC") if value else "–"


def error_messages(field: Any) -> list[str]:
    """A field's errors as one flat list, whatever nesting the field kind reports."""
    def flatten(errors: Any) -> list[str]:
        if isinstance(errors, dict):
            return [m for value in errors.values() for m in flatten(value)]
        if isinstance(errors, (list, tuple)):
            return [m for value in errors for m in flatten(value)]
        return [str(errors)] if errors else []

    return flatten(field.errors)


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(points=points, when=when, error_messages=error_messages)
    app.jinja_env.globals.update(STATE_LABELS=STATE_LABELS, QUESTION_TYPES=QUESTION_TYPES)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
