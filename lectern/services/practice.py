"""Practice sessions: starting one (a quiz, a bank, an attempt's misses, the key terms, Review today),
the item a student is on, and checking answers with tries, hints and cards.

Practice is the student's own: it never touches attempts or the gradebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from lectern.core import practice as rules
from lectern.core import scheduling
from lectern.core.key_terms import KeyTerm
from lectern.core.questions import QuestionDefinition
from lectern.core.quizzes import QuizSpec
from lectern.core.scheduling import Outcome, Rating
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Attempt,
    Bank,
    Card,
    Question,
    QuestionVersion,
    Quiz,
    Student,
    StudyItem,
    StudyRun,
)
from lectern.services import attempt_results, cards, review_queue
from lectern.services import attempts as attempt_service
from lectern.services.cards import QUESTION, TERM
from lectern.services.question_versions import bank_versions, definition_of


class NothingToPractise(Exception):
    """The session would be empty; the message says why."""


class PracticeClosed(Exception):
    """The quiz cannot be practised now; the message says why, in the student's words."""


class AlreadyChecked(Exception):
    """The check was recorded before (a double click, or a page sent twice): nothing changes."""


# --- starting -------------------------------------------------------------------------

def _practisable(bank_id: int, now: datetime) -> list[QuestionVersion]:
    """The bank's current versions that practice can show now: no essays, nothing held back."""
    held = cards.held_back({bank_id}, now)
    return [v for v in bank_versions(bank_id)
            if v.type not in cards.NOT_PRACTISED and v.question_id not in held]


def _run(student: Student, kind: str, title: str, bank: Bank | None, entries: list[dict[str, Any]],
         quiz: Quiz | None = None, now: datetime | None = None) -> StudyRun:
    if not entries:
        raise NothingToPractise(kind)
    run = StudyRun(student=student, kind=kind, title=title, bank_id=bank.id if bank else None,
                   quiz_id=quiz.id if quiz else None, created_at=now or attempt_service.clock())
    run.items = [StudyItem(position=n, tries=0, hinted=False, **entry) for n, entry in enumerate(entries, start=1)]
    db.session.add(run)
    return run


def _question_entries(versions: list[QuestionVersion]) -> list[dict[str, Any]]:
    return [{"kind": QUESTION, "bank_id": v.question.bank_id, "question_version": v} for v in versions]


def start_quiz(student: Student, quiz: Quiz, now: datetime, assignment: Assignment | None = None) -> StudyRun:
    """Practise every question the quiz can ask (not only one attempt's draw), in bank order."""
    refusal = cards.quiz_practice_refusal(quiz, now, assignment)
    if refusal:
        raise PracticeClosed(refusal)
    versions = _practisable(quiz.bank_id, now)
    pool = {d.id for d in QuizSpec.model_validate(quiz.spec).pool([definition_of(v) for v in versions])}
    chosen = [v for v in versions if definition_of(v).id in pool]
    return _run(student, "quiz", f"Practice: {quiz.title}", quiz.bank, _question_entries(chosen), quiz, now)


def start_bank(student: Student, bank: Bank, now: datetime, skill: str | None = None,
               paragraph: int | None = None) -> StudyRun:
    """Practise the bank's questions, all of them or those of one skill or one paragraph."""
    chosen = [v for v in _practisable(bank.id, now)
              if (skill is None or definition_of(v).skill == skill)
              and (paragraph is None or any(e.paragraph == paragraph for e in definition_of(v).evidence))]
    focus = f" ({skill})" if skill else f" (paragraph {paragraph})" if paragraph else ""
    return _run(student, "bank", f"Practice: {bank.title}{focus}", bank, _question_entries(chosen), now=now)


def start_missed(student: Student, attempt: Attempt, now: datetime) -> StudyRun:
    """Practise the questions an attempt got wrong or partly right, once its review shows them."""
    show = attempt_results.review_show_for(attempt, now)
    if not (show.correctness and show.right_answers and show.explanations):
        raise PracticeClosed("This quiz does not show its answers yet, so its questions cannot be practised.")
    missed = {r.question_version.question_id for r in attempt.responses
              if r.fraction is not None and r.fraction < 1 - 1e-9}
    chosen = [v for v in _practisable(attempt.quiz.bank_id, now) if v.question_id in missed]
    return _run(student, "missed", f"Practice: what I missed in {attempt.quiz.title}", attempt.quiz.bank,
                _question_entries(chosen), attempt.quiz, now)


def start_terms(student: Student, bank: Bank, now: datetime) -> StudyRun:
    """Practise every key term of the bank's article."""
    entries = [{"kind": TERM, "bank_id": bank.id, "term": t["term"]} for t in bank.key_terms or []]
    return _run(student, "terms", f"Key terms: {bank.title}", bank, entries, now=now)


def start_review(student: Student, now: datetime) -> StudyRun:
    """A session of the cards due now (Review today), the first SESSION_SIZE of them."""
    queue = review_queue.build_queue(student, now)
    versions = {}
    question_ids = [e.ref for e in queue.entries if e.kind == QUESTION]
    for question in db.session.scalars(select(Question).where(Question.id.in_(question_ids))
                                       .options(selectinload(Question.versions))):
        versions[question.id] = question.versions[-1]
    entries = [{"kind": QUESTION, "bank_id": e.bank_id, "question_version": versions[e.ref], "card_id": e.card_id}
               if e.kind == QUESTION else {"kind": TERM, "bank_id": e.bank_id, "term": e.ref, "card_id": e.card_id}
               for e in queue.entries if e.kind == TERM or e.ref in versions]
    return _run(student, "review", "Review today", None, entries, now=now)


# --- where the student is ---------------------------------------------------------------

@dataclass(frozen=True)
class TermView:
    """A key-term item ready to show: the term, its sentence, and the face to show."""

    term: KeyTerm
    context: Any  # lectern.core.term_cards.TermInContext, or None if the article lost it
    face: str
    choices: list[tuple[str, str]]


def item_definition(item: StudyItem) -> QuestionDefinition:
    return definition_of(item.question_version)


def bank_term(bank: Bank, term: str) -> KeyTerm | None:
    """The bank's key term of that name (None once the bank no longer lists it)."""
    return next((t for t in map(KeyTerm.model_validate, bank.key_terms or []) if t.term == term), None)


def current_item(run: StudyRun, now: datetime) -> StudyItem | None:
    """The first item not done yet that may be shown now (None: the session is over)."""
    held = cards.held_back({i.bank_id for i in run.items if i.kind == QUESTION and i.done_at is None}, now)
    return next((i for i in run.items if i.done_at is None and not skipped(i, held)), None)


def skipped(item: StudyItem, held: set[int]) -> bool:
    """An item that cannot be shown: its question is held back by a test, or its term was removed."""
    if item.kind == QUESTION:
        return item.question_version.question_id in held
    return bank_term(db.session.get(Bank, item.bank_id), item.term) is None


def card_stage(student_id: int, item: StudyItem) -> int:
    """The FSRS stage of the item's card (0 when there is no card yet)."""
    query = select(Card.stage).where(Card.student_id == student_id)
    if item.card_id:
        query = query.where(Card.id == item.card_id)
    elif item.kind == TERM:
        query = query.where(Card.bank_id == item.bank_id, Card.term == item.term)
    else:
        query = query.where(Card.question_id == item.question_version.question_id)
    return db.session.scalar(query) or 0


# --- checking -------------------------------------------------------------------------------

def _claim(item: StudyItem, tries_seen: int, **values: Any) -> None:
    """Write to the item only if it still stands where the student saw it (AlreadyChecked otherwise).

    A conditional UPDATE: of two identical checks sent together, one matches and the
    other, finding the try count moved on, changes nothing.
    """
    claimed = db.session.execute(
        update(StudyItem).where(StudyItem.id == item.id, StudyItem.tries == tries_seen, StudyItem.done_at.is_(None))
        .values(**values).execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        raise AlreadyChecked(item.id)


def _finish(item: StudyItem, rating: Rating, now: datetime, seconds: float | None) -> None:
    """The item is over: rate its card (making it if the student missed it), and end the session after its last item."""
    student = item.run.student
    source = "review" if item.run.kind == "review" else "practice"
    card = db.session.get(Card, item.card_id) if item.card_id else None
    if card is None and item.kind == TERM:
        card = cards.card_for_term(student, item.bank_id, item.term, now)
    elif card is None:
        question = item.question_version.question
        card = cards.question_card(student, question.id)
        miss = cards.missed_questions(student, now, {question.id}).get(question.id) if card is None else None
        if card is None and (rating <= Rating.HARD or miss is not None):
            card = cards.card_for_question(student, question, now, miss)
    if card is not None:
        cards.record_review(card, rating, now, source, seconds=seconds, item=item)
        item.card_id = card.id
    item.rating, item.done_at = int(rating), now
    if all(i.done_at is not None for i in item.run.items if i.id != item.id):
        item.run.finished_at = now


def check_question(item: StudyItem, response: Any, tries_seen: int, seconds: float | None,
                   now: datetime) -> rules.Check:
    """Mark one try of a question item; on its last try, rate its card (the caller commits)."""
    definition = item_definition(item)
    result = rules.check(definition.grade_or_unanswered(response).fraction or 0.0, tries_seen, item.credit or 0.0)
    first = tries_seen == 0
    _claim(item, tries_seen, tries=result.tries)
    item.answer, item.fraction, item.credit = response, result.fraction, result.credit
    if first:
        item.first_fraction, item.checked_at, item.seconds = result.fraction, now, seconds
    if result.finished:
        outcome = Outcome(result.fraction, result.tries, bool(item.hinted), item.seconds,
                          scheduling.quick_seconds(rules.words_to_read(definition)))
        _finish(item, scheduling.rating_for(outcome), now, seconds)
    else:
        item.hinted = True
    return result


def check_term(item: StudyItem, face: str, right: bool, answer: str, seconds: float | None, now: datetime) -> None:
    """Mark a key-term item (one try) and rate its card (the caller commits)."""
    _claim(item, 0, tries=1)
    fraction = 1.0 if right else 0.0
    item.answer, item.face, item.fraction, item.credit = answer, face, fraction, fraction
    item.first_fraction, item.checked_at, item.seconds = fraction, now, seconds
    words = len(item.term.split()) + 12 * (face == "choose")  # four short definitions, skimmed
    outcome = Outcome(fraction, seconds=seconds, quick_seconds=scheduling.quick_seconds(words))
    _finish(item, scheduling.rating_for(outcome), now, seconds)


def reveal(item: StudyItem, tries_seen: int, now: datetime) -> None:
    """The student asks for the answer after a try: the item ends, rated Again (the caller commits)."""
    _claim(item, tries_seen, tries=tries_seen)
    _finish(item, Rating.AGAIN, now, None)
