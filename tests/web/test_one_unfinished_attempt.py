"""One unfinished attempt per student, quiz and run, held by the database (index
one_unfinished_attempt, migration 0008): starts sent at the same moment from one browser
(a double tap, two tabs) all land on a single attempt."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from lectern.extensions import db
from lectern.models import Attempt, Quiz, Response
from lectern.services import attempts as attempt_service
from tests.conftest import csrf_token
from tests.web.helpers import RIGHT, start, submit

TABS = 8


def _unfinished(app) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(Attempt.id).where(Attempt.submitted_at.is_(None))))


def test_the_database_refuses_a_second_unfinished_attempt_of_the_same_run(app, client, mini_bank):
    start(client)
    with app.app_context():
        first = db.session.scalar(select(Attempt))
        twin = Attempt(quiz_id=first.quiz_id, student_id=first.student_id, display_name="Ana", max_points=1)
        db.session.add(twin)
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()
        # Another quiz, or the same one once the first is submitted, is no conflict.
        quick = db.session.scalar(select(Quiz).where(Quiz.key == "quick"))
        db.session.add(Attempt(quiz_id=quick.id, student_id=first.student_id, display_name="Ana", max_points=1))
        db.session.commit()


def test_a_start_that_loses_the_race_is_sent_to_the_winning_attempt(app, client, mini_bank, monkeypatch):
    url = start(client)
    real, calls = attempt_service.unfinished_attempt, []

    def checked_too_early(*args, **kwargs):
        """The loser looked for an unfinished attempt before the winner committed: it saw none."""
        calls.append(1)
        return None if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(attempt_service, "unfinished_attempt", checked_too_early)
    token = csrf_token(client.get(url).text)
    reply = client.post("/quizzes/mini/full", data={"display_name": "Ana", "csrf_token": token})
    assert reply.status_code == 302
    assert reply.headers["Location"] == url
    assert len(_unfinished(app)) == 1


def test_starts_at_the_same_moment_from_one_browser_make_one_attempt(app, client, mini_bank):
    submit(client, start(client), RIGHT)  # the student exists; a second attempt is allowed
    cookie = client.get_cookie("session").value
    token = csrf_token(client.get("/quizzes/mini/full").text)
    together = threading.Barrier(TABS)
    replies: list[tuple[int, str]] = []

    def tab() -> None:
        browser = app.test_client()
        browser.set_cookie("session", cookie)
        together.wait()
        reply = browser.post("/quizzes/mini/full", data={"display_name": "Ana", "csrf_token": token})
        replies.append((reply.status_code, reply.headers.get("Location", reply.text[:200])))

    threads = [threading.Thread(target=tab) for _ in range(TABS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    unfinished = _unfinished(app)
    assert len(unfinished) == 1
    assert replies == [(302, f"/attempts/{unfinished[0]}")] * TABS
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Attempt)) == 2


def test_upgrading_to_0008_resolves_twins_made_before_the_index(tmp_path):
    """The twin the student went on with stays open; an empty twin goes; one with answers is
    submitted with them, graded as the app grades."""
    from flask_migrate import downgrade, upgrade

    from lectern.core.banks import read_bank
    from lectern.services.bank_loading import load_bank
    from tests.conftest import MINI_BANK, empty_database, make_app

    app = make_app(tmp_path)
    with app.app_context():
        empty_database(app, schema=True)
        upgrade()  # the app's models need the latest schema; back to 0007 below, to make the twins
        load_bank(read_bank(MINI_BANK))
        db.session.commit()
    client = app.test_client()
    url = start(client)
    token = csrf_token(client.get(url).text)
    assert client.post(f"{url}/save", data={**RIGHT, "csrf_token": token}).status_code == 200
    kept = int(url.rsplit("/", 1)[1])
    with app.app_context():
        downgrade(revision="0007")  # before the index: the twins can be made (Attempt's columns are 0007's)
        original = db.session.get(Attempt, kept)
        saved_at = original.last_saved_at
        twins = {}
        for name, answered in (("empty", False), ("answered", True)):
            twin = Attempt(quiz_id=original.quiz_id, student_id=original.student_id, display_name="Ana",
                           max_points=original.max_points, started_at=saved_at.replace(year=saved_at.year - 1),
                           last_saved_at=saved_at.replace(year=saved_at.year - 1) if answered else None)
            db.session.add(twin)
            db.session.flush()
            # The responses' columns as of 0007, read and written by name (later migrations add more).
            for response in db.session.execute(select(
                    Response.position, Response.question_version_id, Response.max_points, Response.answer)
                    .where(Response.attempt_id == kept)).all():
                db.session.execute(Response.__table__.insert().values(
                    attempt_id=twin.id, position=response.position,
                    question_version_id=response.question_version_id, max_points=response.max_points,
                    answer=response.answer if answered else None))
            twins[name] = twin.id
        db.session.commit()

        upgrade()
        db.session.expire_all()
        assert db.session.get(Attempt, kept).submitted_at is None
        assert db.session.get(Attempt, twins["empty"]) is None
        answered = db.session.get(Attempt, twins["answered"])
        assert answered.submitted_by == "duplicate" and answered.submitted_at is not None
        # The same answers, submitted through the app, score the same.
        attempt_service.submit_attempt(db.session.get(Attempt, kept))
        assert answered.points == db.session.get(Attempt, kept).points > 0
        assert answered.needs_grading == db.session.get(Attempt, kept).needs_grading
        db.engine.dispose()
