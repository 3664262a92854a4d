"""The "Review today" queue: which cards a student reviews now, in what order, and how many.

Three kinds of entry make it up:
- cards whose due time has come;
- questions the student missed or half-knew in a quiz and has not reviewed since:
  they count as due from the moment the quiz's review showed them marked;
- key terms of the articles the student has worked on and never reviewed: new cards,
  introduced at most NEW_PER_DAY a day (as Anki does), so a new article does not
  bury the student in cards.
Due entries come first, oldest due first; new terms after them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

NEW_PER_DAY = 10
SESSION_SIZE = 20  # a review session takes the first 20 entries: a few minutes' work


@dataclass(frozen=True)
class Entry:
    """One thing to review: a card, or a card still to be made (card_id None)."""

    kind: str  # "question" or "term"
    bank_id: int
    ref: int | str  # the question's id, or the term as the bank writes it
    due: datetime | None  # None: a new term, due when introduced
    card_id: int | None = None

    @property
    def key(self) -> tuple[str, int, int | str]:
        return (self.kind, self.bank_id, self.ref)


@dataclass(frozen=True)
class Queue:
    """What is due now, and when the next card will be."""

    entries: list[Entry]
    due: int  # due cards and missed questions
    new: int  # new terms offered today
    next_due: datetime | None  # the first due time after now, when nothing is due

    @property
    def total(self) -> int:
        return self.due + self.new


def new_allowance(introduced_today: int, new_per_day: int = NEW_PER_DAY) -> int:
    """How many new terms may still be introduced today."""
    return max(0, new_per_day - introduced_today)


def build(due_cards: Sequence[Entry], missed: Sequence[Entry], new_terms: Sequence[Entry],
          introduced_today: int, next_due: datetime | None = None, due_total: int | None = None,
          new_per_day: int = NEW_PER_DAY) -> Queue:
    """The queue from its three sources (each already filtered to what is due now).

    due_total is the number of due cards when due_cards holds only the first few of them
    (a session needs no more); by default it is their number.
    """
    seen: set[tuple[str, int, int | str]] = set()
    due: list[Entry] = []
    for entry in sorted([*due_cards, *missed], key=lambda e: (e.due or datetime.min, e.kind, str(e.ref))):
        if entry.key not in seen:
            seen.add(entry.key)
            due.append(entry)
    fresh = [e for e in new_terms if e.key not in seen][:new_allowance(introduced_today, new_per_day)]
    due_count = len(due) + (due_total - len(due_cards) if due_total is not None else 0)
    return Queue(entries=due + fresh, due=due_count, new=len(fresh),
                 next_due=None if due_count or fresh else next_due)
