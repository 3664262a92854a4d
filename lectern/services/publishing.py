"""Publishing drafts: a question reaches students' quizzes only once its checks pass."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lectern.core.publishing import publish_problems
from lectern.extensions import db
from lectern.models import DRAFT, PUBLISHED, Bank, Question
from lectern.services.question_editing import article_of


@dataclass
class PublishReport:
    """What publishing did: the questions now live, and what each refused one still needs."""

    published: list[str] = field(default_factory=list)
    refused: dict[str, list[str]] = field(default_factory=dict)


def drafts_of(bank: Bank) -> list[Question]:
    """The bank's drafts in bank order, with their versions loaded."""
    return list(db.session.scalars(
        select(Question).where(Question.bank_id == bank.id, Question.status == DRAFT)
        .order_by(Question.position, Question.id).options(selectinload(Question.versions))
    ))


def publish(bank: Bank, questions: list[Question]) -> PublishReport:
    """Publish each draft whose latest version passes the checks (the caller commits); the rest stay drafts."""
    article, report = article_of(bank), PublishReport()
    for question in questions:
        if question.status != DRAFT or not question.versions:
            continue
        problems = publish_problems(question.versions[-1].definition, article)
        if problems:
            report.refused[question.key] = problems
        else:
            question.status = PUBLISHED
            report.published.append(question.key)
    return report
