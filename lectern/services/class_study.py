"""A class's study, for its teacher: who practised and how much, what they miss in practice, and
how the class does in each reading skill of the articles set to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from lectern.core import mastery
from lectern.core.mastery import ArticleMastery, Mastery
from lectern.extensions import db
from lectern.models import (
    Bank,
    Card,
    CardReview,
    Classroom,
    Question,
    QuestionVersion,
    StudyItem,
    StudyRun,
)
from lectern.services.cards import QUESTION
from lectern.services.mastery import evidence_by_student
from lectern.services.question_versions import definition_of

MIN_PRACTICE_ANSWERS = 3  # a question's miss rate is shown from this many first tries


@dataclass(frozen=True)
class StudentStudy:
    """One student's study in the last two weeks (and when they last studied at all)."""

    enrollment_id: int
    name: str
    practised: int  # practice answers checked (first tries)
    reviews: int  # card reviews (practice and Review today)
    due: int  # cards due now
    last_studied: datetime | None


@dataclass(frozen=True)
class MissedQuestion:
    """A question the class often gets wrong at the first try of practice."""

    question: Question
    prompt: str
    answers: int
    wrong: int  # not fully right at the first try

    @property
    def share(self) -> float:
        return self.wrong / self.answers


@dataclass(frozen=True)
class ArticleSkills:
    """The class's figure per skill on one article, and each student's."""

    bank: Bank
    whole_class: ArticleMastery
    students: list[tuple[str, list[Mastery]]]


@dataclass(frozen=True)
class ClassStudy:
    students: list[StudentStudy]
    missed: list[MissedQuestion]
    articles: list[ArticleSkills]

    @property
    def practising(self) -> int:
        return sum(1 for s in self.students if s.practised or s.reviews)


def _by_student(query) -> dict[int, tuple]:
    return {row[0]: tuple(row[1:]) for row in db.session.execute(query)}


def _students(classroom: Classroom, now: datetime) -> list[StudentStudy]:
    ids = [e.student_id for e in classroom.enrollments]
    since = now - mastery.WINDOW
    practised = _by_student(
        select(StudyRun.student_id, func.count(StudyItem.id)).join(StudyItem.run)
        .where(StudyRun.student_id.in_(ids), StudyItem.checked_at >= since).group_by(StudyRun.student_id))
    last = _by_student(
        select(StudyRun.student_id, func.max(StudyItem.checked_at)).join(StudyItem.run)
        .where(StudyRun.student_id.in_(ids)).group_by(StudyRun.student_id))
    reviews = _by_student(
        select(CardReview.student_id, func.count(CardReview.id))
        .where(CardReview.student_id.in_(ids), CardReview.reviewed_at >= since, CardReview.source != "quiz")
        .group_by(CardReview.student_id))
    due = _by_student(select(Card.student_id, func.count(Card.id))
                      .where(Card.student_id.in_(ids), Card.due <= now).group_by(Card.student_id))
    return [StudentStudy(e.id, e.display_name, practised.get(e.student_id, (0,))[0],
                         reviews.get(e.student_id, (0,))[0], due.get(e.student_id, (0,))[0],
                         last.get(e.student_id, (None,))[0])
            for e in classroom.enrollments]


def _missed(classroom: Classroom, limit: int = 10) -> list[MissedQuestion]:
    ids = [e.student_id for e in classroom.enrollments]
    wrong = func.sum(case((StudyItem.first_fraction < 1 - 1e-9, 1), else_=0))
    rows = db.session.execute(
        select(QuestionVersion.question_id, func.count(StudyItem.id), wrong)
        .join(StudyItem.run).join(StudyItem.question_version)
        .where(StudyRun.student_id.in_(ids), StudyItem.kind == QUESTION, StudyItem.first_fraction.is_not(None))
        .group_by(QuestionVersion.question_id)
        .having(func.count(StudyItem.id) >= MIN_PRACTICE_ANSWERS)
    ).all()
    ranked = sorted((r for r in rows if r[2]), key=lambda r: (-r[2] / r[1], -r[1]))[:limit]
    questions = {q.id: q for q in db.session.scalars(
        select(Question).where(Question.id.in_([r[0] for r in ranked]))
        .options(selectinload(Question.versions), selectinload(Question.bank)))}
    return [MissedQuestion(questions[qid], definition_of(questions[qid].versions[-1]).prompt, n, int(w))
            for qid, n, w in ranked]


def _articles(classroom: Classroom, now: datetime) -> list[ArticleSkills]:
    banks = {a.quiz.bank_id: a.quiz.bank for a in classroom.assignments}
    ids = [e.student_id for e in classroom.enrollments]
    out = []
    for bank in sorted(banks.values(), key=lambda b: b.title):
        evidence = evidence_by_student(ids, bank, now)
        pooled = [e for rows in evidence.values() for e in rows]
        students = [(e.display_name, mastery.article_mastery(evidence.get(e.student_id, []), 0, now).skills)
                    for e in classroom.enrollments]
        out.append(ArticleSkills(bank, mastery.article_mastery(pooled, len(bank.paragraphs), now), students))
    return out


def class_study(classroom: Classroom, now: datetime) -> ClassStudy:
    """Everything the class study page shows."""
    return ClassStudy(_students(classroom, now), _missed(classroom), _articles(classroom, now))
