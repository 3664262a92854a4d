"""The evidence mastery is computed from: marked quiz answers, first tries in practice, key-term reviews."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lectern.core import mastery, term_cards
from lectern.core.key_terms import KeyTerm
from lectern.core.mastery import ArticleMastery, Evidence
from lectern.extensions import db
from lectern.models import (
    Attempt,
    Bank,
    QuestionVersion,
    Quiz,
    Response,
    Student,
    StudyItem,
    StudyRun,
)
from lectern.services import attempt_results
from lectern.services.cards import QUESTION
from lectern.services.question_versions import definition_of
from lectern.services.review_queue import worked_banks

VOCABULARY_SKILL = "understand"  # a key term in context is vocabulary: PISA's "understand"


def _versions(ids: set[int]) -> dict[int, QuestionVersion]:
    return {v.id: v for v in db.session.scalars(select(QuestionVersion).where(QuestionVersion.id.in_(ids)))}


def _term_paragraphs(bank: Bank) -> dict[str, tuple[int, ...]]:
    out = {}
    for term in map(KeyTerm.model_validate, bank.key_terms or []):
        found = term_cards.in_context(term, bank.paragraphs)
        out[term.term] = (found.paragraph,) if found else ()
    return out


def evidence_by_student(student_ids: list[int], bank: Bank, now: datetime) -> dict[int, list[Evidence]]:
    """Each student's marked answers on the bank's questions and terms within the mastery window.

    Quiz answers count only where the student may see them marked (the quiz's review rules).
    """
    since = now - mastery.WINDOW
    out: dict[int, list[Evidence]] = defaultdict(list)
    if not student_ids:
        return out
    quiz_rows = db.session.execute(
        select(Response.fraction, Response.question_version_id, Attempt)
        .join(Response.attempt).join(Attempt.quiz)
        .where(Attempt.student_id.in_(student_ids), Quiz.bank_id == bank.id, Attempt.submitted_at >= since,
               Attempt.submitted_at <= now, Response.fraction.is_not(None))
        .options(selectinload(Attempt.quiz), selectinload(Attempt.assignment))
    ).all()
    study_rows = db.session.execute(
        select(StudyItem, StudyRun.student_id).join(StudyItem.run)
        .where(StudyRun.student_id.in_(student_ids), StudyItem.bank_id == bank.id, StudyItem.checked_at >= since,
               StudyItem.checked_at <= now, StudyItem.first_fraction.is_not(None))
    ).all()
    versions = _versions({r[1] for r in quiz_rows} | {i.question_version_id for i, _ in study_rows
                                                       if i.question_version_id})
    shown: dict[int, bool] = {}
    for fraction, version_id, attempt in quiz_rows:
        if attempt.id not in shown:
            shown[attempt.id] = attempt_results.review_show_for(attempt, now).correctness
        if shown[attempt.id]:
            q = definition_of(versions[version_id])
            out[attempt.student_id].append(Evidence(attempt.submitted_at, fraction, q.skill,
                                                    tuple(sorted({e.paragraph for e in q.evidence}))))
    terms = _term_paragraphs(bank)
    for item, student_id in study_rows:
        if item.kind == QUESTION:
            q = definition_of(versions[item.question_version_id])
            skill, paragraphs = q.skill, tuple(sorted({e.paragraph for e in q.evidence}))
        else:
            skill, paragraphs = VOCABULARY_SKILL, terms.get(item.term, ())
        out[student_id].append(Evidence(item.checked_at, item.first_fraction, skill, paragraphs))
    return out


def student_mastery(student: Student | None, now: datetime) -> list[tuple[Bank, ArticleMastery]]:
    """Per article the student has worked on: how they do in each skill and paragraph."""
    if student is None:
        return []
    out = []
    for bank in worked_banks(student):
        evidence = evidence_by_student([student.id], bank, now).get(student.id, [])
        out.append((bank, mastery.article_mastery(evidence, len(bank.paragraphs), now)))
    return out
