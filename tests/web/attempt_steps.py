"""Steps for the saving and quiz-settings tests: configure a quiz, save, press the attempt's buttons, move the clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Assignment, Attempt, Quiz, utcnow
from lectern.services import attempts as attempt_service
from tests.conftest import csrf_token

RUN_SETTINGS = ("opens_at", "closes_at", "time_limit_minutes", "attempts_allowed", "grading_method",
                "review_correctness", "review_right_answers", "review_explanations", "practice_allowed")


def configure(app, key: str = "full", **settings: Any) -> int:
    """Set a quiz's settings columns directly, and the same run settings on every class it is
    assigned to (each class has its own copy); returns the quiz's id."""
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.key == key))
        for name, value in settings.items():
            setattr(quiz, name, value)
        for assignment in db.session.scalars(select(Assignment).where(Assignment.quiz_id == quiz.id)):
            for name, value in settings.items():
                if name in RUN_SETTINGS:
                    setattr(assignment, name, value)
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


def press(client, url: str, action: str | None, answers: dict, **fields: str):
    """Send the attempt page's form with one of its buttons: save, previous, next, finish (the countdown's),
    or None for Finish attempt… (which opens the summary); fields adds others (goto=, flag1=)."""
    token = csrf_token(client.get(url).text)
    data = {**answers, "csrf_token": token, **fields}
    data.update({"action": action} if action else {"submit": "Finish attempt…"})
    return client.post(url, data=data)


def finish(client, url: str):
    """Press Submit and finish on the attempt's summary page."""
    summary_url = f"/attempts/{attempt_id(url)}/summary"
    token = csrf_token(client.get(summary_url).text)
    return client.post(summary_url, data={"csrf_token": token, "submit": "Submit and finish"})


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
