"""Regrading an assignment after a question's key was fixed: which questions have a newer version
than the one its students answered, what a regrade would change (the dry run), and doing it.

The diffing is pure (lectern.core.regrading); this module gathers the marks and applies the
plan. Nothing here commits: the route commits once, so every mark, total, audit row and the
assignment's snapshot change together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lectern.core.regrading import MarkDiff, RegradeCandidate, RegradePlan, plan_regrade
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Attempt,
    MarkChange,
    Question,
    QuestionVersion,
    Response,
    Teacher,
)
from lectern.services import grading, mark_overrides
from lectern.services.gradebook import roster_name
from lectern.services.question_versions import definition_of


@dataclass(frozen=True)
class StaleQuestion:
    """A question some submitted attempts answered in an older version than its latest."""

    question_id: int
    prompt: str
    latest_number: int
    answers: int  # how many responses answered an older version


@dataclass(frozen=True)
class RegradeRow:
    """One line of the dry run: whose mark changes, on which question as they saw it, and their total."""

    diff: MarkDiff
    student: str
    position: int
    total_before: float
    total_after: float


def _stale_responses(assignment: Assignment, question_ids: set[int] | None = None) -> list[Response]:
    """Responses in the assignment's submitted attempts whose version is older than their question's latest."""
    query = (select(Response).join(Response.attempt).join(Response.question_version)
             .where(Attempt.assignment_id == assignment.id, Attempt.submitted_at.is_not(None))
             .options(selectinload(Response.question_version).selectinload(QuestionVersion.question)
                      .selectinload(Question.versions), selectinload(Response.attempt))
             .order_by(Attempt.id, Response.position))
    if question_ids is not None:
        query = query.where(QuestionVersion.question_id.in_(question_ids))
    return [r for r in db.session.scalars(query)
            if r.question_version.id != r.question_version.question.versions[-1].id]


def stale_questions(assignment: Assignment) -> list[StaleQuestion]:
    """The questions a regrade could bring up to date, in bank order."""
    found: dict[int, list[Response]] = {}
    for response in _stale_responses(assignment):
        found.setdefault(response.question_version.question_id, []).append(response)
    questions = sorted((rs[0].question_version.question for rs in found.values()), key=lambda q: (q.position, q.id))
    return [StaleQuestion(q.id, definition_of(q.versions[-1]).prompt, q.versions[-1].number, len(found[q.id]))
            for q in questions]


def _latest(response: Response) -> QuestionVersion:
    return response.question_version.question.versions[-1]


def _plan(responses: list[Response], include_overridden: bool) -> RegradePlan:
    overridden = mark_overrides.overridden_ids({r.id for r in responses})
    candidates = [RegradeCandidate(
        r.id, r.attempt_id, r.fraction, definition_of(_latest(r)).grade_or_unanswered(r.answer).fraction,
        r.max_points, definition_of(_latest(r)).points, r.id in overridden) for r in responses]
    totals = {r.attempt_id: r.attempt.points or 0.0 for r in responses}
    return plan_regrade(candidates, totals, include_overridden)


def dry_run(assignment: Assignment, question_ids: set[int], include_overridden: bool) -> list[RegradeRow]:
    """What regrading these questions would change, student by student; the database is left as it was."""
    responses = {r.id: r for r in _stale_responses(assignment, question_ids)}
    plan = _plan(list(responses.values()), include_overridden)
    rows = []
    for diff in plan.diffs:
        response = responses[diff.response_id]
        before, after = plan.totals.get(diff.attempt_id, (response.attempt.points or 0.0,) * 2)
        rows.append(RegradeRow(diff, roster_name(assignment.classroom, response.attempt), response.position,
                               before, after))
    return sorted(rows, key=lambda row: (row.student.casefold(), row.diff.attempt_id, row.position))


def regrade(assignment: Assignment, question_ids: set[int], include_overridden: bool,
            teacher: Teacher) -> RegradePlan:
    """Move the chosen questions' responses to their latest versions, remark them, and record each change.

    A mark the teacher set by hand stays unless include_overridden; an essay keeps the teacher's mark.
    The assignment's question snapshot follows, so new attempts get the fixed versions too.
    """
    responses = _stale_responses(assignment, question_ids)
    for attempt_id in sorted({r.attempt_id for r in responses}):
        grading.lock_attempt(attempt_id)
    plan = _plan(responses, include_overridden)
    applied = {d.response_id: d for d in plan.applied}
    moved: dict[int, int] = {}
    for response in responses:
        latest = _latest(response)
        moved[response.question_version_id] = latest.id
        response.question_version = latest
        response.max_points = definition_of(latest).points
        if response.id in applied:
            diff = applied[response.id]
            response.fraction = diff.new_fraction
            db.session.add(MarkChange(attempt_id=response.attempt_id, response=response, teacher=teacher,
                                      kind=mark_overrides.REGRADE, old_fraction=diff.old_fraction,
                                      new_fraction=diff.new_fraction))
    for attempt in {r.attempt for r in responses}:
        grading.recompute_attempt(attempt)
    if assignment.question_version_ids is not None:
        # A new list, not an edit in place: the JSON column notices only a new value.
        assignment.question_version_ids = [moved.get(v, v) for v in assignment.question_version_ids]
    return plan
