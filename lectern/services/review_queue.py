"""The student's "Review today" queue, from their cards, their missed quiz questions and new key terms."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, or_, select

from lectern.core import review_queue
from lectern.core.review_queue import Entry, Queue
from lectern.extensions import db
from lectern.models import Attempt, Bank, Card, Question, Quiz, Student, StudyRun
from lectern.services import cards
from lectern.services.cards import QUESTION, TERM

EMPTY = Queue(entries=[], due=0, new=0, next_due=None)


def _worked(student: Student):
    """The ids of the banks the student has submitted a quiz of, or practised (a subquery)."""
    quizzed = (select(Quiz.bank_id).join(Attempt, Attempt.quiz_id == Quiz.id)
               .where(Attempt.student_id == student.id, Attempt.submitted_at.is_not(None)))
    practised = select(StudyRun.bank_id).where(StudyRun.student_id == student.id)
    return or_(Bank.id.in_(quizzed), Bank.id.in_(practised))


def worked_banks(student: Student) -> list[Bank]:
    """The banks the student has submitted a quiz of, or practised, by title."""
    return list(db.session.scalars(select(Bank).where(_worked(student)).order_by(Bank.title)))


def _reviewable(student: Student, held: set[int]):
    """The student's cards that may be reviewed: every term card, and question cards of live, practisable questions."""
    return (select(Card).outerjoin(Question, Card.question_id == Question.id)
            .where(Card.student_id == student.id,
                   or_(Card.kind == TERM, and_(Question.retired.is_(False), Card.question_id.not_in(held)))))


def _new_terms(student: Student, allowance: int) -> list[Entry]:
    """Up to `allowance` key terms of the student's banks that they have no card for yet, in each bank's order.

    Bank rows are read as (id, key_terms) only: the article text is not needed here.
    """
    if allowance <= 0:
        return []
    have = set(db.session.execute(select(Card.bank_id, Card.term).where(
        Card.student_id == student.id, Card.kind == TERM)).all())
    out: list[Entry] = []
    for bank_id, terms in db.session.execute(select(Bank.id, Bank.key_terms).where(_worked(student))
                                             .order_by(Bank.title)):
        out += [Entry(TERM, bank_id, t["term"], None) for t in terms or [] if (bank_id, t["term"]) not in have]
        if len(out) >= allowance:
            break
    return out[:allowance]


def build_queue(student: Student | None, now: datetime, limit: int = review_queue.SESSION_SIZE) -> Queue:
    """What the student has to review now: the first `limit` entries, and how many there are in all."""
    if student is None:
        return EMPTY
    worked = set(db.session.scalars(select(Bank.id).where(_worked(student))))
    card_banks = set(db.session.scalars(select(Card.bank_id).where(Card.student_id == student.id).distinct()))
    held = cards.held_back(worked | card_banks, now)
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
    fresh = _new_terms(student, review_queue.new_allowance(introduced))
    queue = review_queue.build(due, missed, fresh, introduced, next_due, due_total)
    return Queue(queue.entries[:limit], queue.due, queue.new, queue.next_due)
