"""Attempts: starting (or resuming) one, saving answers as the student goes, submitting once,
and closing attempts whose time ran out. What a review shows is in attempt_review."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from lectern.core import attempt_rules
from lectern.core.attempt_rules import Window
from lectern.core.questions import QuestionDefinition
from lectern.core.quizzes import QuizSpec
from lectern.core.run_settings import RunSettings
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Attempt,
    Enrollment,
    Quiz,
    Response,
    Student,
    utcnow,
)
from lectern.services import lti_scores
from lectern.services.attempt_slots import Slot, slots_of, write_slots
from lectern.services.question_versions import current_version_keys, definitions_for
from lectern.viewer_time import viewer_time_text


class AlreadySubmitted(Exception):
    """The attempt was submitted before; a second submission changes nothing."""


class NotAssigned(Exception):
    """The assignment named is not this quiz's, or the student is not in its class."""


def clock() -> datetime:
    """Now, in naive UTC. Every rule about time asks here, so a test can move the clock."""
    return utcnow()


# --- starting ---------------------------------------------------------------------

def settings_of(quiz: Quiz, assignment: Assignment | None) -> RunSettings:
    """How the quiz runs: as set for the class when taken for one, else by the quiz's own settings."""
    if assignment is not None:
        return RunSettings.of(assignment, for_class=True)
    return RunSettings.of(quiz, for_class=False)


def window_of(quiz: Quiz, assignment: Assignment | None) -> Window:
    """When the quiz can be taken: the class's dates when taken for one, else the quiz's."""
    return settings_of(quiz, assignment).window


def class_assignment_of(quiz: Quiz, student: Student | None) -> Assignment | None:
    """The newest assignment of this quiz to a class the student is in, if any.

    A quiz set for the student's class is taken as the class set it, even when opened from
    the article page: otherwise a one-attempt test could be retaken there as self-study.
    """
    if student is None or student.id is None:
        return None
    return db.session.scalar(
        select(Assignment).join(Enrollment, Enrollment.classroom_id == Assignment.classroom_id)
        .where(Assignment.quiz_id == quiz.id, Enrollment.student_id == student.id)
        .order_by(Assignment.created_at.desc(), Assignment.id.desc()).limit(1))


def assignment_for(quiz: Quiz, assignment_id: int, student: Student | None) -> Assignment:
    """The assignment of this quiz to a class the student is enrolled in (NotAssigned otherwise)."""
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.quiz_id != quiz.id or student is None:
        raise NotAssigned(assignment_id)
    enrolled = db.session.scalar(select(Enrollment.id).where(
        Enrollment.classroom_id == assignment.classroom_id, Enrollment.student_id == student.id))
    if enrolled is None:
        raise NotAssigned(assignment_id)
    return assignment


def _for_run(assignment: Assignment | None):
    """Attempts of the same run: for this class's assignment, or taken on their own."""
    return Attempt.assignment_id.is_(None) if assignment is None else Attempt.assignment_id == assignment.id


def unfinished_attempt(quiz: Quiz, student: Student | None, now: datetime | None = None,
                       assignment: Assignment | None = None, *, close: bool = False) -> Attempt | None:
    """The student's attempt of this quiz (for this class, if given) still in progress.

    One past its deadline is not in progress: with close=True (a request that writes anyway)
    it is submitted here; otherwise it is passed over and left for overdue_attempts to close.
    """
    if student is None:
        return None
    now = now or clock()
    found = db.session.scalars(select(Attempt).where(
        Attempt.quiz_id == quiz.id, Attempt.student_id == student.id, Attempt.submitted_at.is_(None),
        _for_run(assignment),
    ).order_by(Attempt.started_at.desc()))
    for attempt in list(found):
        if not attempt_rules.overdue(attempt.deadline, now):
            return attempt
        if close:
            close_if_overdue(attempt, now)
    return None


def start_refusal(quiz: Quiz, student: Student | None, assignment: Assignment | None,
                  now: datetime | None = None) -> str | None:
    """Why this student may not start a new attempt now (dates, attempts used); None when they may.

    Attempts count per run: a class's test counts the attempts made for that class only.
    """
    settings = settings_of(quiz, assignment)
    made = 0 if student is None else db.session.scalar(
        select(func.count()).select_from(Attempt).where(
            Attempt.quiz_id == quiz.id, Attempt.student_id == student.id, _for_run(assignment)))
    return attempt_rules.start_refusal(settings.window, now or clock(), made, settings.attempts_allowed,
                                       show_time=viewer_time_text)  # dates on the student's clock


def start_attempt(quiz: Quiz, student: Student, rng: random.Random | None = None,
                  assignment: Assignment | None = None, now: datetime | None = None) -> Attempt:
    """Create an attempt with the quiz's questions, order and deadline for this student (the caller commits).

    Shuffled orders are drawn once, here, and stored, so the attempt looks the same on every reload.
    """
    rng, now = rng or random.SystemRandom(), now or clock()
    offered = current_version_keys(quiz, assignment)
    definitions = definitions_for(offered)
    # A definition's id is its question's key: the version each chosen question is shown in.
    version_of = {definition.id: version_id for definition, (version_id, _) in zip(definitions, offered)}
    spec = QuizSpec.model_validate(quiz.spec)
    chosen = spec.choose(definitions, rng)
    if quiz.shuffle_questions:
        rng.shuffle(chosen)
    settings = settings_of(quiz, assignment)
    deadline = attempt_rules.deadline(now, settings.time_limit_minutes, settings.window.closes_at)
    attempt = Attempt(quiz=quiz, student=student, display_name=student.display_name,
                      max_points=sum(d.points for d in chosen), started_at=now, deadline=deadline,
                      assignment=assignment)
    db.session.add(attempt)
    db.session.flush()
    # One multi-row INSERT for the slots: the ORM's unit of work spent more on 48 new objects
    # than the rest of the start, and a class starts together.
    db.session.execute(insert(Response), [
        {"attempt_id": attempt.id, "position": position, "question_version_id": version_of[definition.id],
         "max_points": definition.points, "flagged": False, "answer": None, "fraction": None,
         "option_order": attempt_rules.shuffled_option_ids(definition, rng) if quiz.shuffle_options else None}
        for position, definition in enumerate(chosen, start=1)])
    db.session.expire(attempt, ["responses"])
    return attempt


def start_once(quiz: Quiz, student: Student, assignment: Assignment | None = None) -> Attempt:
    """start_attempt and commit; or, when another request started this student's attempt of the same
    run a moment before (the database allows one unfinished attempt), that attempt."""
    try:
        attempt = start_attempt(quiz, student, assignment=assignment)
        db.session.commit()
        return attempt
    except IntegrityError:
        db.session.rollback()
        winner = unfinished_attempt(quiz, student, assignment=assignment, close=True)
        if winner is None:  # the conflict was something else
            raise
        return winner


# --- answering: pages, saving, submitting -----------------------------------------

@dataclass(frozen=True)
class Sheet:
    """One page of an attempt as the student answers it."""

    page: int
    pages: int
    questions: list[tuple[int, QuestionDefinition]]
    option_orders: dict[int, list[str]]
    versions: dict[int, tuple[int, str]]  # by position: the version's id and digest
    saved: dict[int, Any]
    seconds_left: int | None


def sheet(attempt: Attempt, page: int, slots: list[Slot], now: datetime | None = None) -> Sheet:
    """The questions of page `page` (clamped to the pages there are), with their saved answers."""
    pages = attempt_rules.paginate(len(slots), attempt.quiz.questions_per_page or 0)
    page = min(max(page, 1), len(pages))
    wanted = set(pages[page - 1])
    on_page = [s for s in slots if s.position in wanted]
    return Sheet(
        page=page, pages=len(pages),
        questions=list(zip([s.position for s in on_page], definitions_for(s.version for s in on_page))),
        option_orders={s.position: s.option_order for s in on_page if s.option_order},
        versions={s.position: s.version for s in on_page},
        saved={s.position: s.answer for s in on_page if s.answer is not None},
        seconds_left=attempt_rules.seconds_left(attempt.deadline, now or clock()),
    )


def _claim(attempt: Attempt, **values: Any) -> None:
    """Write values to the attempt only while it is unsubmitted (AlreadySubmitted otherwise).

    A conditional UPDATE: of two simultaneous requests, exactly one can match a row once
    the attempt is submitted; the loser rolls back and changes nothing.
    """
    claimed = db.session.execute(
        update(Attempt).where(Attempt.id == attempt.id, Attempt.submitted_at.is_(None))
        .values(**values).execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        raise AlreadySubmitted(attempt.id)


def save_answers(attempt: Attempt, answers: dict[int, Any], now: datetime | None = None, *,
                 flags: tuple[set[int], list[int]] | None = None, slots: list[Slot] | None = None) -> None:
    """Store answers by position without grading them (fractions stay empty until submission), and commit.

    flags, (flagged positions, positions on the page), flags exactly those of the page's questions
    and clears the page's others; positions off the page keep theirs, since each page sends only
    its own boxes. slots are the attempt's, when the caller has read them already.
    """
    slots = slots_of(attempt.id) if slots is None else slots
    _claim(attempt, last_saved_at=now or clock())
    flagged, on_page = (flags[0], set(flags[1])) if flags else (set(), set())
    changes = []
    for slot in slots:
        change: dict[str, Any] = {}
        if slot.position in answers and answers[slot.position] != slot.answer:
            change["answer"] = answers[slot.position]
        if slot.position in on_page and (slot.position in flagged) != slot.flagged:
            change["flagged"] = slot.position in flagged
        if change:
            changes.append({"slot": slot.id, **change})
    write_slots(changes)
    db.session.commit()


def submit_attempt(attempt: Attempt, answers: dict[int, Any] | None = None, *, by: str = "student",
                   now: datetime | None = None) -> None:
    """Grade and record the attempt, once (AlreadySubmitted if it was done before).

    `answers` (by position) replace the saved ones; a position not given keeps its saved
    answer. An attempt the deadline closed counts as submitted at the deadline.
    """
    now = now or clock()
    slots = slots_of(attempt.id)
    submitted_at = min(now, attempt.deadline) if by == "deadline" and attempt.deadline else now
    _claim(attempt, submitted_at=submitted_at, submitted_by=by)
    result = graded(slots, answers or {})
    write_slots(result.changes)
    attempt.points = result.points
    attempt.needs_grading = result.pending
    lti_scores.enqueue(attempt)  # to the course's gradebook, when the attempt came from an LTI launch
    db.session.commit()
    db.session.refresh(attempt)


@dataclass(frozen=True)
class Graded:
    """An attempt's answers graded: each slot's final answer and fraction, the points, and
    whether a question (an essay) waits for a teacher."""

    changes: list[dict[str, Any]]
    points: float
    pending: bool


def graded(slots: list[Slot], answers: dict[int, Any]) -> Graded:
    """Grade the slots' answers, `answers` (by position) replacing the saved ones."""
    points, pending, changes = 0.0, False, []
    for slot, definition in zip(slots, definitions_for(s.version for s in slots)):
        final = answers.get(slot.position, slot.answer)
        grade = definition.grade_or_unanswered(final)
        changes.append({"slot": slot.id, "answer": final, "fraction": grade.fraction})
        if grade.fraction is None:
            pending = True
        else:
            points += grade.fraction * slot.max_points
    return Graded(changes, round(points, 6), pending)


def close_if_overdue(attempt: Attempt, now: datetime | None = None) -> bool:
    """Submit an attempt past its deadline with the answers saved so far; True if this call did."""
    if attempt.submitted_at is not None or not attempt_rules.overdue(attempt.deadline, now or clock()):
        return False
    try:
        submit_attempt(attempt, by="deadline", now=now)
    except AlreadySubmitted:  # another request closed it first
        return False
    return True
