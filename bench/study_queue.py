"""How long a student's "Review today" queue and the study pages take with 5,000 cards.

Builds 100 banks of 50 questions (copies of the Berlin article, each with its 15 key terms),
gives one student 5,000 cards spread from 60 days overdue to 60 days ahead (about half
due), 1,500 key terms not met yet, and 40 submitted quiz attempts with misses; then times,
in process and warm:
  - the queue itself (build_queue: count, first 20 due, missed questions, new terms);
  - the pages that show it (home, /review) and a practice page, through the test client.
Uses a throwaway SQLite file, or DATABASE_URL if set (an empty database). Prints figures;
asserts nothing.

    .venv/bin/python bench/study_queue.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lectern import create_app
from lectern.core.banks import read_bank
from lectern.extensions import db
from lectern.models import (
    Attempt,
    Bank,
    Card,
    Question,
    QuestionVersion,
    Quiz,
    Response,
    Student,
    StudyRun,
    utcnow,
)
from lectern.services import attempts as attempt_service
from lectern.services import practice
from lectern.services.review_queue import build_queue
from lectern.student.identity import SESSION_KEY

ROOT = Path(__file__).resolve().parent.parent
BANKS, PER_BANK, CARDS, RUNS = 100, 50, 5_000, 200


def question_data(n: int) -> dict:
    return {"id": f"q{n:02d}", "type": "single_choice", "skill": ("locate", "understand", "evaluate")[n % 3],
            "prompt": f"Question {n}: where was the meeting held?", "explanation": "Paragraph 1 says so.",
            "evidence": [{"paragraph": 1, "quote": "In a pivotal meeting held in Berlin"}],
            "options": [{"id": "abcd"[k], "text": f"Option {k}", "correct": k == 0} for k in range(4)]}


def populate(rng: random.Random) -> int:
    """The banks, the student's cards and attempts; returns the student's id."""
    berlin = read_bank(ROOT / "quizzes" / "berlin-security-agreements")
    terms = [t.model_dump(mode="json", exclude_defaults=True) for t in berlin.key_terms]
    now = utcnow()
    db.session.execute(insert(Bank), [
        {"slug": f"bank-{b}", "title": f"{berlin.article.title} ({b})", "source": berlin.article.source,
         "paragraphs": list(berlin.article.paragraphs), "key_terms": terms, "created_at": now} for b in range(BANKS)])
    bank_ids = db.session.scalars(select(Bank.id).order_by(Bank.id)).all()
    db.session.execute(insert(Question), [{"bank_id": b, "key": f"q{n:02d}", "position": n, "retired": False}
                                          for b in bank_ids for n in range(PER_BANK)])
    questions = db.session.execute(select(Question.id, Question.bank_id, Question.position)).all()
    db.session.execute(insert(QuestionVersion), [
        {"question_id": q, "number": 1, "type": "single_choice", "definition": question_data(p),
         "digest": f"d{q}", "created_at": now} for q, _, p in questions])
    db.session.execute(insert(Quiz), [{"bank_id": b, "key": "full", "title": "Full", "spec": {"id": "full",
                                       "title": "Full"}, "position": 1} for b in bank_ids])
    db.session.execute(insert(Student), [{"token": "bench", "display_name": "Bench", "created_at": now}])
    student_id = db.session.scalar(select(Student.id))
    chosen = rng.sample(questions, CARDS)
    db.session.execute(insert(Card), [
        {"student_id": student_id, "bank_id": b, "kind": "question", "question_id": q, "stage": 2, "step": None,
         "stability": rng.uniform(1, 60), "difficulty": rng.uniform(3, 8),
         "due": now + timedelta(hours=rng.uniform(-60 * 24, 60 * 24)), "last_review": now - timedelta(days=3),
         "reviews": 3, "lapses": 1, "created_at": now - timedelta(days=30)} for q, b, _ in chosen])
    db.session.commit()
    # 40 quiz attempts on banks the student studies, 10 answers each, half of them wrong.
    quizzes = db.session.execute(select(Quiz.id, Quiz.bank_id).limit(40)).all()
    versions = dict(db.session.execute(select(QuestionVersion.question_id, QuestionVersion.id)).all())
    for quiz_id, bank_id in quizzes:
        attempt = Attempt(quiz_id=quiz_id, student_id=student_id, display_name="Bench", started_at=now,
                          submitted_at=now - timedelta(days=1), points=5, max_points=10, submitted_by="student")
        db.session.add(attempt)
        db.session.flush()
        in_bank = [q for q, b, _ in questions if b == bank_id][:10]
        db.session.execute(insert(Response), [
            {"attempt_id": attempt.id, "position": n, "question_version_id": versions[q], "answer": "b",
             "fraction": float(n % 2), "max_points": 1.0} for n, q in enumerate(in_bank, start=1)])
    db.session.execute(insert(StudyRun), [{"student_id": student_id, "bank_id": b, "kind": "bank", "title": "x",
                                           "created_at": now} for b in bank_ids])
    db.session.commit()
    return student_id


def timed(fn, runs: int = 30) -> tuple[float, float]:
    """Median and worst of `runs` warm calls, in ms (the first call warms caches and is not counted)."""
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    url = os.environ.get("DATABASE_URL")
    folder = Path(tempfile.mkdtemp(prefix="lectern-bench-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url or f"sqlite:///{folder / 'bench.sqlite3'}",
                      "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False})
    with app.app_context():
        db.create_all()
        student_id = populate(random.Random(7))
        student = db.session.get(Student, student_id)
        now = attempt_service.clock()
        cards = db.session.scalar(select(func.count(Card.id)))
        queue = build_queue(student, now)
        print(f"{db.engine.dialect.name}: {cards:,} cards, {queue.due:,} due, {queue.new} new terms offered today")
        median, worst = timed(lambda: build_queue(student, now))
        print(f"  build_queue (count, first 20, missed, new terms): median {median:.1f} ms, max {worst:.1f} ms")
        run = practice.start_review(student, now)
        db.session.commit()
        run_id = run.id
    client = app.test_client()
    with client.session_transaction() as session:
        session[SESSION_KEY] = "bench"
    for label, path in (("home page", "/"), ("/review", "/review"), ("practice page", f"/practice/runs/{run_id}")):
        median, worst = timed(lambda path=path: client.get(path))
        print(f"  GET {label}: median {median:.1f} ms, max {worst:.1f} ms")


if __name__ == "__main__":
    main()
