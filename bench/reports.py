"""How long the teacher's reports take for a big class: gradebook, item analysis, CSV exports,
the class page's summary and the monitor.

Builds a class of 1,000 students who each took a 40-question quiz once (40,000 responses),
times every report, then gives each student nine more attempts (400,000 responses) and
times them again. Uses a throwaway SQLite file, or DATABASE_URL if set (for PostgreSQL,
point it at an empty database). Prints figures; asserts nothing.

    .venv/bin/python bench/reports.py
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lectern import create_app
from lectern.core.banks import Bank as BankFile
from lectern.core.banks import read_bank
from lectern.core.questions import parse_question
from lectern.core.quizzes import QuizSpec
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Attempt,
    Classroom,
    Enrollment,
    Question,
    Quiz,
    Response,
    Student,
    Teacher,
    utcnow,
)
from lectern.services.bank_loading import load_bank
from lectern.services.class_monitor import monitor
from lectern.services.class_summary import assignment_summaries
from lectern.services.gradebook import build_gradebook
from lectern.services.item_analysis import build_item_analysis, item_analysis_csv
from lectern.services.results_export import gradebook_csv, responses_csv

STUDENTS = 1_000
QUESTIONS = 40
ROOT = Path(__file__).resolve().parent.parent


def synthetic_bank() -> BankFile:
    """The Berlin article with 40 single-choice questions of varied difficulty."""
    article = read_bank(ROOT / "quizzes" / "berlin-security-agreements").article
    questions = tuple(parse_question({
        "id": f"q{n:02d}", "type": "single_choice", "skill": ("locate", "understand", "evaluate")[n % 3],
        "prompt": f"Question {n}", "explanation": "Because.",
        "evidence": [{"paragraph": 1, "quote": "In a pivotal meeting held in Berlin"}],
        "options": [{"text": f"Option {k}", "correct": k == 0, "feedback": "Why."} for k in range(4)],
    }) for n in range(1, QUESTIONS + 1))
    return BankFile("bench", article, questions, (QuizSpec(id="full", title="Full"),))


def populate_class() -> tuple[Assignment, dict[str, int]]:
    load_bank(synthetic_bank())
    db.session.flush()
    teacher = Teacher(email="bench@school.org", password_hash="x", session_nonce="n")
    classroom = Classroom(teacher=teacher, name="Bench class", join_code="BENCH2")
    quiz = db.session.scalar(select(Quiz).where(Quiz.key == "full"))
    assignment = Assignment(classroom=classroom, quiz=quiz)
    db.session.add_all([teacher, classroom, assignment])
    db.session.flush()
    students = [{"token": f"t{i}", "display_name": f"Student {i}", "created_at": utcnow()} for i in range(STUDENTS)]
    db.session.execute(insert(Student), students)
    ids = db.session.scalars(select(Student.id).order_by(Student.id)).all()
    db.session.execute(insert(Enrollment), [
        {"classroom_id": classroom.id, "student_id": sid, "display_name": f"Student {n}", "joined_at": utcnow()}
        for n, sid in enumerate(ids)])
    versions = {q.key: q.versions[-1].id for q in db.session.scalars(select(Question))}
    db.session.commit()
    return assignment, {"students": ids, **versions}


def add_attempts(assignment: Assignment, versions: dict, students: list[int], rounds: int, rng: random.Random) -> None:
    """Each student takes the quiz `rounds` more times; ability and difficulty shape the answers."""
    ability = {sid: rng.gauss(0, 1) for sid in students}
    difficulty = {key: rng.gauss(0, 1) for key in versions}
    start = utcnow() - timedelta(days=30)
    for _ in range(rounds):
        rows = [{"quiz_id": assignment.quiz_id, "student_id": sid, "display_name": f"S{sid}", "started_at": start,
                 "submitted_at": start + timedelta(minutes=rng.randint(5, 40)), "submitted_by": "student",
                 "points": 0.0, "max_points": float(QUESTIONS), "needs_grading": False,
                 "assignment_id": assignment.id} for sid in students]
        db.session.execute(insert(Attempt), rows)
        attempts = db.session.execute(
            select(Attempt.id, Attempt.student_id).where(Attempt.started_at == start)).all()
        responses, points = [], {}
        for attempt_id, sid in attempts:
            total = 0.0
            for position, (key, vid) in enumerate(sorted(versions.items()), start=1):
                right = rng.random() < 1 / (1 + 2.718 ** (difficulty[key] - ability[sid]))
                answer = "a" if right else rng.choice("bcd")
                responses.append({"attempt_id": attempt_id, "position": position, "question_version_id": vid,
                                  "answer": answer, "fraction": 1.0 if right else 0.0, "max_points": 1.0})
                total += right
            points[attempt_id] = total
        db.session.execute(insert(Response), responses)
        db.session.execute(
            Attempt.__table__.update().where(Attempt.id == db.bindparam("aid")).values(points=db.bindparam("p")),
            [{"aid": a, "p": p} for a, p in points.items()])
        db.session.commit()
        start += timedelta(days=1)


def timed(label: str, work) -> float:
    """Seconds for one report, built from a cold session (best of three)."""
    best = float("inf")
    for _ in range(3):
        db.session.expire_all()
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    print(f"  {label:<22} {best:8.3f} s")
    return best


def measure(assignment_id: int, responses: int) -> dict[str, float]:
    print(f"\n{responses:,} responses ({STUDENTS:,} students, {QUESTIONS} questions)")
    assignment = db.session.get(Assignment, assignment_id)
    return {
        "gradebook": timed("gradebook", lambda: build_gradebook(assignment)),
        "item analysis": timed("item analysis", lambda: build_item_analysis(assignment)),
        "gradebook CSV": timed("gradebook CSV", lambda: gradebook_csv(assignment)),
        "responses CSV": timed("responses CSV", lambda: responses_csv(assignment)),
        "item analysis CSV": timed("item analysis CSV", lambda: item_analysis_csv(assignment)),
        "class page summary": timed("class page summary", lambda: assignment_summaries(assignment.classroom)),
        "monitor": timed("monitor", lambda: monitor(assignment)),
    }


def main() -> None:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    rng = random.Random(2026)
    with app.app_context():
        db.create_all()
        print(f"database: {db.engine.dialect.name}")
        began = time.perf_counter()
        assignment, ids = populate_class()
        students = ids.pop("students")
        add_attempts(assignment, ids, students, 1, rng)
        print(f"built the class in {time.perf_counter() - began:.1f} s")
        small = measure(assignment.id, STUDENTS * QUESTIONS)
        began = time.perf_counter()
        add_attempts(assignment, ids, students, 9, rng)
        print(f"\nadded 9 more attempts each in {time.perf_counter() - began:.1f} s")
        large = measure(assignment.id, STUDENTS * QUESTIONS * 10)
        print("\nx10 data: time ratio per report (linear growth would be about 10)")
        for name in small:
            print(f"  {name:<22} {large[name] / small[name]:6.1f}x")
        print(f"\npeak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        db.engine.dispose()


if __name__ == "__main__":
    main()
