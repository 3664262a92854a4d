"""What a live session leaves: each participant's answers as a submitted Attempt (marked live) in
the gradebook, the distribution a reveal shows, the leaderboard, and a student's own results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, insert, or_, select

from lectern.core import live_rules
from lectern.core.questions import QuestionDefinition
from lectern.extensions import db
from lectern.models import Assignment, Attempt, LiveAnswer, LiveParticipant, LiveSession, Response
from lectern.services.live_sessions import definitions, version_keys

LIVE = "live"  # Attempt.submitted_by of a live session's attempts


def _answers(session: LiveSession) -> dict[int, dict[int, LiveAnswer]]:
    """Every answer of the session, by participant and position."""
    out: dict[int, dict[int, LiveAnswer]] = {}
    for row in db.session.scalars(select(LiveAnswer).where(LiveAnswer.session_id == session.id)):
        out.setdefault(row.participant_id, {})[row.position] = row
    return out


def _assignment_for(session: LiveSession, now: datetime) -> Assignment | None:
    """Where a class's session goes in the gradebook: the class's assignment of the quiz, made for
    the session (with its questions as the snapshot) when the quiz was not set for the class.

    One made here closes as the session ends: the live run was the class's go at it, and a quiz
    the teacher never set must not open for the class to take again on its own. The teacher can
    open it for more attempts on the assignment's page."""
    if session.classroom_id is None:
        return None
    found = db.session.scalar(select(Assignment).where(Assignment.classroom_id == session.classroom_id,
                                                       Assignment.quiz_id == session.quiz_id))
    if found is None:
        found = Assignment(classroom_id=session.classroom_id, quiz_id=session.quiz_id, closes_at=now,
                           question_version_ids=list(session.question_version_ids))
        db.session.add(found)
        db.session.flush()
    return found


def record_attempts(session: LiveSession, now: datetime) -> None:
    """Each participant's answers as one submitted attempt, scored for accuracy only (the speed
    bonus is the leaderboard's, never the grade's). Questions not reached are left out."""
    keys, defs = version_keys(session), definitions(session)
    asked = range(1, min(session.position, len(keys)) + 1)
    answers, assignment = _answers(session), _assignment_for(session, now)
    for participant in session.participants:
        mine = answers.get(participant.id, {})
        points = sum(mine[p].fraction * defs[p - 1].points for p in asked if p in mine)
        attempt = Attempt(quiz_id=session.quiz_id, student_id=participant.student_id,
                          display_name=participant.display_name, started_at=participant.joined_at,
                          submitted_at=now, submitted_by=LIVE, points=round(points, 6),
                          max_points=sum(defs[p - 1].points for p in asked), assignment=assignment)
        db.session.add(attempt)
        db.session.flush()
        participant.attempt_id = attempt.id
        if asked:
            db.session.execute(insert(Response), [
                {"attempt_id": attempt.id, "position": p, "question_version_id": keys[p - 1][0],
                 "max_points": defs[p - 1].points, "flagged": False, "option_order": None,
                 "answer": mine[p].answer if p in mine else None,
                 "fraction": mine[p].fraction if p in mine else 0.0} for p in asked])


def distribution(session: LiveSession, definition: QuestionDefinition) -> list[tuple[str, int]]:
    """How the session answered its current question, as bars."""
    answers = db.session.scalars(select(LiveAnswer.answer).where(
        LiveAnswer.session_id == session.id, LiveAnswer.position == session.position))
    return live_rules.distribution(definition, answers)


def standings(session: LiveSession, *, anonymous: bool = False) -> list[live_rules.Standing]:
    """Every participant's line, best first: accuracy points, and the speed bonus (at most a third of
    the points). anonymous: "Player N" for the room's leaderboard when the session asks for nicknames."""
    defs, answers = definitions(session), _answers(session)
    lines = []
    for number, participant in enumerate(sorted(session.participants, key=lambda p: (p.joined_at, p.id)), start=1):
        mine = answers.get(participant.id, {}).values()
        points = sum(a.fraction * defs[a.position - 1].points for a in mine)
        bonus = sum(live_rules.speed_bonus(defs[a.position - 1].points, a.fraction, a.seconds,
                                           session.seconds_per_question) for a in mine)
        name = f"Player {number}" if anonymous else participant.display_name
        lines.append(live_rules.Standing(name, round(points, 2), round(bonus, 2)))
    return live_rules.leaderboard(lines, top=len(lines))


def nickname(session: LiveSession, participant: LiveParticipant) -> str:
    """The participant's name on an anonymous leaderboard: Player N, N in the order of joining."""
    earlier = db.session.scalar(select(func.count()).select_from(LiveParticipant).where(
        LiveParticipant.session_id == session.id,
        or_(LiveParticipant.joined_at < participant.joined_at,
            and_(LiveParticipant.joined_at == participant.joined_at, LiveParticipant.id < participant.id))))
    return f"Player {(earlier or 0) + 1}"


@dataclass(frozen=True)
class MyResult:
    """One question as a student sees it at the end: their answer, the right one, why, and where."""

    position: int
    definition: QuestionDefinition
    answer: Any
    fraction: float | None

    @property
    def answered(self) -> bool:
        return self.answer is not None

    @property
    def described(self) -> str:
        return self.definition.describe_response(self.answer) if self.answered else "No answer"


def my_results(session: LiveSession, participant: LiveParticipant) -> list[MyResult]:
    """The participant's answers to every question asked so far."""
    defs = definitions(session)
    mine = {a.position: a for a in db.session.scalars(
        select(LiveAnswer).where(LiveAnswer.participant_id == participant.id))}
    return [MyResult(p, defs[p - 1], mine[p].answer if p in mine else None,
                     mine[p].fraction if p in mine else None)
            for p in range(1, min(session.position, len(defs)) + 1)]
