"""A bank's questions a page at a time, searched in the database, for the bank's page.

A bank can hold thousands of questions (an import brings up to 2,000 at once); listing
them all made a 59 MB page that took 13 s. The page shows PAGE_SIZE at a time, and the
figures at its top are counted in SQL rather than from loaded rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from lectern.extensions import db
from lectern.models import DRAFT, IMPORTING, Bank, Question, QuestionVersion, Teacher

PAGE_SIZE = 50
SEARCH_MAX = 200  # characters of a search that are used


@dataclass(frozen=True)
class QuestionCounts:
    """How many of the bank's questions the viewer may see are in use, retired, and drafts."""

    in_use: int
    retired: int
    drafts: int


@dataclass(frozen=True)
class QuestionPage:
    """One page of a list of questions: the rows, and where they sit in the whole list."""

    questions: list[Question]
    total: int
    page: int
    pages: int

    @property
    def first(self) -> int:
        """The position (from 1) of the first question shown; 0 when there is none."""
        return (self.page - 1) * PAGE_SIZE + 1 if self.total else 0

    @property
    def last(self) -> int:
        return self.first + len(self.questions) - 1 if self.total else 0


def page_number(value: str | None) -> int:
    """A ?page= value as a page number from 1: what is not a positive whole number is page 1, and a
    number past the last page is clamped to it by question_page."""
    value = (value or "").strip()
    if not value or not value.isascii() or not value.isdigit():
        return 1
    return max(1, int(value[:10]) if len(value) <= 10 else 10**10)


def question_counts(bank: Bank, teacher: Teacher, editor: bool) -> QuestionCounts:
    """The bank's questions in use, retired and drafts, counted in the database."""
    rows = db.session.execute(
        select(Question.status, Question.retired, func.count())
        .where(Question.bank_id == bank.id, _visible(teacher, editor))
        .group_by(Question.status, Question.retired))
    counts = {"in_use": 0, "retired": 0, "drafts": 0}
    for status, retired, count in rows:
        counts["drafts" if status == DRAFT else "retired" if retired else "in_use"] += count
    return QuestionCounts(**counts)


def question_page(bank: Bank, teacher: Teacher, editor: bool, *, drafts: bool, search: str = "",
                  page: int = 1) -> QuestionPage:
    """The bank's drafts (or its other questions, retired ones included) matching the search, one page.

    The search matches a question's id or its latest prompt, ignoring case. A page past the
    last is the last page.
    """
    query = (select(Question).where(Question.bank_id == bank.id, _visible(teacher, editor),
                                    Question.status == DRAFT if drafts else Question.status != DRAFT))
    search = search.strip()[:SEARCH_MAX]
    if search:
        query = query.where(_matches(bank, search))
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    questions = list(db.session.scalars(
        query.order_by(Question.position, Question.id).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
        .options(selectinload(Question.versions))))
    return QuestionPage(questions, total, page, pages)


def _visible(teacher: Teacher, editor: bool):
    # As bank_access.can_see: a draft is its author's and the bank's editors'; no page shows
    # a question an import is still writing.
    writing = Question.status != IMPORTING
    return writing if editor else and_(writing, or_(Question.status != DRAFT, Question.created_by_id == teacher.id))


def _matches(bank: Bank, search: str):
    latest = (select(QuestionVersion.question_id, func.max(QuestionVersion.number).label("number"))
              .join(Question, Question.id == QuestionVersion.question_id)
              .where(Question.bank_id == bank.id).group_by(QuestionVersion.question_id).subquery())
    prompt_matches = (select(QuestionVersion.question_id)
                      .join(latest, and_(latest.c.question_id == QuestionVersion.question_id,
                                         latest.c.number == QuestionVersion.number))
                      .where(QuestionVersion.definition["prompt"].as_string().icontains(search, autoescape=True)))
    return or_(Question.key.icontains(search, autoescape=True), Question.id.in_(prompt_matches))
