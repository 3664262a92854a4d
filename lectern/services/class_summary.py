"""Results at a glance: each assigned quiz's figures for the class page, and the teacher's
dashboard (recent results, and each class in a line).

One query per table, whatever the number of quizzes or students: the roster, the
attempts as plain columns, and the essays waiting counted in the database, grouped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from lectern.core import grade_summary, grading_methods
from lectern.core.grade_summary import GradeSummary
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Attempt,
    Classroom,
    Enrollment,
    QuestionVersion,
    Quiz,
    Response,
    Teacher,
    utcnow,
)
from lectern.services.classes import OPEN, assignment_state, taught_by

RECENT_RESULTS = 10
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class AssignmentSummary:
    """One assigned quiz as the class page shows it."""

    assignment: Assignment
    state: str  # upcoming, open or closed
    roster_size: int
    submitted: int  # students on the roster with at least one submitted attempt
    in_progress: int  # students on the roster with an attempt not yet submitted
    grades: GradeSummary  # of the submitted students' grades, by the class's grading method
    essays_waiting: int


def _percent(points: float | None, max_points: float) -> float:
    return 100 * points / max_points if points is not None and max_points else 0.0


def _essays_waiting(group_by, *where) -> dict[int, int]:
    """Ungraded essay answers in submitted attempts, counted per `group_by` (an assignment or class column)."""
    query = (select(group_by, func.count(Response.id))
             .select_from(Response).join(Attempt, Response.attempt_id == Attempt.id)
             .join(QuestionVersion, Response.question_version_id == QuestionVersion.id)
             .join(Assignment, Attempt.assignment_id == Assignment.id)
             .where(Attempt.submitted_at.is_not(None), Response.fraction.is_(None),
                    QuestionVersion.type == "essay", *where)
             .group_by(group_by))
    return dict(db.session.execute(query).all())


def assignment_summaries(classroom: Classroom, now: datetime | None = None) -> list[AssignmentSummary]:
    """Each of the class's assigned quizzes, in the order assigned, with its figures."""
    now = now or utcnow()
    assignments = db.session.scalars(
        select(Assignment).where(Assignment.classroom_id == classroom.id)
        .order_by(Assignment.created_at, Assignment.id)
        .options(selectinload(Assignment.quiz).selectinload(Quiz.bank))
    ).all()
    roster = set(db.session.scalars(select(Enrollment.student_id).where(Enrollment.classroom_id == classroom.id)))
    attempts = db.session.execute(
        select(Attempt.assignment_id, Attempt.student_id, Attempt.submitted_at, Attempt.points, Attempt.max_points)
        .join(Assignment, Attempt.assignment_id == Assignment.id)
        .where(Assignment.classroom_id == classroom.id)
        .order_by(Attempt.started_at, Attempt.id))
    percents: dict[int, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    working: dict[int, set[int]] = defaultdict(set)
    for assignment_id, student_id, submitted_at, points, max_points in attempts:
        if student_id not in roster:
            continue  # a student who left the class: kept in the gradebook, not in the class's figures
        if submitted_at is None:
            working[assignment_id].add(student_id)
        else:
            percents[assignment_id][student_id].append(_percent(points, max_points))
    waiting = _essays_waiting(Attempt.assignment_id, Assignment.classroom_id == classroom.id)
    summaries = []
    for a in assignments:
        method = a.grading_method if a.grading_method in grading_methods.GRADING_METHODS else "highest"
        grades = [grading_methods.quiz_grade(method, p) for p in percents[a.id].values()]
        summaries.append(AssignmentSummary(
            a, assignment_state(a.opens_at, a.closes_at, now), len(roster), len(percents[a.id]),
            len(working[a.id]), grade_summary.summarise([g for g in grades if g is not None]),
            waiting.get(a.id, 0)))
    return summaries


# --- the dashboard ------------------------------------------------------------------------

@dataclass(frozen=True)
class RecentResult:
    """One submitted attempt in one of the teacher's classes."""

    attempt_id: int
    classroom_id: int
    classroom_name: str
    quiz_title: str
    student_name: str
    percent: float
    needs_grading: bool
    submitted_at: datetime


@dataclass(frozen=True)
class ClassOverview:
    """One of the teacher's classes in a line."""

    classroom: Classroom
    students: int
    open_quizzes: int
    submitted_this_week: int
    essays_waiting: int


def recent_results(teacher: Teacher, limit: int = RECENT_RESULTS) -> list[RecentResult]:
    """The latest submitted attempts in the teacher's classes, newest first, under their roster names."""
    rows = db.session.execute(
        select(Attempt.id, Classroom.id, Classroom.name, Quiz.title,
               func.coalesce(Enrollment.display_name, Attempt.display_name),
               Attempt.points, Attempt.max_points, Attempt.needs_grading, Attempt.submitted_at)
        .join(Assignment, Attempt.assignment_id == Assignment.id)
        .join(Classroom, Assignment.classroom_id == Classroom.id)
        .join(Quiz, Assignment.quiz_id == Quiz.id)
        .outerjoin(Enrollment, (Enrollment.classroom_id == Classroom.id) & (Enrollment.student_id == Attempt.student_id))
        .where(taught_by(teacher), Attempt.submitted_at.is_not(None))
        .order_by(Attempt.submitted_at.desc(), Attempt.id.desc())
        .limit(limit))
    return [RecentResult(aid, cid, cname, title, name, _percent(points, max_points), bool(pending), submitted)
            for aid, cid, cname, title, name, points, max_points, pending, submitted in rows]


def class_overviews(teacher: Teacher, now: datetime | None = None) -> list[ClassOverview]:
    """Each of the teacher's classes, by name: students, quizzes open now, submissions this week, essays waiting."""
    now = now or utcnow()
    classrooms = db.session.scalars(
        select(Classroom).where(taught_by(teacher)).order_by(Classroom.name, Classroom.id)).all()
    mine = taught_by(teacher)
    students = dict(db.session.execute(
        select(Enrollment.classroom_id, func.count(Enrollment.id)).join(Classroom)
        .where(mine).group_by(Enrollment.classroom_id)).all())
    open_now: dict[int, int] = defaultdict(int)
    for classroom_id, opens_at, closes_at in db.session.execute(
            select(Assignment.classroom_id, Assignment.opens_at, Assignment.closes_at).join(Classroom).where(mine)):
        open_now[classroom_id] += assignment_state(opens_at, closes_at, now) == OPEN
    this_week = dict(db.session.execute(
        select(Assignment.classroom_id, func.count(Attempt.id))
        .join(Assignment, Attempt.assignment_id == Assignment.id).join(Classroom)
        .where(mine, Attempt.submitted_at >= now - WEEK).group_by(Assignment.classroom_id)).all())
    waiting = _essays_waiting(Assignment.classroom_id, Assignment.classroom_id.in_([c.id for c in classrooms]))
    return [ClassOverview(c, students.get(c.id, 0), open_now[c.id], this_week.get(c.id, 0), waiting.get(c.id, 0))
            for c in classrooms]
