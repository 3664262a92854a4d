"""Essay grading: the queue of written answers waiting for a class's teacher, and grading one (by marks or by
its rubric).

Nothing here commits: the route commits once, so a response's marks and its attempt's
new score land together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import case, func, select
from sqlalchemy.orm import contains_eager

from lectern.core.questions import QuestionDefinition
from lectern.core.questions.essay import RubricCriterion, rubric_fraction
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Attempt,
    Classroom,
    Enrollment,
    MarkChange,
    QuestionVersion,
    Response,
    Teacher,
    utcnow,
)
from lectern.services import lti_scores
from lectern.services.classes import MAX_ID
from lectern.services.question_versions import definition_of

ESSAY = "essay"
QUEUE_PAGE_SIZE = 20


def _essays_of(classroom: Classroom):
    """Essay responses in submitted attempts made for this class's assignments."""
    return (
        select(Response)
        .join(Response.attempt).join(Attempt.assignment).join(Response.question_version)
        .where(Assignment.classroom_id == classroom.id, Attempt.submitted_at.is_not(None),
               QuestionVersion.type == ESSAY)
    )


def gradable_response(classroom: Classroom, response_id: int) -> Response | None:
    """The response, if it is an essay answered in a submitted attempt of this class; None otherwise."""
    if not 0 < response_id <= MAX_ID:
        return None
    return db.session.scalar(_essays_of(classroom).where(Response.id == response_id))


@dataclass(frozen=True)
class QueueItem:
    """An essay waiting for grading, with what the teacher needs beside it."""

    response: Response
    definition: QuestionDefinition
    student_name: str


def grading_queue(classroom: Classroom, page: int = 1) -> tuple[Pagination, list[QueueItem]]:
    """One page of the class's ungraded essays, oldest submission first (fair to those who finished early)."""
    query = (_essays_of(classroom).where(Response.fraction.is_(None))
             .options(contains_eager(Response.attempt).contains_eager(Attempt.assignment),
                      contains_eager(Response.question_version))
             .order_by(Attempt.submitted_at, Attempt.id, Response.position))
    pages = db.paginate(query, page=page, per_page=QUEUE_PAGE_SIZE, error_out=False)
    names = dict(db.session.execute(select(Enrollment.student_id, Enrollment.display_name).where(
        Enrollment.classroom_id == classroom.id,
        Enrollment.student_id.in_({r.attempt.student_id for r in pages.items}))).all())
    items = [QueueItem(r, definition_of(r.question_version),
                       names.get(r.attempt.student_id, r.attempt.display_name)) for r in pages.items]
    return pages, items


def waiting_count(classroom: Classroom) -> int:
    """How many essays of this class wait for grading."""
    return db.session.scalar(
        select(func.count()).select_from(_essays_of(classroom).where(Response.fraction.is_(None)).subquery())) or 0


def lock_attempt(attempt_id: int) -> None:
    """Lock the attempt's row until the commit, so two mark changes to it cannot both sum without the other.

    (PostgreSQL takes the row lock; SQLite already lets one writer in at a time.)
    """
    db.session.execute(select(Attempt.id).where(Attempt.id == attempt_id).with_for_update())


def recompute_attempt(attempt: Attempt) -> None:
    """Bring the attempt's points, max_points and needs_grading up to date with its responses.

    Summed from the responses in the database, so they agree with every response however
    many were marked and by whom.
    """
    db.session.flush()
    points, most, waiting = db.session.execute(
        select(func.coalesce(func.sum(Response.fraction * Response.max_points), 0.0),
               func.coalesce(func.sum(Response.max_points), 0.0),
               func.coalesce(func.sum(case((Response.fraction.is_(None), 1), else_=0)), 0))
        .where(Response.attempt_id == attempt.id)
    ).one()
    attempt.points = round(points, 6)
    attempt.max_points = round(most, 6)
    attempt.needs_grading = bool(waiting)


def grade_essay(response: Response, marks: float | None, comment: str | None, teacher: Teacher, *,
                levels: list[int] | None = None) -> None:
    """Give an essay its marks (0..max_points), or the level picked per criterion of its rubric, and its comment;
    bring its attempt's score up to date.

    By rubric, the marks are the rubric's fraction of the question's points, and the points picked
    are kept. Grading again replaces the marks and the comment; a change to marks already given, or
    to the comment, goes into the attempt's audit trail.
    """
    if levels is not None:
        rubric = getattr(definition_of(response.question_version), "rubric", [])
        picked = rubric_points(rubric, levels)
        fraction = rubric_fraction(rubric, dict(enumerate(picked)))
    elif marks is not None and 0 <= marks <= response.max_points:
        picked, fraction = None, marks / response.max_points if response.max_points else 1.0
    else:
        raise ValueError(f"marks {marks} outside 0..{response.max_points}")  # the form refuses these first
    # Lock the attempt first: two essays of one attempt graded at once (two tabs) would
    # otherwise each sum without the other's marks, and the last to commit would win.
    lock_attempt(response.attempt_id)
    old_fraction, old_comment = response.fraction, response.comment
    response.fraction, response.rubric_marks = fraction, picked
    response.comment = (comment or "").strip() or None
    response.graded_by = teacher
    response.graded_at = utcnow()
    if old_fraction is not None and abs(old_fraction - response.fraction) > 1e-9:
        db.session.add(MarkChange(attempt_id=response.attempt_id, response=response, teacher=teacher,
                                  kind="override", old_fraction=old_fraction, new_fraction=response.fraction,
                                  reason="Marked the written answer again."))
    if response.comment != old_comment:
        db.session.add(MarkChange(attempt_id=response.attempt_id, response=response, teacher=teacher,
                                  kind="comment", reason=response.comment))
    recompute_attempt(response.attempt)
    lti_scores.enqueue(response.attempt)  # the corrected score to the course's gradebook


def rubric_points(rubric: list[RubricCriterion], levels: list[int]) -> list[float]:
    """The points of the level picked for each criterion of a rubric (ValueError if one is not there)."""
    if not rubric or len(levels) != len(rubric) or any(not 0 <= k < len(c.levels) for c, k in zip(rubric, levels)):
        raise ValueError(f"levels {levels} do not fit the rubric")  # the form refuses these first
    return [criterion.levels[k].points for criterion, k in zip(rubric, levels)]
