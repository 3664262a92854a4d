"""The gradebook of one assignment: every student on the roster with their attempts, grade and status.

Built from three small queries (the roster, the assignment's attempts as plain columns,
and a count of essays waiting), never from responses: a class of 1,000 students with
40 questions each builds its gradebook from about as many rows as it has attempts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from lectern.core import grading_methods
from lectern.core.attempt_rules import overdue
from lectern.extensions import db
from lectern.models import Assignment, Attempt, Classroom, Enrollment, QuestionVersion, Response
from lectern.services import attempts as attempt_service
from lectern.services.classes import MAX_ID
from lectern.services.overdue_attempts import deadline_result

NOT_STARTED, IN_PROGRESS, SUBMITTED, NEEDS_GRADING = "not_started", "in_progress", "submitted", "needs_grading"
STATUS_LABELS = {
    NOT_STARTED: "Not started",
    IN_PROGRESS: "In progress",
    SUBMITTED: "Submitted",
    NEEDS_GRADING: "Needs grading",
}


@dataclass(frozen=True)
class AttemptSummary:
    """One attempt as the gradebook lists it (no responses)."""

    id: int
    number: int  # 1, 2… in the order the student started them
    started_at: datetime
    submitted_at: datetime | None
    percent: float | None  # None while in progress
    needs_grading: bool
    submitted_by: str | None

    @property
    def seconds(self) -> float | None:
        """How long the attempt took, start to submission."""
        if self.submitted_at is None:
            return None
        return (self.submitted_at - self.started_at).total_seconds()


@dataclass(frozen=True)
class GradebookRow:
    """A student's line: their attempts, grade by the quiz's method, and where they are."""

    student_id: int
    name: str
    on_roster: bool  # False: left the class, but their attempts for it are kept
    attempts: tuple[AttemptSummary, ...]
    grade: float | None
    provisional: bool  # an essay in a submitted attempt still waits for the teacher
    status: str
    seconds: float | None  # time taken by the attempt the grade comes from (mean, for "average")

    @property
    def submitted(self) -> list[AttemptSummary]:
        return [a for a in self.attempts if a.submitted_at is not None]

    @property
    def last_submitted_at(self) -> datetime | None:
        return max((a.submitted_at for a in self.submitted), default=None)


@dataclass(frozen=True)
class Gradebook:
    """The assignment's gradebook, rows by name (students who left the class last)."""

    assignment: Assignment
    method: str
    method_label: str
    rows: list[GradebookRow]
    essays_waiting: int

    def count(self, status: str) -> int:
        return sum(row.status == status for row in self.rows)


def _status(attempts: list[AttemptSummary]) -> str:
    # Needs grading wins: it is the one state that waits on the teacher, not the student.
    if any(a.needs_grading for a in attempts if a.submitted_at is not None):
        return NEEDS_GRADING
    if any(a.submitted_at is None for a in attempts):
        return IN_PROGRESS
    return SUBMITTED if attempts else NOT_STARTED


def _seconds(method: str, submitted: list[AttemptSummary]) -> float | None:
    """The time of the attempt whose score is the grade; the mean time when the grade is a mean."""
    if not submitted:
        return None
    if method == "average":
        return sum(a.seconds or 0 for a in submitted) / len(submitted)
    counted = {"first": submitted[0], "last": submitted[-1]}.get(method) or max(
        submitted, key=lambda a: a.percent or 0.0)
    return counted.seconds


def _row(student_id: int, name: str, on_roster: bool, attempts: list[AttemptSummary], method: str) -> GradebookRow:
    submitted = [a for a in attempts if a.submitted_at is not None]
    # As the student's own grade (attempt_results.quiz_grade): attempts waiting for an
    # essay count with the points they have so far, hence "provisional".
    grade = grading_methods.quiz_grade(method, [a.percent or 0.0 for a in submitted])
    return GradebookRow(student_id, name, on_roster, tuple(attempts), grade,
                        any(a.needs_grading for a in submitted), _status(attempts), _seconds(method, submitted))


def _attempts(assignment: Assignment) -> dict[int, list[AttemptSummary]]:
    """The assignment's attempts by student, each student's in the order started."""
    found = db.session.execute(
        select(Attempt.id, Attempt.student_id, Attempt.started_at, Attempt.submitted_at, Attempt.points,
               Attempt.max_points, Attempt.needs_grading, Attempt.submitted_by, Attempt.deadline)
        .where(Attempt.assignment_id == assignment.id)
        .order_by(Attempt.student_id, Attempt.started_at, Attempt.id)
    )
    by_student: dict[int, list[AttemptSummary]] = defaultdict(list)
    now = attempt_service.clock()
    for id_, student_id, started, submitted, points, max_points, pending, by, deadline in found:
        if submitted is None and overdue(deadline, now):  # shown as its deadline submits it (not stored here)
            (points, pending), submitted, by = deadline_result(id_), deadline, "deadline"
        percent = None
        if submitted is not None:
            percent = 100 * points / max_points if points is not None and max_points else 0.0
        mine = by_student[student_id]
        mine.append(AttemptSummary(id_, len(mine) + 1, started, submitted, percent, bool(pending), by))
    return by_student


def _left_names(assignment: Assignment, student_ids: set[int]) -> dict[int, str]:
    """Names of students who made attempts but are no longer on the roster: the latest name they gave."""
    if not student_ids:
        return {}
    rows = db.session.execute(
        select(Attempt.student_id, Attempt.display_name).where(
            Attempt.assignment_id == assignment.id, Attempt.student_id.in_(student_ids))
        .order_by(Attempt.started_at, Attempt.id))
    return dict(rows.all())  # later rows overwrite earlier ones


def essays_waiting(assignment: Assignment) -> int:
    """Essay responses in submitted attempts of this assignment that a teacher has not graded."""
    return db.session.scalar(
        select(func.count(Response.id)).join(Attempt, Response.attempt_id == Attempt.id)
        .join(QuestionVersion, Response.question_version_id == QuestionVersion.id)
        .where(Attempt.assignment_id == assignment.id, Attempt.submitted_at.is_not(None),
               Response.fraction.is_(None), QuestionVersion.type == "essay")
    ) or 0


def build_gradebook(assignment: Assignment) -> Gradebook:
    """The gradebook of an assignment; an attempt whose time ran out is shown as submitted at its deadline."""
    method = assignment.grading_method  # the class's own setting
    by_student = _attempts(assignment)
    roster = db.session.execute(
        select(Enrollment.student_id, Enrollment.display_name)
        .where(Enrollment.classroom_id == assignment.classroom_id)).all()
    rows = [_row(sid, name, True, by_student.get(sid, []), method) for sid, name in roster]
    left = _left_names(assignment, set(by_student) - {sid for sid, _ in roster})
    rows.sort(key=lambda r: (r.name.casefold(), r.student_id))
    rows += sorted((_row(sid, name, False, by_student[sid], method) for sid, name in left.items()),
                   key=lambda r: (r.name.casefold(), r.student_id))
    return Gradebook(assignment, method, grading_methods.GRADING_METHODS.get(method, method), rows,
                     essays_waiting(assignment))


def attempt_in(classroom: Classroom, attempt_id: int) -> Attempt | None:
    """The attempt, if it was made for one of this class's assignments."""
    attempt = db.session.get(Attempt, attempt_id) if 0 < attempt_id <= MAX_ID else None
    if attempt is None or attempt.assignment is None or attempt.assignment.classroom_id != classroom.id:
        return None
    return attempt


def roster_name(classroom: Classroom, attempt: Attempt) -> str:
    """The name the teacher knows the student by: the roster's, else the one given on the attempt."""
    name = db.session.scalar(select(Enrollment.display_name).where(
        Enrollment.classroom_id == classroom.id, Enrollment.student_id == attempt.student_id))
    return name or attempt.display_name


def duration_text(seconds: float | None) -> str:
    """A time taken in words a teacher reads at a glance: "12 min 5 s", "1 h 3 min"."""
    if seconds is None:
        return "–"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"
