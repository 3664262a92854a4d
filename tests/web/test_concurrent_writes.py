"""A class starting, answering and submitting at the same moment: every write waits its turn.

On SQLite a transaction that read before writing used to fail at once with "database is locked"
when another student was writing (it could not wait on the busy timeout); 1 in 300 starts of a
year group failed that way. Here two dozen students do everything at once, in threads, and every
request must succeed and every submission be stored and scored. The same test runs on PostgreSQL.
"""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import Attempt
from tests.conftest import csrf_token
from tests.web.helpers import RIGHT

STUDENTS = 24
SAVES = 10


def test_students_writing_at_the_same_moment_all_succeed(app, mini_bank):
    together = threading.Barrier(STUDENTS)
    failures: list[str] = []

    def student(n: int) -> None:
        client = app.test_client()
        try:
            token = csrf_token(client.get("/quizzes/mini/full").text)
            together.wait()
            started = client.post("/quizzes/mini/full", data={"display_name": f"Student {n}", "csrf_token": token})
            assert started.status_code == 302, started.text
            url = started.headers["Location"]
            token = csrf_token(client.get(url).text)
            together.wait()  # everyone saves and submits at once
            for _ in range(SAVES):  # as autosave does while they work
                saved = client.post(f"{url}/save", data={**RIGHT, "csrf_token": token})
                assert saved.status_code == 200, saved.text
            finished = client.post(url, data={**RIGHT, "csrf_token": token, "submit": "Finish attempt…"})
            submitted = client.post(finished.headers["Location"], data={"csrf_token": token, "submit": "Submit"})
            assert submitted.headers["Location"].endswith("/review"), submitted.text
        except Exception as error:  # noqa: BLE001  (every failure is collected and reported below)
            failures.append(f"student {n}: {error!r}")
            together.abort()

    threads = [threading.Thread(target=student, args=(n,)) for n in range(STUDENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    with app.app_context():
        scored = db.session.scalar(select(func.count()).select_from(Attempt).where(
            Attempt.submitted_at.is_not(None), Attempt.points.is_not(None)))
        marks = set(db.session.scalars(select(Attempt.points)))
    assert scored == STUDENTS
    assert len(marks) == 1 and marks.pop() >= len(RIGHT)  # every attempt stored whole, with the answers sent
