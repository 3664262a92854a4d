"""The student's "Review today" queue, from their cards, their missed quiz questions and new key terms."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, or_, select

from lectern.core import review_queue
from lectern.core.key_terms import KeyTerm
from lectern.core.review_queue import Entry, Queue
from lectern.extensions import db
from lectern.models import Attempt, Bank, Card, Question, Quiz, Student, StudyRun
from lectern.services import cards
from lectern.services.cards import QUESTION, TERM

EMPTY = Queue(entries=[], due=0, new=0, next_due=None)


def worked_banks(student: Student) -> list[Bank]:
    """The banks the student has submitted a quiz of, or practised."""
    quizzed = (select(Quiz.bank_id).join(Attempt, Attempt.quiz_id == Quiz.id)
               .where(Attempt.student_id == student.id, Attempt.submitted_at.is_not(None)))
    practised = select(StudyRun.bank_id).where(StudyRun.student_id == student.id)
    return list(db.session.scalars(select(Bank).where(or_(Bank.id.in_(quizzed), Bank.id.in_(practised)))
                                   .order_by(Bank.title)))


def _reviewable(student: Student, held: set[int]):
    """The student's cards that may be reviewed: every term card, and question cards of live, practisable questions."""
    return (select(Card).outerjoin(Question, Card.question_id == Question.id)
            .where(Card.student_id == student.id,
                   or_(Card.kind == TERM, and_(Question.retired.is_(False), Card.question_id.not_in(held)))))


def _new_terms(student: Student, banks: list[Bank]) -> list[Entry]:
    """Key terms of these banks the student has no card for yet, in each bank's order."""
    have = set(db.session.execute(select(Card.bank_id, Card.term).where(
        Card.student_id == student.id, Card.kind == TERM, Card.bank_id.in_([b.id for b in banks]))).all())
    return [Entry(TERM, bank.id, term.term, None)
            for bank in banks for term in map(KeyTerm.model_validate, bank.key_terms or [])
            if (bank.id, term.term) not in have]


def build_queue(student: Student | None, now: datetime, limit: int = review_queue.SESSION_SIZE) -> Queue:
    """What the student has to review now: the first `limit` entries, and how many there are in all."""
    if student is None:
        return EMPTY
    banks = worked_banks(student)
    card_banks = set(db.session.scalars(select(Card.bank_id).where(Card.student_id == student.id).distinct()))
    held = cards.held_back({b.id for b in banks} | card_banks, now)
    reviewable = _reviewable(student, held)
    due_total = db.session.scalar(select(func.count()).select_from(reviewable.where(Card.due <= now).subquery()))
    due = [Entry(c.kind, c.bank_id, c.question_id if c.kind == QUESTION else c.term, c.due, c.id)
           for c in db.session.scalars(reviewable.where(Card.due <= now).order_by(Card.due, Card.id).limit(limit))]
    missed = [Entry(QUESTION, m.bank_id, m.question_id, m.submitted_at)
              for m in cards.missed_questions(student, now).values() if m.question_id not in held]
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    introduced = db.session.scalar(select(func.count(Card.id)).where(
        Card.student_id == student.id, Card.kind == TERM, Card.created_at >= day_start))
    later = reviewable.where(Card.due > now).subquery()
    next_due = db.session.scalar(select(func.min(later.c.due)))
    queue = review_queue.build(due, missed, _new_terms(student, banks), introduced, next_due, due_total)
    return Queue(queue.entries[:limit], queue.due, queue.new, queue.next_due)
