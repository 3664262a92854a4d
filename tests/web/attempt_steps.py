"""Steps for the saving and quiz-settings tests: configure a quiz, save, press the attempt's buttons, move the clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Attempt, Quiz, utcnow
from lectern.services import attempts as attempt_service
from tests.conftest import csrf_token


def configure(app, key: str = "full", **settings: Any) -> int:
    """Set a quiz's settings columns directly; returns its id."""
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.key == key))
        for name, value in settings.items():
            setattr(quiz, name, value)
        db.session.commit()
        return quiz.id


def attempt_id(url: str) -> int:
    return int(url.split("?")[0].rstrip("/").split("/")[-1])


def save(client, url: str, answers: dict, page: int | None = None, token_from: str | None = None):
    """POST answers to the save endpoint as autosave.js does: the form's fields and its CSRF token
    (taken from the attempt page, or from token_from once the attempt page is gone)."""
    token = csrf_token(client.get(token_from or url).text)
    query = f"?page={page}" if page else ""
    return client.post(f"/attempts/{attempt_id(url)}/save{query}", data={**answers, "csrf_token": token},
                       headers={"Accept": "application/json"})


def press(client, url: str, action: str | None, answers: dict):
    """Send the attempt page's form with one of its buttons: save, previous, next, or None to submit."""
    token = csrf_token(client.get(url).text)
    data = {**answers, "csrf_token": token}
    data.update({"action": action} if action else {"submit": "Submit answers"})
    return client.post(url, data=data)


def load(app, url: str) -> Attempt:
    """The attempt behind a URL, with its responses loaded (detached from the session)."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id(url))
        _ = [r.answer for r in attempt.responses], attempt.quiz.key
        db.session.expunge_all()
        return attempt


def move_clock(monkeypatch, by: timedelta) -> datetime:
    """Make the app's clock read `by` from now; returns that time."""
    moved = utcnow() + by
    monkeypatch.setattr(attempt_service, "clock", lambda: moved)
    return moved
