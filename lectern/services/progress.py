"""A student's own progress: their submitted attempts over time, and how they do in each reading skill.

Only what the student may already see counts: an attempt whose quiz hides scores (until
it closes, or for good) is listed without its score and left out of the skill totals,
so this page never reveals more than the reviews do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from lectern.core.questions.base import SKILLS
from lectern.extensions import db
from lectern.models import Attempt, QuestionVersion, Quiz, Response, Student
from lectern.services import attempt_results
from lectern.services.question_versions import definition_of

SKILL_LABELS = {
    "locate": "Locate: finding what the text states",
    "understand": "Understand: meaning, inference and vocabulary",
    "evaluate": "Evaluate: judging sources, claims and the author's choices",
}


@dataclass(frozen=True)
class ProgressPoint:
    """One submitted attempt on the student's timeline."""

    attempt_id: int
    quiz_title: str
    submitted_at: datetime
    percent: float | None  # None while the quiz hides the score
    provisional: bool  # an essay still waits for the teacher


@dataclass(frozen=True)
class SkillResult:
    """Points earned over points possible in one skill, across the student's visible responses."""

    skill: str
    label: str
    points: float
    max_points: float
    waiting: int  # essays in this skill not graded yet (left out of both sums)

    @property
    def percent(self) -> float | None:
        return 100 * self.points / self.max_points if self.max_points else None


@dataclass(frozen=True)
class Progress:
    timeline: list[ProgressPoint]
    skills: list[SkillResult]

    @property
    def scored(self) -> list[ProgressPoint]:
        return [p for p in self.timeline if p.percent is not None]


def _skill_totals(attempt_ids: list[int]) -> list[SkillResult]:
    """Sum points and max points per question version in SQL, then by each version's skill."""
    if not attempt_ids:
        return []
    graded = Response.fraction.is_not(None)
    rows = db.session.execute(
        select(Response.question_version_id,
               func.coalesce(func.sum(Response.fraction * Response.max_points), 0.0),
               func.coalesce(func.sum(case((graded, Response.max_points), else_=0.0)), 0.0),
               func.coalesce(func.sum(case((graded, 0), else_=1)), 0))
        .where(Response.attempt_id.in_(attempt_ids))
        .group_by(Response.question_version_id)
    ).all()
    versions = db.session.scalars(select(QuestionVersion).where(QuestionVersion.id.in_([r[0] for r in rows])))
    skill_of = {v.id: definition_of(v).skill for v in versions}
    totals = {skill: [0.0, 0.0, 0] for skill in SKILLS}
    for version_id, earned, possible, waiting in rows:
        skill = skill_of.get(version_id)
        if skill in totals:  # a question without a skill counts in no skill
            totals[skill][0] += earned
            totals[skill][1] += possible
            totals[skill][2] += waiting
    return [SkillResult(skill, SKILL_LABELS[skill], *totals[skill]) for skill in SKILLS
            if totals[skill][1] or totals[skill][2]]


def progress_of(student: Student | None, now: datetime | None = None) -> Progress:
    """This student's progress, oldest attempt first; empty for a browser that never submitted."""
    if student is None:
        return Progress([], [])
    attempts = db.session.scalars(
        select(Attempt).where(Attempt.student_id == student.id, Attempt.submitted_at.is_not(None))
        .order_by(Attempt.submitted_at, Attempt.id)
        .options(selectinload(Attempt.quiz).selectinload(Quiz.bank), selectinload(Attempt.assignment))
    ).all()
    timeline, visible = [], []
    for a in attempts:
        shown = attempt_results.review_show_for(a, now).correctness
        if shown:
            visible.append(a.id)
        timeline.append(ProgressPoint(a.id, a.quiz.title, a.submitted_at,
                                      (a.percent or 0.0) if shown else None, a.needs_grading))
    return Progress(timeline, _skill_totals(visible))
