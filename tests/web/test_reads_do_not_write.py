"""Opening a page never writes. An attempt whose time ran out is shown everywhere as submitted at
its deadline with the answers saved before it, while the database keeps it as it was until a
write closes it: the attempt's next POST, `flask attempts close-overdue`, or the sweeper thread
each server process runs (lectern/services/overdue_attempts.py)."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Assignment, Classroom
from tests.conftest import csrf_token, make_app
from tests.web.attempt_steps import load, move_clock, save
from tests.web.class_steps import joined
from tests.web.teachers import sign_in
from tests.web.test_authorization import world  # noqa: F401  (sample ids of a class with a taken quiz)


def page(browser, url: str) -> str:
    """A page's text without its CSRF tokens (signed with the time, so new on every page)."""
    return re.sub(r'name="csrf_token"[^>]*value="[^"]+"', "", unescape(browser.get(url).text))


def everything(app) -> dict[str, list[tuple]]:
    """Every row of every table, to prove that nothing at all was written."""
    with app.app_context():
        return {table.name: [tuple(row) for row in db.session.execute(
                    select(table).order_by(*table.primary_key.columns))]
                for table in db.metadata.sorted_tables}


@pytest.fixture
def overdue(app, client, world, monkeypatch):  # noqa: F811
    """Ana's timed attempt for the class, three answers saved, ten minutes past its five-minute limit."""
    with app.app_context():
        classroom = db.session.scalar(select(Classroom))
        code, classroom_id = classroom.join_code, classroom.id
        assignment = db.session.get(Assignment, world["assignment_id"])
        assignment.time_limit_minutes, assignment_id = 5, assignment.id
        db.session.commit()
    ana = app.test_client()
    joined(ana, code, "Ana Lima")
    page = ana.get(f"/quizzes/mini/full?assignment={assignment_id}")
    url = ana.post(f"/quizzes/mini/full?assignment={assignment_id}",
                   data={"display_name": "Ana Lima", "csrf_token": csrf_token(page.text)}).headers["Location"]
    assert save(ana, url, {"q1": "b", "q2": ["a"], "q3": "false"}).status_code == 200
    move_clock(monkeypatch, timedelta(minutes=15))
    return {"ana": ana, "url": url, "assignment_id": assignment_id, "classroom_id": classroom_id,
            "samples": {**world, "code": code, "filename": "lectern.css", "run_id": 1, "token": "no-such-invite",
                        "sha256": "0" * 64, "platform_id": 1,
                        "attempt_id": int(url.rsplit("/", 1)[1]), "assignment_id": assignment_id}}


def test_no_page_of_any_audience_writes(app, overdue):
    teacher = app.test_client()
    assert sign_in(teacher).status_code == 302
    before = everything(app)
    opened = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        url = rule.build({n: overdue["samples"][n] for n in rule.arguments}, append_unknown=False)[1]
        for browser in (teacher, overdue["ana"], app.test_client()):
            reply = browser.get(url)
            assert reply.status_code < 500, f"GET {url}: {reply.status_code}"
            opened += 1
        assert everything(app) == before, f"GET {url} wrote to the database"
    assert opened > 150


def test_pages_show_the_attempt_as_its_deadline_submits_it(app, overdue, teacher_client):
    ana, url = overdue["ana"], overdue["url"]
    assert ana.get(url).headers["Location"].endswith("/review")
    review = page(ana, url + "/review")
    assert "Time ran out" in review
    gradebook_url = f"/teacher/classes/{overdue['classroom_id']}/assignments/{overdue['assignment_id']}/gradebook"
    gradebook = page(teacher_client, gradebook_url)
    assert "time ran out" in gradebook and "In progress" not in gradebook.split("<table", 1)[1]
    listing = unescape(ana.get("/attempts").text)
    assert "time ran out" in listing and "In progress" not in listing
    assert load(app, url).submitted_at is None

    # Closed for real, every page says the same.
    result = app.test_cli_runner().invoke(args=["attempts", "close-overdue"])
    assert "1 overdue attempt(s) submitted" in result.output
    stored = load(app, url)
    assert stored.submitted_by == "deadline" and stored.submitted_at == stored.deadline
    assert page(ana, url + "/review") == review
    assert page(teacher_client, gradebook_url) == gradebook


def test_the_sweeper_closes_overdue_attempts_in_the_background(app, overdue, tmp_path):
    shown = page(overdue["ana"], overdue["url"] + "/review")
    served = make_app(tmp_path, CLOSE_OVERDUE_EVERY=0.05)  # the same database, as a server process
    served.test_client().get("/")  # its first request starts the sweeper
    try:
        give_up = time.monotonic() + 10
        while load(app, overdue["url"]).submitted_at is None and time.monotonic() < give_up:
            time.sleep(0.05)
    finally:
        served.extensions["overdue_sweeper"].stop()  # it must not sweep the next test's database
    stored = load(app, overdue["url"])
    assert stored.submitted_by == "deadline" and stored.submitted_at == stored.deadline
    assert page(overdue["ana"], overdue["url"] + "/review") == shown  # the score shown before is the one stored
    with served.app_context():
        db.engine.dispose()
