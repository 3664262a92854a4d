"""Live sessions in the database: making one, joining it, the teacher's actions, answering,
and the one small read every phone polls. Results and the gradebook are in live_results.

The rules come from lectern.core.live_rules; this module makes them hold under concurrency:
the teacher's actions are conditional UPDATEs on the version they saw (two devices pressing
Next at once move the session once), and an answer is refused by the database itself when
the participant answered that question before. Nothing here commits: the route does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, bindparam, func, insert, literal, or_, select, update
from sqlalchemy.exc import IntegrityError

from lectern.core import join_codes, live_rules
from lectern.core.live_rules import Moment
from lectern.core.questions import QuestionDefinition
from lectern.core.quizzes import QuizSpec
from lectern.extensions import db
from lectern.models import (
    Classroom,
    Enrollment,
    LiveAnswer,
    LiveParticipant,
    LiveSession,
    QuestionVersion,
    Quiz,
    Student,
    Teacher,
    utcnow,
)
from lectern.services.question_versions import current_version_keys, definitions_for

MAX_CODE_TRIES = 20


class NotOwner(Exception):
    """Only the teacher who started the session may run it."""


class NotOpen(Exception):
    """The question answered is not the one open now (or none is): nothing is stored."""


class AlreadyAnswered(Exception):
    """One answer per student per question: the first one counts."""


class NotInClass(Exception):
    """A class's session is for the students on its roster."""


def clock() -> datetime:
    """Now, in naive UTC; tests move it."""
    return utcnow()


# --- making a session ---------------------------------------------------------------

def live_questions(quiz: Quiz) -> list[tuple[tuple[int, str], QuestionDefinition]]:
    """The quiz's questions a live session can ask (its pool, without essays), in bank order."""
    keys = current_version_keys(quiz)
    definitions = definitions_for(keys)
    pool = {d.id for d in QuizSpec.model_validate(quiz.spec).pool(definitions)}
    return [(k, d) for k, d in zip(keys, definitions) if d.id in pool and d.type not in live_rules.NOT_LIVE]


def _unused_code() -> str:
    for _ in range(MAX_CODE_TRIES):
        code = join_codes.new_class_code()
        taken = (db.session.scalar(select(LiveSession.id).where(LiveSession.join_code == code))
                 or db.session.scalar(select(Classroom.id).where(Classroom.join_code == code)))
        if taken is None:
            return code
    raise RuntimeError("no unused live join code found")


def create_session(owner: Teacher, quiz: Quiz, classroom: Classroom | None, question_keys: list[str] | None,
                   seconds: int | None, leaderboard: str) -> LiveSession:
    """A session in its lobby over the quiz's live questions (or the ones picked, in bank order)."""
    chosen = [key for key, d in live_questions(quiz) if not question_keys or d.id in question_keys]
    session = LiveSession(owner=owner, quiz=quiz, classroom=classroom, join_code=_unused_code(),
                          question_version_ids=[version_id for version_id, _ in chosen],
                          seconds_per_question=seconds, leaderboard=leaderboard)
    db.session.add(session)
    return session


def owned_session(teacher: Teacher, session_id: int) -> LiveSession | None:
    """The session (None if there is none); NotOwner if it is another teacher's."""
    session = db.session.get(LiveSession, session_id) if 0 < session_id < 2**63 else None
    if session is not None and session.owner_id != teacher.id:
        raise NotOwner(session_id)
    return session


def session_by_code(text: str | None) -> LiveSession | None:
    code = join_codes.normalise(text)
    if not join_codes.is_well_formed(code, join_codes.CLASS_CODE_LENGTH):
        return None
    return db.session.scalar(select(LiveSession).where(LiveSession.join_code == code))


def moment_of(session: LiveSession) -> Moment:
    return Moment(session.state, session.position, session.total, session.closes_at)


def version_keys(session: LiveSession) -> list[tuple[int, str]]:
    """The session's questions as (version id, digest), in the session's order."""
    ids = session.question_version_ids or []
    digests = dict(db.session.execute(select(QuestionVersion.id, QuestionVersion.digest)
                                      .where(QuestionVersion.id.in_(ids))).all())
    return [(i, digests[i]) for i in ids]


def definitions(session: LiveSession) -> list[QuestionDefinition]:
    return definitions_for(version_keys(session))


# --- the teacher's actions ------------------------------------------------------------

def act(session: LiveSession, teacher: Teacher, action: str, seen_version: int | None = None,
        now: datetime | None = None) -> None:
    """next, close, reveal or finish (NotOwner, or live_rules.NotAllowed when it does not apply now).

    seen_version: the version the teacher's page showed; a press made on an older page (another
    device moved on meanwhile) is refused rather than applied twice.
    """
    if session.owner_id != teacher.id:
        raise NotOwner(session.id)
    now = now or clock()
    state = live_rules.after(moment_of(session), action, now)
    values: dict[str, Any] = {"state": state, "version": LiveSession.version + 1}
    if action == "next":
        values |= {"position": session.position + 1, "opened_at": now, "closes_at":
                   now + timedelta(seconds=session.seconds_per_question) if session.seconds_per_question else None}
    elif action == "close":
        values["closes_at"] = now
    elif action == "finish":
        values["finished_at"] = now
    expected = session.version if seen_version is None else seen_version
    moved = db.session.execute(update(LiveSession).where(LiveSession.id == session.id,
                                                         LiveSession.version == expected)
                               .values(**values).execution_options(synchronize_session=False)).rowcount
    if moved != 1:
        raise live_rules.NotAllowed("the session moved on meanwhile; the page shows where it is now")
    db.session.expire(session)
    if action == "finish":
        from lectern.services.live_results import record_attempts

        record_attempts(session, now)


# --- students -------------------------------------------------------------------------

def participant_of(session: LiveSession, student: Student | None) -> LiveParticipant | None:
    if student is None or student.id is None:
        return None
    return db.session.scalar(select(LiveParticipant).where(
        LiveParticipant.session_id == session.id, LiveParticipant.student_id == student.id))


def roster_name(session: LiveSession, student: Student | None) -> str | None:
    """The student's name on the class roster, for a class's session (None: not on it)."""
    if session.classroom_id is None or student is None or student.id is None:
        return None
    return db.session.scalar(select(Enrollment.display_name).where(
        Enrollment.classroom_id == session.classroom_id, Enrollment.student_id == student.id))


def join(session: LiveSession, student: Student, display_name: str) -> LiveParticipant:
    """Put the student in the session (NotInClass for a class's session they are not on the roster of)."""
    if session.classroom_id is not None:
        display_name = roster_name(session, student) or ""
        if not display_name:
            raise NotInClass(session.classroom_id)
    participant = LiveParticipant(session=session, student=student, display_name=display_name)
    db.session.add(participant)
    return participant


def answer(session: LiveSession, participant: LiveParticipant, position: int, response: Any,
           definition: QuestionDefinition, now: datetime | None = None) -> None:
    """Store the participant's answer to the open question, graded now (NotOpen, AlreadyAnswered).

    The check that the question is open is made inside the write, an INSERT … SELECT over the
    session's row: a teacher closing the question a moment before leaves nothing to insert. A
    second answer is refused by the unique (participant, position).
    """
    now = now or clock()
    if not live_rules.accepts_answers(moment_of(session), now, position):
        raise NotOpen(position)
    seconds = (now - session.opened_at).total_seconds() if session.opened_at else 0.0
    fraction = definition.grade_or_unanswered(response).fraction or 0.0
    row = select(LiveSession.id, literal(participant.id), literal(position),
                 literal(response, JSON(none_as_null=True)), literal(fraction), literal(seconds), literal(now)).where(
        LiveSession.id == session.id, LiveSession.state == live_rules.OPEN, LiveSession.position == position,
        or_(LiveSession.closes_at.is_(None), LiveSession.closes_at > now))
    try:
        # The rows RETURNING gives back are counted, not rowcount: psycopg reports -1 for an
        # INSERT … SELECT, and whether a row went in is the whole point here.
        stored = len(db.session.execute(insert(LiveAnswer).from_select(
            ["session_id", "participant_id", "position", "answer", "fraction", "seconds", "answered_at"], row)
            .returning(LiveAnswer.id)).all())
    except IntegrityError:
        db.session.rollback()
        raise AlreadyAnswered(position) from None
    if stored != 1:
        db.session.rollback()
        raise NotOpen(position)


def answer_of(participant: LiveParticipant | None, position: int) -> LiveAnswer | None:
    if participant is None:
        return None
    return db.session.scalar(select(LiveAnswer).where(LiveAnswer.participant_id == participant.id,
                                                      LiveAnswer.position == position))


def answered_count(session: LiveSession) -> int:
    return db.session.scalar(select(func.count()).select_from(LiveAnswer).where(
        LiveAnswer.session_id == session.id, LiveAnswer.position == session.position)) or 0


def participant_names(session: LiveSession) -> list[str]:
    return list(db.session.scalars(select(LiveParticipant.display_name).where(
        LiveParticipant.session_id == session.id).order_by(LiveParticipant.joined_at, LiveParticipant.id)))


# --- the poll -------------------------------------------------------------------------

@dataclass(frozen=True)
class Pulse:
    """What a phone's poll needs: enough to tell whether anything changed, and what."""

    session_id: int
    version: int
    moment: Moment

    def etag(self, now: datetime) -> str:
        # The effective state is part of it: a timer running out changes what phones show
        # without any write, so without a new version.
        return f'"{self.version}-{live_rules.effective_state(self.moment, now)}"'


# Built once: every phone asks it twice a second.
_PULSE = select(LiveSession.id, LiveSession.version, LiveSession.state, LiveSession.position,
                LiveSession.question_version_ids, LiveSession.closes_at).where(
    LiveSession.join_code == bindparam("code"))


def pulse(code: str) -> Pulse | None:
    """The session's version and moment, in one small indexed read (None: no such code)."""
    row = db.session.execute(_PULSE, {"code": code}).first()
    if row is None:
        return None
    return Pulse(row.id, row.version, Moment(row.state, row.position, len(row.question_version_ids or []),
                                             row.closes_at))
