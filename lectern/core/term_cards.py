"""Key-term cards: a term in its own sentence of the article, and its definition.

Two faces, chosen by how well the card is known:
- choose (a new or wobbly card): the sentence with the term, and the term's definition
  among up to three definitions of the bank's other terms;
- type (a card in review): the sentence with the term blanked out and the definition as
  the clue; the student types the word.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lectern.core.key_terms import KeyTerm
from lectern.core.questions.base import stable_id
from lectern.core.questions.short_answer import normalise_answer

CHOICES = 4
BLANK = "_____"
# A sentence ends at . ! ? (and a closing quote), before a space and a capital or an opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"'“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class TermInContext:
    """Where a term first occurs: its paragraph, and its sentence cut around the term."""

    paragraph: int
    before: str
    form: str  # the term as the sentence writes it
    after: str

    @property
    def sentence(self) -> str:
        return self.before + self.form + self.after

    @property
    def blanked(self) -> str:
        return self.before + BLANK + self.after


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The start and end of the sentence of `text` that holds the span start..end."""
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    first = max(b for b in bounds if b <= start)
    last = min((b for b in bounds if b >= end and b > first), default=len(text))
    return first, last


def in_context(term: KeyTerm, paragraphs: Sequence[str]) -> TermInContext | None:
    """The sentence where the term first occurs, or None when the article never uses it."""
    hits = term.occurrences(tuple(paragraphs))
    if not hits:
        return None
    number, start, end = hits[0]
    text = paragraphs[number - 1]
    first, last = _sentence_bounds(text, start, end)
    return TermInContext(number, text[first:start], text[start:end], text[end:last].rstrip())


def face(stage_is_review: bool, other_definitions: int) -> str:
    """'type' for a card the student already knows (in review), else 'choose' (when there is anything to choose)."""
    return "type" if stage_is_review or other_definitions == 0 else "choose"


def definition_choices(term: KeyTerm, terms: Sequence[KeyTerm], rng: random.Random) -> list[tuple[str, str]]:
    """The term's definition and up to three others, shuffled, as (id, text).

    Ids come from the text itself, so they say nothing about which one is right.
    """
    others = sorted({t.definition for t in terms if t.definition != term.definition})
    picked = rng.sample(others, min(CHOICES - 1, len(others))) + [term.definition]
    rng.shuffle(picked)
    return [(stable_id(text), text) for text in picked]


def chose_right(term: KeyTerm, choice_id: str) -> bool:
    return choice_id == stable_id(term.definition)


def typed_right(term: KeyTerm, typed: str, context: TermInContext | None = None) -> bool:
    """Whether the typed word is the term: any of its forms, or the one the sentence uses.

    Case, spaces, curly quotes and trailing punctuation do not matter (as for short answers).
    """
    forms = {term.term, *term.matches, *([context.form] if context else [])}
    return normalise_answer(typed) in {normalise_answer(f) for f in forms}
