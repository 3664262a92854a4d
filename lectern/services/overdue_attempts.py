"""Attempts whose time ran out: how pages show them, and who submits them.

A page that only reads never writes. An attempt past its deadline (and the grace given to
the countdown's own submission) is submitted with the answers saved before the deadline by
whichever comes first:
  * the next request that writes to it (saving, submitting, starting the quiz again);
  * the sweeper: a background thread in each server process, every CLOSE_OVERDUE_EVERY
    seconds (10 by default), started with the first request the process answers;
  * `flask attempts close-overdue`, for a cron job or a server without the sweeper.
Until then, the pages that show one attempt (the review, the student's list, the teacher's
view of it, the gradebook) show it as the deadline submits it, computed as submitting would
compute it and not stored. Pages that count a class's attempts in the database (item
analysis, exports) count it once it is closed, seconds later.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm.attributes import set_committed_value

from lectern.core.attempt_rules import GRACE, overdue
from lectern.extensions import db
from lectern.models import Attempt, Student
from lectern.services import attempts as attempt_service
from lectern.services.attempt_slots import slots_of

log = logging.getLogger(__name__)


def deadline_result(attempt_id: int) -> tuple[float, bool]:
    """What submitting at the deadline would record: (points, an essay waiting)."""
    result = attempt_service.graded(slots_of(attempt_id), {})
    return result.points, result.pending


def shown_as_closed(attempt: Attempt, now: datetime | None = None) -> bool:
    """Give an unsubmitted attempt past its deadline, in memory only, the state the deadline's
    submission will store: submitted at the deadline, its saved answers graded. True if it did.

    set_committed_value changes the loaded object without marking it changed, so nothing of
    this is ever flushed to the database.
    """
    if attempt.submitted_at is not None or not overdue(attempt.deadline, now or attempt_service.clock()):
        return False
    points, pending = deadline_result(attempt.id)
    for name, value in (("submitted_at", attempt.deadline), ("submitted_by", "deadline"),
                        ("points", points), ("needs_grading", pending)):
        set_committed_value(attempt, name, value)
    return True


def close_overdue_attempts(now: datetime | None = None, student: Student | None = None) -> int:
    """Submit every unfinished attempt past its deadline (only this student's, if given); how many."""
    now = now or attempt_service.clock()
    query = select(Attempt).where(Attempt.submitted_at.is_(None), Attempt.deadline.is_not(None),
                                  Attempt.deadline < now - GRACE)
    if student is not None:
        query = query.where(Attempt.student_id == student.id)
    return sum(attempt_service.close_if_overdue(attempt, now) for attempt in list(db.session.scalars(query)))


class Sweeper:
    """The background closing of overdue attempts in one server process."""

    def __init__(self, app: Flask, every: float) -> None:
        self.app, self.every = app, every
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=_sweep, args=(self,), name="close-overdue", daemon=True)
        self._started = threading.Lock()

    def start_once(self) -> None:
        if self._started.acquire(blocking=False):
            self.thread.start()

    def stop(self) -> None:
        """Stop and wait for it (a test's app must not go on sweeping a database the next test shares)."""
        self.stopping.set()
        if self.thread.is_alive():
            self.thread.join()


def init_app(app: Flask) -> None:
    """Start the sweeper with the first request a server process answers (not in `flask` commands);
    it is app.extensions["overdue_sweeper"]."""
    every = float(app.config.get("CLOSE_OVERDUE_EVERY", 0) or 0)
    if every <= 0:
        return
    sweeper = app.extensions["overdue_sweeper"] = Sweeper(app, every)
    app.before_request(sweeper.start_once)


def _sweep(sweeper: Sweeper) -> None:
    while not sweeper.stopping.wait(sweeper.every):
        with sweeper.app.app_context():
            try:
                closed = close_overdue_attempts()
                if closed:
                    log.info("%d overdue attempt(s) submitted at their deadline", closed)
            except Exception:  # a bad moment (a lost connection) must not end the sweeper
                log.exception("closing overdue attempts failed; trying again in %s s", sweeper.every)
            finally:
                db.session.remove()
