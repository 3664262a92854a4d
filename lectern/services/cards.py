"""A student's cards: making them, rating them with FSRS, and which questions practice must hold back.

Nothing here commits; the caller commits once, so a check, its card and its review
land together or not at all.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from lectern.core import scheduling
from lectern.core.key_terms import KeyTerm
from lectern.core.practice import practice_refusal
from lectern.core.quizzes import QuizSpec
from lectern.core.scheduling import CardStage, CardState, Rating
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Attempt,
    Bank,
    Card,
    CardReview,
    Question,
    QuestionVersion,
    Quiz,
    Response,
    Student,
    StudyItem,
)
from lectern.rendering import when
from lectern.services import attempt_results
from lectern.services import attempts as attempt_service
from lectern.services.question_versions import bank_versions, definition_of

QUESTION, TERM = "question", "term"
NOT_PRACTISED = ("essay",)


def state_of(card: Card) -> CardState:
    return CardState(stage=CardStage(card.stage), step=card.step, stability=card.stability,
                     difficulty=card.difficulty, due=card.due if card.stage else None, last_review=card.last_review)


def record_review(card: Card, rating: Rating, at: datetime, source: str, *, seconds: float | None = None,
                  item: StudyItem | None = None, response_id: int | None = None) -> CardReview:
    """Rate the card: move its FSRS state on and keep the review, with the state before and after."""
    before = state_of(card)
    after = scheduling.review(before, rating, at)
    card.stage, card.step, card.stability, card.difficulty = int(after.stage), after.step, after.stability, after.difficulty
    card.due, card.last_review = after.due, after.last_review
    card.reviews = (card.reviews or 0) + 1
    card.lapses = (card.lapses or 0) + (rating is Rating.AGAIN)
    row = CardReview(card=card, student_id=card.student_id, rating=int(rating), reviewed_at=at, seconds=seconds,
                     source=source, item_id=item.id if item else None, response_id=response_id,
                     state_before=before.as_data(), state_after=after.as_data())
    db.session.add(row)
    return row


def quiz_rating(fraction: float) -> Rating:
    """A quiz answer that was not right: wrong or unanswered is Again, partly right is Hard."""
    return Rating.AGAIN if fraction <= 1e-9 else Rating.HARD


def question_card(student: Student, question_id: int) -> Card | None:
    return db.session.scalar(select(Card).where(Card.student_id == student.id, Card.question_id == question_id))


def term_card(student: Student, bank_id: int, term: str) -> Card | None:
    return db.session.scalar(select(Card).where(Card.student_id == student.id, Card.bank_id == bank_id,
                                                Card.term == term))


def _new_card(student: Student, bank_id: int, now: datetime, **ref: Any) -> Card:
    card = Card(student_id=student.id, bank_id=bank_id, stage=0, due=now, reviews=0, lapses=0, created_at=now, **ref)
    db.session.add(card)
    db.session.flush()
    return card


def card_for_question(student: Student, question: Question, now: datetime, miss: Miss | None = None) -> Card:
    """The student's card for the question, made now if it is new.

    A new card that the student missed in a quiz starts from that miss: the quiz's
    answer is its first review (Again, or Hard when partly right), at the time submitted.
    A caller that has looked the miss up already passes it in.
    """
    card = question_card(student, question.id)
    if card is not None:
        return card
    if miss is None:  # looked up before the card exists: a question with a card is no longer "missed"
        miss = missed_questions(student, now, question_ids={question.id}).get(question.id)
    card = _new_card(student, question.bank_id, now, kind=QUESTION, question_id=question.id)
    if miss is not None:
        record_review(card, quiz_rating(miss.fraction), miss.submitted_at, "quiz", response_id=miss.response_id)
    return card


def card_for_term(student: Student, bank_id: int, term: str, now: datetime) -> Card:
    """The student's card for a key term, made now if it is new."""
    return term_card(student, bank_id, term) or _new_card(student, bank_id, now, kind=TERM, term=term)


# --- missed quiz questions ---------------------------------------------------------

class Miss:
    """The latest visible quiz answer to a question, when it was not right."""

    __slots__ = ("bank_id", "fraction", "question_id", "response_id", "submitted_at")

    def __init__(self, question_id: int, bank_id: int, fraction: float, submitted_at: datetime, response_id: int):
        self.question_id, self.bank_id, self.fraction = question_id, bank_id, fraction
        self.submitted_at, self.response_id = submitted_at, response_id


def missed_questions(student: Student, now: datetime, question_ids: set[int] | None = None) -> dict[int, Miss]:
    """Questions whose latest marked quiz answer was wrong or partly right, that have no card yet.

    Only answers the student may already see marked, with their right answer and
    explanation, count: reviewing the card shows both.
    """
    query = (
        select(Response.id, Response.fraction, QuestionVersion.question_id, Question.bank_id, Attempt)
        .join(Response.attempt).join(Response.question_version).join(QuestionVersion.question)
        .where(Attempt.student_id == student.id, Attempt.submitted_at.is_not(None), Response.fraction.is_not(None),
               Question.retired.is_(False), QuestionVersion.type.not_in(NOT_PRACTISED),
               ~select(Card.id).where(Card.student_id == student.id, Card.question_id == Question.id).exists())
        .order_by(Attempt.submitted_at, Attempt.id)
        .options(selectinload(Attempt.quiz), selectinload(Attempt.assignment))
    )
    if question_ids is not None:
        query = query.where(QuestionVersion.question_id.in_(question_ids))
    latest: dict[int, Miss | None] = {}
    shown: dict[int, bool] = {}
    for response_id, fraction, question_id, bank_id, attempt in db.session.execute(query):
        if attempt.id not in shown:
            show = attempt_results.review_show_for(attempt, now)
            shown[attempt.id] = show.correctness and show.right_answers and show.explanations
        if shown[attempt.id]:  # later attempts come later: the last one written wins
            latest[question_id] = (None if fraction >= 1 - 1e-9 else
                                   Miss(question_id, bank_id, fraction, attempt.submitted_at, response_id))
    return {q: m for q, m in latest.items() if m is not None}


# --- what practice holds back --------------------------------------------------------

def quiz_practice_refusal(quiz: Quiz, now: datetime, assignment: Assignment | None = None) -> str | None:
    """Why this quiz (as set for this class, if given) cannot be practised now; None when it can."""
    settings = attempt_service.settings_of(quiz, assignment)
    show = settings.review_show(now)
    closes_at = settings.window.closes_at
    after_close = "after_close" in (settings.review_right_answers, settings.review_explanations)
    allowed = settings.practice_allowed or (settings.practice_open_after_review()
                                            and show.right_answers and show.explanations)
    return practice_refusal(allowed, show, when(closes_at) if closes_at and after_close else None)


def held_back(bank_ids: set[int], now: datetime) -> set[int]:
    """Ids of questions that practice must not show now, in these banks.

    A question is held back while any quiz that can ask it cannot be practised (switched
    off, or keeping its answers hidden) for the quiz itself or any class it is assigned to.
    """
    if not bank_ids:
        return set()
    quizzes = list(db.session.scalars(select(Quiz).where(Quiz.bank_id.in_(bank_ids), Quiz.retired.is_(False))))
    assigned: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in db.session.scalars(select(Assignment).where(Assignment.quiz_id.in_([q.id for q in quizzes]))):
        assigned[assignment.quiz_id].append(assignment)
    closed = [q for q in quizzes if any(quiz_practice_refusal(q, now, a) for a in [None, *assigned[q.id]])]
    versions = {bank_id: bank_versions(bank_id) for bank_id in {q.bank_id for q in closed}}
    out: set[int] = set()
    for quiz in closed:
        pool = {d.id for d in QuizSpec.model_validate(quiz.spec).pool([definition_of(v) for v in versions[quiz.bank_id]])}
        out |= {v.question_id for v in versions[quiz.bank_id] if definition_of(v).id in pool}
    return out


def drop_removed_term_cards(bank: Bank) -> int:
    """Delete the cards of terms the bank no longer lists (the caller commits); how many."""
    terms = [KeyTerm.model_validate(t).term for t in bank.key_terms or []]
    return db.session.execute(delete(Card).where(Card.bank_id == bank.id, Card.kind == TERM,
                                                 Card.term.not_in(terms))).rowcount
