"""A teacher's changes to a submitted attempt's marks: overriding a mark, commenting on an answer,
overall feedback, and the audit trail that records each of them.

Nothing here commits: the route commits once, so a mark, the attempt's new total and the
audit row land together or not at all.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lectern.core.feedback_bands import Band, band_for, bands_from_data
from lectern.extensions import db
from lectern.models import Assignment, Attempt, Classroom, MarkChange, Response, Teacher, utcnow
from lectern.services import grading, lti_scores
from lectern.services.classes import MAX_ID

OVERRIDE, COMMENT, FEEDBACK, REGRADE = "override", "comment", "feedback", "regrade"


class StillInProgress(Exception):
    """The attempt is not submitted yet: its marks do not exist to change."""


def response_in(classroom: Classroom, response_id: int) -> Response | None:
    """Any response of an attempt made for one of this class's assignments; None otherwise."""
    if not 0 < response_id <= MAX_ID:
        return None
    return db.session.scalar(select(Response).join(Response.attempt).join(Attempt.assignment).where(
        Assignment.classroom_id == classroom.id, Response.id == response_id))


def _refuse_unsubmitted(attempt: Attempt) -> None:
    if attempt.submitted_at is None:
        raise StillInProgress(attempt.id)


def _clean(text: str | None) -> str | None:
    return (text or "").strip() or None


def change_mark(response: Response, marks: float | None, reason: str | None, comment: str | None,
                teacher: Teacher) -> list[MarkChange]:
    """Give a response new marks (with the reason) and/or a new comment; returns the audit rows written.

    marks None, or equal to the marks now, leaves the mark alone; the comment is compared the
    same way, so saving the form unchanged writes nothing.
    """
    _refuse_unsubmitted(response.attempt)
    grading.lock_attempt(response.attempt_id)
    changes = []
    if marks is not None:
        if not 0 <= marks <= response.max_points:
            raise ValueError(f"marks {marks} outside 0..{response.max_points}")  # the form refuses these first
        new_fraction = marks / response.max_points if response.max_points else 1.0
        if response.fraction is None or abs(new_fraction - response.fraction) > 1e-9:
            changes.append(MarkChange(kind=OVERRIDE, old_fraction=response.fraction, new_fraction=new_fraction,
                                      reason=_clean(reason)))
            response.fraction = new_fraction
            response.rubric_marks = None  # a mark given by hand is no longer the rubric's levels
            response.graded_by, response.graded_at = teacher, utcnow()
    if _clean(comment) != response.comment:
        response.comment = _clean(comment)
        changes.append(MarkChange(kind=COMMENT, reason=response.comment))
    for change in changes:
        change.attempt_id, change.response, change.teacher = response.attempt_id, response, teacher
        db.session.add(change)
    grading.recompute_attempt(response.attempt)
    if any(c.kind == OVERRIDE for c in changes):
        lti_scores.enqueue(response.attempt)  # the corrected score to the course's gradebook
    return changes


def set_feedback(attempt: Attempt, text: str | None, teacher: Teacher) -> MarkChange | None:
    """Replace the attempt's overall feedback; the audit row, or None when nothing changed."""
    _refuse_unsubmitted(attempt)
    if _clean(text) == attempt.feedback:
        return None
    attempt.feedback = _clean(text)
    change = MarkChange(attempt_id=attempt.id, teacher=teacher, kind=FEEDBACK, reason=attempt.feedback)
    db.session.add(change)
    return change


def changes_of(attempt: Attempt) -> list[MarkChange]:
    """Every recorded change to the attempt, newest first."""
    return list(db.session.scalars(
        select(MarkChange).where(MarkChange.attempt_id == attempt.id)
        .options(selectinload(MarkChange.response), selectinload(MarkChange.teacher))
        .order_by(MarkChange.created_at.desc(), MarkChange.id.desc())))


def overridden_ids(response_ids: set[int]) -> set[int]:
    """Those responses whose mark the teacher set by hand, unless a regrade replaced it since."""
    if not response_ids:
        return set()
    rows = db.session.execute(
        select(MarkChange.response_id, MarkChange.kind).where(
            MarkChange.response_id.in_(response_ids), MarkChange.kind.in_((OVERRIDE, REGRADE)))
        .order_by(MarkChange.created_at, MarkChange.id)).all()
    latest = {response_id: kind for response_id, kind in rows}  # the last one of each wins
    return {response_id for response_id, kind in latest.items() if kind == OVERRIDE}


def score_band(attempt: Attempt) -> Band | None:
    """The quiz's feedback band for the attempt's score; None while marks are pending or without bands."""
    if attempt.needs_grading or attempt.submitted_at is None:
        return None
    return band_for(bands_from_data(attempt.quiz.feedback_bands), attempt.percent)
