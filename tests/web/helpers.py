"""Steps a student takes, through the test client, with CSRF tokens as a browser sends them."""

from __future__ import annotations

from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import Attempt, Response, Student
from tests.conftest import csrf_token


def start(client, slug: str = "mini", quiz: str = "full", name: str = "Ana") -> str:
    """Start an attempt and return its URL."""
    page = client.get(f"/quizzes/{slug}/{quiz}")
    reply = client.post(f"/quizzes/{slug}/{quiz}", data={"display_name": name, "csrf_token": csrf_token(page.text)})
    assert reply.status_code == 302, reply.text
    return reply.headers["Location"]


def submit(client, attempt_url: str, answers: dict):
    """Submit answers as a student does, with the page's own CSRF token: Finish attempt… on the attempt
    page, then Submit and finish on the summary. Returns the last reply: the review's redirect, or the
    attempt page's own reply when it did not open the summary (answers to fix, a refusal)."""
    token = csrf_token(client.get(attempt_url).text)
    reply = client.post(attempt_url, data={**answers, "csrf_token": token, "submit": "Finish attempt…"})
    if reply.status_code != 302 or not reply.headers["Location"].endswith("/summary"):
        return reply
    return client.post(reply.headers["Location"], data={"csrf_token": token, "submit": "Submit and finish"})


def snapshot(app) -> tuple:
    """Everything a submission could change, to prove a refused request changed nothing."""
    with app.app_context():
        attempts = db.session.execute(
            select(Attempt.id, Attempt.submitted_at, Attempt.points, Attempt.needs_grading).order_by(Attempt.id)
        ).all()
        responses = db.session.execute(
            select(Response.id, Response.answer, Response.fraction).order_by(Response.id)
        ).all()
        students = db.session.scalar(select(func.count()).select_from(Student))
    return tuple(attempts), tuple(map(tuple, responses)), students


# Right answers to the mini bank's full quiz, by field name (q1..q8 in bank order).
RIGHT = {
    "q1": "b",
    "q2": ["a", "b"],
    "q3": "false",
    "q4": "Article 5",
    "q5": "800,000",
}
