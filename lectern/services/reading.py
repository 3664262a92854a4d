"""What the article page shows: paragraphs with highlights and key terms, and reading figures."""

from __future__ import annotations

import math
from dataclasses import dataclass

import textstat

from lectern.core.article_markup import Piece, first_occurrences, paragraph_pieces
from lectern.core.key_terms import KeyTerm
from lectern.models import Bank

WORDS_PER_MINUTE = 200  # a typical silent-reading pace for secondary students


@dataclass(frozen=True)
class ArticleView:
    paragraphs: list[tuple[int, list[Piece]]]
    key_terms: list[KeyTerm]
    highlighted: int | None
    words: int
    minutes: int
    grade: float


def article_view(bank: Bank, paragraph: int | None, quote: str | None) -> ArticleView:
    """The article ready to render, with paragraph `paragraph` showing `quote` highlighted."""
    terms = [KeyTerm.model_validate(t) for t in bank.key_terms or []]
    term_spans = first_occurrences(terms, bank.paragraphs)
    pieces = [
        (n, paragraph_pieces(text, quote if n == paragraph else None, term_spans.get(n, [])))
        for n, text in enumerate(bank.paragraphs, start=1)
    ]
    highlighted = paragraph if any(n == paragraph and any(p.marked for p in ps) for n, ps in pieces) else None
    text = "\n\n".join(bank.paragraphs)
    words = sum(len(p.split()) for p in bank.paragraphs)
    return ArticleView(
        paragraphs=pieces,
        key_terms=sorted(terms, key=lambda t: t.term.casefold()),
        highlighted=highlighted,
        words=words,
        minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
        grade=round(textstat.flesch_kincaid_grade(text), 1),
    )
