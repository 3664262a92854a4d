"""Classes: join codes, rosters, personal codes, and quizzes assigned with their own dates.

Nothing here commits: each request's route commits once, so a request's writes land
together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from lectern.core import join_codes
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Attempt,
    Card,
    CardReview,
    ClassCoTeacher,
    Classroom,
    Enrollment,
    Quiz,
    Student,
    StudyRun,
    Teacher,
    utcnow,
)
from lectern.services.attempts import submit_attempt

# 31^6 class codes and 31^8 personal codes make a collision rare; a few tries make a
# failure practically impossible, and a bounded loop cannot spin forever.
MAX_CODE_TRIES = 20

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"


# Ids in URLs are unbounded integers; past this no row exists, and SQLite would raise
# OverflowError on the lookup instead of finding nothing.
MAX_ID = 2**63 - 1


def _by_id(model, row_id: int):
    return db.session.get(model, row_id) if 0 < row_id <= MAX_ID else None


class CodeSpaceExhausted(RuntimeError):
    """No unused code was found in MAX_CODE_TRIES draws (should never happen in practice)."""


def _unused_class_code() -> str:
    for _ in range(MAX_CODE_TRIES):
        code = join_codes.new_class_code()
        if db.session.scalar(select(Classroom.id).where(Classroom.join_code == code)) is None:
            return code
    raise CodeSpaceExhausted("class join code")


def create_classroom(teacher: Teacher, name: str) -> Classroom:
    """A new class of this teacher's, with an unused join code."""
    classroom = Classroom(teacher=teacher, name=name, join_code=_unused_class_code())
    db.session.add(classroom)
    return classroom


def regenerate_join_code(classroom: Classroom) -> str:
    """Give the class a new join code; the old one stops working (enrolled students stay)."""
    classroom.join_code = _unused_class_code()
    return classroom.join_code


def owned_classroom(teacher: Teacher, classroom_id: int) -> Classroom | None:
    """The class, if this teacher owns it or co-teaches it; None for a missing class and for anyone else's alike."""
    classroom = _by_id(Classroom, classroom_id)
    if classroom is None or not (classroom.teacher_id == teacher.id or co_teaches(teacher, classroom)):
        return None
    return classroom


def taught_by(teacher: Teacher) -> Any:
    """The condition on Classroom for the classes a teacher owns or co-teaches (for listing queries)."""
    co_taught = select(ClassCoTeacher.classroom_id).where(ClassCoTeacher.teacher_id == teacher.id)
    return (Classroom.teacher_id == teacher.id) | Classroom.id.in_(co_taught)


def co_teaches(teacher: Teacher, classroom: Classroom) -> bool:
    return db.session.get(ClassCoTeacher, (classroom.id, teacher.id)) is not None


def add_co_teacher(classroom: Classroom, teacher: Teacher) -> None:
    """Let another teacher see and run the class (the caller commits); nothing for its owner or one already added."""
    if classroom.teacher is teacher or classroom.teacher_id == teacher.id:
        return  # its owner (a class made in this request has no teacher_id until it is flushed)
    if not co_teaches(teacher, classroom):
        db.session.add(ClassCoTeacher(classroom_id=classroom.id, teacher_id=teacher.id))


def classroom_by_code(text: str | None) -> Classroom | None:
    """The class with this join code, however it was typed."""
    code = join_codes.normalise(text)
    if not join_codes.is_well_formed(code, join_codes.CLASS_CODE_LENGTH):
        return None
    return db.session.scalar(select(Classroom).where(Classroom.join_code == code))


def enrollment_of(classroom: Classroom, student: Student | None) -> Enrollment | None:
    """The student's place on the class roster, if they have one."""
    if student is None or student.id is None:
        return None
    return db.session.scalar(select(Enrollment).where(
        Enrollment.classroom_id == classroom.id, Enrollment.student_id == student.id))


# --- students joining and coming back ---------------------------------------------------

@dataclass
class Joined:
    """The result of joining: the roster entry, and the personal code if one was just made."""

    enrollment: Enrollment
    personal_code: str | None


def _give_personal_code(student: Student) -> str:
    for _ in range(MAX_CODE_TRIES):
        code = join_codes.new_personal_code()
        digest = join_codes.personal_digest(code)
        if db.session.scalar(select(Student.id).where(Student.recovery_digest == digest)) is None:
            student.recovery_digest = digest
            return code
    raise CodeSpaceExhausted("personal code")


def join(classroom: Classroom, student: Student, display_name: str) -> Joined:
    """Put the student on the roster; a student without a personal code gets one (shown once).

    A student who already has a personal code keeps it: it is the one they wrote down,
    and it works with the code of every class they are in.
    """
    enrollment = Enrollment(classroom=classroom, student=student, display_name=display_name)
    db.session.add(enrollment)
    code = _give_personal_code(student) if student.recovery_digest is None else None
    return Joined(enrollment, code)


def returning_student(class_code: str, personal_code: str) -> Student | None:
    """The student on this class's roster whose personal code this is, or None.

    Both codes must match one roster entry, so a personal code alone opens nothing.
    """
    classroom = classroom_by_code(class_code)
    if classroom is None or not join_codes.is_personal_code(personal_code):
        return None
    return db.session.scalar(
        select(Student).join(Enrollment, Enrollment.student_id == Student.id)
        .where(Enrollment.classroom_id == classroom.id,
               Student.recovery_digest == join_codes.personal_digest(personal_code))
    )


# --- the teacher's roster ---------------------------------------------------------------

@dataclass
class RosterRow:
    enrollment: Enrollment
    attempts: int


def _class_assignments(classroom: Classroom):
    """The ids of this class's assignments: attempts made for them are this class's results."""
    return select(Assignment.id).where(Assignment.classroom_id == classroom.id)


def roster(classroom: Classroom) -> list[RosterRow]:
    """Each roster entry with the number of attempts the student made for this class."""
    counts = dict(db.session.execute(
        select(Attempt.student_id, func.count(Attempt.id))
        .join(Assignment, Attempt.assignment_id == Assignment.id)
        .where(Assignment.classroom_id == classroom.id)
        .group_by(Attempt.student_id)
    ).all())
    return [RosterRow(e, counts.get(e.student_id, 0)) for e in classroom.enrollments]


def enrollment_in(classroom: Classroom, enrollment_id: int) -> Enrollment | None:
    """The roster entry, if it is on this class's roster."""
    enrollment = _by_id(Enrollment, enrollment_id)
    return enrollment if enrollment is not None and enrollment.classroom_id == classroom.id else None


def rename(enrollment: Enrollment, display_name: str) -> None:
    """Change the name the teacher sees on the roster."""
    enrollment.display_name = display_name


def remove(enrollment: Enrollment) -> None:
    """Take the student off the roster; their attempts stay, for the record."""
    db.session.delete(enrollment)


def merge(keep: Enrollment, duplicate: Enrollment) -> int:
    """Fold a duplicate roster entry into the kept one; returns the number of attempts moved.

    If the duplicate student is in no other class, it is wholly the same person: all
    their attempts move, and their personal code too when the kept student has none.
    Otherwise only the attempts made for this class move, so another class's results
    (perhaps another teacher's) are left as they were.
    """
    classroom, kept, dup = keep.classroom, keep.student, duplicate.student
    elsewhere = db.session.scalar(select(func.count(Enrollment.id)).where(
        Enrollment.student_id == dup.id, Enrollment.id != duplicate.id))
    which = Attempt.student_id == dup.id
    if elsewhere:
        which = which & Attempt.assignment_id.in_(_class_assignments(classroom))
    _submit_colliding(which, kept)
    moved = db.session.execute(
        update(Attempt).where(which).values(student_id=kept.id).execution_options(synchronize_session="fetch")
    ).rowcount
    if not elsewhere:
        _move_study(dup, kept)
    if not elsewhere and kept.recovery_digest is None and dup.recovery_digest is not None:
        digest, dup.recovery_digest = dup.recovery_digest, None
        db.session.flush()  # free the unique digest before the kept student takes it
        kept.recovery_digest = digest
    db.session.delete(duplicate)
    db.session.expire(kept, ["attempts"])
    db.session.expire(dup, ["attempts"])
    return moved


def _submit_colliding(which, kept: Student) -> None:
    """One person working on two devices may have an attempt open on each for the same quiz and run;
    only one may stay open (the kept student's), so the duplicate's is submitted with its saved answers."""
    run = func.coalesce(Attempt.assignment_id, 0)
    kept_open = {tuple(row) for row in db.session.execute(select(Attempt.quiz_id, run).where(
        Attempt.student_id == kept.id, Attempt.submitted_at.is_(None)))}
    for attempt in list(db.session.scalars(select(Attempt).where(which, Attempt.submitted_at.is_(None)))):
        if (attempt.quiz_id, attempt.assignment_id or 0) in kept_open:
            submit_attempt(attempt, by="teacher")


def _move_study(dup: Student, kept: Student) -> None:
    """The duplicate's practice and cards become the kept student's.

    A card the kept student also has stays with the duplicate (its history is kept there),
    so the kept student's own card for that question or term goes on as it was.
    """
    db.session.execute(update(StudyRun).where(StudyRun.student_id == dup.id).values(student_id=kept.id)
                       .execution_options(synchronize_session=False))
    taken = {(c.question_id, c.bank_id, c.term) for c in db.session.scalars(
        select(Card).where(Card.student_id == kept.id))}
    taken_questions = {q for q, _, _ in taken if q is not None}
    movable = [c.id for c in db.session.scalars(select(Card).where(Card.student_id == dup.id))
               if (c.question_id is not None and c.question_id not in taken_questions)
               or (c.term is not None and (None, c.bank_id, c.term) not in taken)]
    for table in (Card, CardReview):
        key = Card.id if table is Card else CardReview.card_id
        db.session.execute(update(table).where(key.in_(movable)).values(student_id=kept.id)
                           .execution_options(synchronize_session=False))


# --- assignments ------------------------------------------------------------------------

def assignment_in(classroom: Classroom, assignment_id: int) -> Assignment | None:
    """The assignment, if it belongs to this class."""
    assignment = _by_id(Assignment, assignment_id)
    return assignment if assignment is not None and assignment.classroom_id == classroom.id else None


def assignment_state(opens_at: datetime | None, closes_at: datetime | None, now: datetime | None = None) -> str:
    """UPCOMING before it opens, CLOSED from its close time on, OPEN in between."""
    now = now or utcnow()
    if opens_at is not None and now < opens_at:
        return UPCOMING
    if closes_at is not None and now >= closes_at:
        return CLOSED
    return OPEN


# --- the student's view of their classes ------------------------------------------------

@dataclass
class StudentClass:
    """One of the student's classes and its assignments, each with its state now."""

    classroom: Classroom
    enrollment: Enrollment
    assignments: list[tuple[Assignment, str]] = field(default_factory=list)


def classes_of(student: Student | None) -> list[StudentClass]:
    """The student's classes, by name, with the quizzes assigned in each (retired quizzes left out)."""
    if student is None:
        return []
    enrollments = db.session.scalars(
        select(Enrollment).join(Classroom).where(Enrollment.student_id == student.id)
        .order_by(Classroom.name)
        .options(selectinload(Enrollment.classroom).selectinload(Classroom.assignments)
                 .selectinload(Assignment.quiz).selectinload(Quiz.bank))
    ).all()
    now = utcnow()
    return [
        StudentClass(e.classroom, e, [(a, assignment_state(a.opens_at, a.closes_at, now))
                                      for a in e.classroom.assignments if not a.quiz.retired])
        for e in enrollments
    ]
