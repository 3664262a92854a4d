"""Results as CSV for spreadsheets: an assignment's gradebook, and every response of it, question by question.

Both are UTF-8 with a byte-order mark (so Excel reads the accents right), RFC 4180
(the csv module), and every text cell that a spreadsheet would run as a formula is
neutralised (core.csv_safety): student names and answers are typed by students.
"""

from __future__ import annotations

import json
import re

from sqlalchemy import Text, and_, cast, select
from sqlalchemy.orm import selectinload

from lectern.core.csv_safety import csv_text
from lectern.core.questions import QuestionDefinition
from lectern.core.rounding import spreadsheet_number
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Attempt,
    Bank,
    Classroom,
    Enrollment,
    QuestionVersion,
    Quiz,
    Response,
)
from lectern.services.gradebook import STATUS_LABELS, build_gradebook
from lectern.services.question_versions import definition_of

GRADEBOOK_COLUMNS = ("Student", "Status", "Attempts", "Grade (%)", "Grading method", "Provisional",
                     "Time taken (minutes)", "Last submitted (UTC)", "On roster")
RESPONSE_COLUMNS = ("Student", "Attempt", "Submitted (UTC)", "Position", "Question id", "Version", "Skill",
                    "Type", "Answer", "Fraction", "Points", "Max points")
TIMESTAMP = "%Y-%m-%d %H:%M:%S"


def _number(value: float | None, places: int = 2) -> float | int | None:
    """A number as a spreadsheet should show it: rounded half up, and whole numbers without ".0"."""
    return spreadsheet_number(value, places)


def gradebook_csv(assignment: Assignment) -> str:
    """The gradebook as CSV: one row per student, roster first, with grade and status."""
    book = build_gradebook(assignment)
    rows = (
        (row.name, STATUS_LABELS[row.status], len(row.attempts), _number(row.grade), book.method_label,
         "yes" if row.provisional else "", _number(row.seconds / 60, 1) if row.seconds is not None else None,
         row.last_submitted_at.strftime(TIMESTAMP) if row.last_submitted_at else None,
         "yes" if row.on_roster else "no")
        for row in book.rows
    )
    return csv_text(GRADEBOOK_COLUMNS, rows)


def _attempt_labels(assignment: Assignment) -> dict[int, tuple[str, int, int, str]]:
    """Each submitted attempt's student name and id, number (1, 2… per student, in the order started) and time."""
    found = db.session.execute(
        select(Attempt.id, Attempt.student_id, Enrollment.display_name, Attempt.display_name, Attempt.submitted_at)
        .outerjoin(Enrollment, and_(Enrollment.classroom_id == assignment.classroom_id,
                                    Enrollment.student_id == Attempt.student_id))
        .where(Attempt.assignment_id == assignment.id, Attempt.submitted_at.is_not(None))
        .order_by(Attempt.student_id, Attempt.started_at, Attempt.id))
    labels, made = {}, {}
    for attempt_id, student_id, roster_name, given_name, submitted_at in found:
        made[student_id] = made.get(student_id, 0) + 1
        labels[attempt_id] = (roster_name or given_name, student_id, made[student_id],
                              submitted_at.strftime(TIMESTAMP))
    return labels


def responses_csv(assignment: Assignment) -> str:
    """Every response in the assignment's submitted attempts: one row per student, attempt and question.

    The responses are read as plain columns through the connection (no model objects,
    which would cost more than the rest for tens of thousands of rows); each question
    version is parsed once, to put the answer in words as the review shows it.
    """
    labels = _attempt_labels(assignment)  # submitted ones: overdue_attempts closes those whose time ran out
    # Answers come as JSON text and are put in words once per distinct (version, answer):
    # a class's answers repeat the same few options, so this spares most of the work.
    found = db.session.connection().execute(
        select(Response.attempt_id, Response.position, Response.question_version_id, cast(Response.answer, Text),
               Response.fraction, Response.max_points)
        .join(Attempt, Response.attempt_id == Attempt.id)
        .where(Attempt.assignment_id == assignment.id, Attempt.submitted_at.is_not(None))
    ).all()
    versions = {v.id: (v.question.key, v.number, definition_of(v)) for v in db.session.scalars(
        select(QuestionVersion).where(QuestionVersion.id.in_({row.question_version_id for row in found}))
        .options(selectinload(QuestionVersion.question)))}
    described: dict[tuple[int, str], str] = {}

    def in_words(version_id: int, definition: QuestionDefinition, raw: str | None) -> str | None:
        if raw is None or raw == "null":
            return None
        if (version_id, raw) not in described:
            described[version_id, raw] = definition.describe_response(json.loads(raw))
        return described[version_id, raw]

    rows = []
    for attempt_id, position, version_id, raw_answer, fraction, max_points in found:
        name, student_id, number, submitted = labels[attempt_id]
        key, version, definition = versions[version_id]
        rows.append((student_id, (
            name, number, submitted, position, key, version, definition.skill, definition.type,
            in_words(version_id, definition, raw_answer),
            _number(fraction, 4), _number(None if fraction is None else fraction * max_points), _number(max_points),
        )))
    # By name, as in the gradebook; the student id keeps two students of the same name apart.
    rows.sort(key=lambda r: (r[1][0].casefold(), r[0], r[1][1], r[1][3]))
    return csv_text(RESPONSE_COLUMNS, (row for _, row in rows))


# --- finding what to export (the command line names things by slug and code) ------------

def find_quiz(ref: str) -> Quiz | None:
    """A quiz by `bank-slug/quiz-key`, or by its id."""
    ref = ref.strip()
    if ref.isdigit():
        return db.session.get(Quiz, int(ref)) if 0 < int(ref) < 2**63 else None
    slug, _, key = ref.partition("/")
    if not key:
        return None
    return db.session.scalar(select(Quiz).join(Bank).where(Bank.slug == slug, Quiz.key == key))


def assignment_of(classroom: Classroom, quiz: Quiz) -> Assignment | None:
    """The class's assignment of this quiz, if the quiz is assigned to it."""
    return db.session.scalar(select(Assignment).where(
        Assignment.classroom_id == classroom.id, Assignment.quiz_id == quiz.id))


def export_filename(assignment: Assignment, what: str) -> str:
    """A download name that says what the file is, safe in any browser and file system."""
    words = f"{assignment.classroom.name} {assignment.quiz.bank.slug} {assignment.quiz.key} {what}"
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-") + ".csv"
