"""The monitor of one assigned quiz while the class sits it: where each student on the roster is.

It counts answers saved so far, never grades them: a right or wrong before submission
would be a leak the moment a teacher's screen is seen by a student. Three queries in all
(the roster, the attempts, and the answers counted per unsubmitted attempt in the database).
Reads only: an attempt past its deadline shows as "time up" until the next write closes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from lectern.core import attempt_rules
from lectern.extensions import db
from lectern.models import Assignment, Attempt, Enrollment, Response, utcnow

NOT_STARTED, IN_PROGRESS, SUBMITTED, BY_DEADLINE = "not_started", "in_progress", "submitted", "by_deadline"
STATUS_LABELS = {
    IN_PROGRESS: "In progress",
    NOT_STARTED: "Not started",
    SUBMITTED: "Submitted",
    BY_DEADLINE: "Submitted by the deadline",
}
ORDER = {IN_PROGRESS: 0, NOT_STARTED: 1, SUBMITTED: 2, BY_DEADLINE: 2}  # the ones to watch first


@dataclass(frozen=True)
class Progress:
    """How far an unsubmitted attempt is: answers saved of questions, and when it was last saved."""

    answered: int
    questions: int


@dataclass(frozen=True)
class MonitorRow:
    """A student on the roster and their latest attempt at this quiz."""

    name: str
    status: str
    attempt_id: int | None
    progress: Progress | None  # only while in progress
    seconds_left: int | None  # None: no time limit, or not in progress
    last_saved_at: datetime | None
    percent: float | None  # the latest submitted attempt's score


def progress_of(assignment: Assignment) -> dict[int, Progress]:
    """Answers saved so far in each unsubmitted attempt of the assignment, by attempt id."""
    rows = db.session.execute(
        select(Response.attempt_id, func.count(Response.answer), func.count(Response.id))
        .join(Attempt, Response.attempt_id == Attempt.id)
        .where(Attempt.assignment_id == assignment.id, Attempt.submitted_at.is_(None))
        .group_by(Response.attempt_id))
    return {attempt_id: Progress(answered, total) for attempt_id, answered, total in rows}


def _row(name: str, attempts: list, progress: dict[int, Progress], now: datetime) -> MonitorRow:
    working = next((a for a in reversed(attempts) if a.submitted_at is None), None)
    if working is not None:
        return MonitorRow(name, IN_PROGRESS, working.id, progress.get(working.id, Progress(0, 0)),
                          attempt_rules.seconds_left(working.deadline, now), working.last_saved_at, None)
    if not attempts:
        return MonitorRow(name, NOT_STARTED, None, None, None, None, None)
    last = attempts[-1]
    percent = 100 * last.points / last.max_points if last.points is not None and last.max_points else 0.0
    status = BY_DEADLINE if last.submitted_by == "deadline" else SUBMITTED
    return MonitorRow(name, status, last.id, None, None, last.last_saved_at, percent)


def monitor(assignment: Assignment, now: datetime | None = None) -> list[MonitorRow]:
    """Every student on the roster, those in progress first, then by name."""
    now = now or utcnow()
    roster = db.session.execute(
        select(Enrollment.student_id, Enrollment.display_name)
        .where(Enrollment.classroom_id == assignment.classroom_id)).all()
    by_student: dict[int, list] = {sid: [] for sid, _ in roster}
    for attempt in db.session.execute(
            select(Attempt.id, Attempt.student_id, Attempt.submitted_at, Attempt.points, Attempt.max_points,
                   Attempt.deadline, Attempt.submitted_by, Attempt.last_saved_at)
            .where(Attempt.assignment_id == assignment.id).order_by(Attempt.started_at, Attempt.id)):
        if attempt.student_id in by_student:
            by_student[attempt.student_id].append(attempt)
    progress = progress_of(assignment)
    rows = [_row(name, by_student[sid], progress, now) for sid, name in roster]
    return sorted(rows, key=lambda r: (ORDER[r.status], r.name.casefold()))


def time_left_text(seconds: int | None) -> str:
    """ "12 min 5 s" left, "time up" at zero, "no limit" without a deadline."""
    if seconds is None:
        return "no limit"
    if seconds <= 0:
        return "time up"
    minutes, secs = divmod(seconds, 60)
    return f"{minutes} min {secs:02d} s" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"
