"""What the practice pages show: a finished item's result with its evidence, the hint, the summary."""

from __future__ import annotations

from dataclasses import dataclass

from lectern.core import term_cards
from lectern.core.article_markup import Piece, paragraph_pieces
from lectern.extensions import db
from lectern.models import Bank, StudyItem, StudyRun
from lectern.services.attempt_review import ReviewItem, review_item
from lectern.services.cards import TERM
from lectern.services.practice import bank_term, item_definition


@dataclass(frozen=True)
class Summary:
    """How a finished (or abandoned) session went."""

    done: int
    first_try: int
    after_hint: int
    missed: int
    credit: float
    left_out: int  # items not shown: held back by a test, or a removed term


def summary(run: StudyRun) -> Summary:
    done = [i for i in run.items if i.done_at is not None]
    return Summary(
        done=len(done),
        first_try=sum(1 for i in done if (i.first_fraction or 0) >= 1 - 1e-9),
        after_hint=sum(1 for i in done if (i.first_fraction or 0) < 1 - 1e-9 and (i.fraction or 0) >= 1 - 1e-9),
        missed=sum(1 for i in done if (i.fraction or 0) < 1 - 1e-9),
        credit=round(sum(i.credit or 0 for i in done), 2),
        left_out=len(run.items) - len(done),
    )


@dataclass(frozen=True)
class ItemResult:
    """A finished item: the marked answer and, for a question, its review and its evidence marked in place."""

    review: ReviewItem | None  # a question's review (None for a key term)
    passages: list[tuple[int, list[Piece]]]  # (paragraph, pieces) with the evidence quote marked
    right: bool
    credit: float
    tries: int


def hint(run: StudyRun, item: StudyItem) -> list[tuple[int, str]]:
    """The paragraphs that hold the answer (never the answer itself): the hint after a wrong try."""
    bank = db.session.get(Bank, item.bank_id)
    numbers = sorted({e.paragraph for e in item_definition(item).evidence})
    return [(n, bank.paragraphs[n - 1]) for n in numbers if 1 <= n <= len(bank.paragraphs)]


def item_result(item: StudyItem) -> ItemResult:
    """What the student sees once an item is over."""
    bank = db.session.get(Bank, item.bank_id)
    right = (item.fraction or 0) >= 1 - 1e-9
    if item.kind == TERM:
        term = bank_term(bank, item.term)
        found = term_cards.in_context(term, bank.paragraphs) if term else None
        passages = [(found.paragraph, paragraph_pieces(bank.paragraphs[found.paragraph - 1], found.sentence))] \
            if found else []
        return ItemResult(None, passages, right, item.credit or 0.0, item.tries)
    definition = item_definition(item)
    review = review_item(item.position, definition, item.answer,
                         points=(item.credit or 0.0) * definition.points)
    passages = [(e.paragraph, paragraph_pieces(bank.paragraphs[e.paragraph - 1], e.quote))
                for e in definition.evidence if 1 <= e.paragraph <= len(bank.paragraphs)]
    return ItemResult(review, passages, right, item.credit or 0.0, item.tries)
