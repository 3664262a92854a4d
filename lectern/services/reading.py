"""What the article page shows: paragraphs with highlights and key terms, and reading figures."""

from __future__ import annotations

from dataclasses import dataclass, replace

from lectern.core.article_markup import Piece, first_occurrences, paragraph_pieces
from lectern.core.key_terms import KeyTerm
from lectern.core.reading_figures import ReadingFigures, reading_figures, reading_minutes
from lectern.models import Bank


@dataclass(frozen=True)
class ArticleView:
    paragraphs: list[tuple[int, list[Piece]]]
    key_terms: list[KeyTerm]
    highlighted: int | None
    words: int
    minutes: int
    grade: float


def store_reading_figures(bank: Bank) -> None:
    """Set the bank's word count and reading grade from its paragraphs (the caller commits).

    Called wherever a bank's article is written, so the article page only reads them:
    computing the grade costs ~0.7 s the first time in a process.
    """
    figures = reading_figures(bank.paragraphs or [])
    bank.word_count, bank.reading_grade = figures.words, figures.grade


def article_view(bank: Bank, paragraph: int | None, quote: str | None) -> ArticleView:
    """The article ready to render, with paragraph `paragraph` showing `quote` highlighted."""
    terms = [KeyTerm.model_validate(t) for t in bank.key_terms or []]
    term_spans = first_occurrences(terms, bank.paragraphs)
    pieces = [
        (n, paragraph_pieces(text, quote if n == paragraph else None, term_spans.get(n, [])))
        for n, text in enumerate(bank.paragraphs, start=1)
    ]
    highlighted = paragraph if any(n == paragraph and any(p.marked for p in ps) for n, ps in pieces) else None
    figures = _stored_figures(bank)
    return ArticleView(
        paragraphs=pieces,
        key_terms=sorted(terms, key=lambda t: t.term.casefold()),
        highlighted=highlighted,
        words=figures.words,
        minutes=reading_minutes(figures.words),
        grade=figures.grade,
    )


def attempt_article(bank: Bank, article_aids: str) -> ArticleView | None:
    """The article as the attempt page shows it: whole ("all"), without key-term definitions
    ("text"), or not at all ("none", closed book)."""
    if article_aids == "none":
        return None
    view = article_view(bank, None, None)
    if article_aids == "all":
        return view
    plain = [(n, [Piece(text)]) for n, text in enumerate(bank.paragraphs or [], start=1)]
    return replace(view, paragraphs=plain, key_terms=[])


def _stored_figures(bank: Bank) -> ReadingFigures:
    if bank.word_count is not None and bank.reading_grade is not None:
        return ReadingFigures(bank.word_count, bank.reading_grade)
    # Every bank has them since migration 0007; should one not, compute them for this
    # request only, as a GET writes nothing.
    return reading_figures(bank.paragraphs or [])
