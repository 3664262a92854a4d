"""Split a paragraph into pieces to render: plain text, key terms, a highlighted quote.

Pure: the template turns the pieces into <mark> and <dfn>, escaping every piece.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from lectern.core.article import find_quote
from lectern.core.key_terms import KeyTerm


@dataclass(frozen=True)
class Piece:
    text: str
    marked: bool = False
    term: KeyTerm | None = None


def paragraph_pieces(text: str, quote: str | None = None,
                     terms: Sequence[tuple[int, int, KeyTerm]] = ()) -> list[Piece]:
    """Pieces of text; the quote (if it occurs) is marked, term spans carry their term.

    A term that straddles the edge of the highlighted quote is left plain, so the
    markup always nests.
    """
    mark = find_quote(text, quote) if quote else None
    spans = [(s, e, t) for s, e, t in sorted(terms, key=lambda x: x[0])
             if mark is None or e <= mark[0] or s >= mark[1] or (mark[0] <= s and e <= mark[1])]
    cuts = {0, len(text)}
    if mark:
        cuts |= set(mark)
    for s, e, _ in spans:
        cuts |= {s, e}
    bounds = sorted(cuts)
    pieces: list[Piece] = []
    for start, end in itertools.pairwise(bounds):
        term = next((t for s, e, t in spans if s <= start and end <= e), None)
        marked = mark is not None and mark[0] <= start and end <= mark[1]
        piece = Piece(text[start:end], marked, term)
        # Glue plain neighbours back together (a term's span is never cut inside).
        if pieces and pieces[-1].marked == marked and term is None and pieces[-1].term is None:
            pieces[-1] = Piece(pieces[-1].text + piece.text, marked, term)
        else:
            pieces.append(piece)
    return pieces


def first_occurrences(terms: Sequence[KeyTerm], paragraphs: Sequence[str]) -> dict[int, list[tuple[int, int, KeyTerm]]]:
    """Where each term first occurs, by paragraph number: only the first is marked, to keep text calm."""
    taken: dict[int, list[tuple[int, int, KeyTerm]]] = {}
    for term in terms:
        hits = term.occurrences(tuple(paragraphs))
        for number, start, end in hits:
            overlaps = any(not (end <= s or start >= e) for s, e, _ in taken.get(number, []))
            if not overlaps:
                taken.setdefault(number, []).append((start, end, term))
                break
    return taken
