"""Spaced review: what happened at a check becomes an FSRS rating, and a rating moves a card's state.

The scheduler is the `fsrs` package (FSRS-6, the algorithm Anki uses) with its default
parameters and a desired retention of 90%. Fuzzing is off, so the same history always
gives the same due date (reproducible for tests, and fair between students).

How a check is rated (documented for students and teachers in README.md):

| what happened                                             | rating |
|-----------------------------------------------------------|--------|
| wrong, or not answered, or the answer was shown           | Again  |
| partly right, or right only after a hint or another try   | Hard   |
| right at the first try                                    | Good   |
| right at the first try, within the quick time             | Easy   |

The quick time is a reading pace: QUICK_BASE_SECONDS plus a second for every
WORDS_PER_SECOND words the student had to read (the prompt and the choices).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating as FsrsRating
from fsrs import Scheduler
from fsrs import State as FsrsState

DESIRED_RETENTION = 0.9
QUICK_BASE_SECONDS = 4.0
WORDS_PER_SECOND = 3.0  # about 180 words a minute: reading and choosing, not skimming

_SCHEDULER = Scheduler(desired_retention=DESIRED_RETENTION, enable_fuzzing=False)


class Rating(IntEnum):
    """FSRS's four ratings, by the numbers the package and Anki use."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


class CardStage(IntEnum):
    """Where a card is in its life (FSRS's states; NEW: never reviewed)."""

    NEW = 0
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


@dataclass(frozen=True)
class Outcome:
    """What happened when a student checked an answer, as far as the rating cares."""

    fraction: float  # the credit of the last answer given, 0..1, before any penalty
    tries: int = 1  # answers given before it was over (1: right or done at once)
    hinted: bool = False  # a hint was shown before the last answer
    seconds: float | None = None  # from showing the question to the first check
    quick_seconds: float | None = None  # at or under this, a first-try right answer is Easy
    revealed: bool = False  # the student asked to see the answer


def quick_seconds(words: int) -> float:
    """The time in which a right answer counts as quick, for this many words to read."""
    return QUICK_BASE_SECONDS + max(0, words) / WORDS_PER_SECOND


def rating_for(outcome: Outcome) -> Rating:
    """The rating a check earns (the table in this module's docstring)."""
    if outcome.revealed or outcome.fraction <= 1e-9:
        return Rating.AGAIN
    if outcome.fraction < 1 - 1e-9 or outcome.tries > 1 or outcome.hinted:
        return Rating.HARD
    quick = (outcome.seconds is not None and outcome.quick_seconds is not None
             and outcome.seconds <= outcome.quick_seconds)
    return Rating.EASY if quick else Rating.GOOD


@dataclass(frozen=True)
class CardState:
    """A card's scheduling state. Times are naive UTC, as the database keeps them."""

    stage: CardStage = CardStage.NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None  # None: new, due as soon as it is introduced
    last_review: datetime | None = None

    def as_data(self) -> dict[str, Any]:
        """Plain JSON-ready data (kept with every review, to refit the parameters later)."""
        data = asdict(self)
        data["stage"] = self.stage.name.lower()
        for name in ("due", "last_review"):
            data[name] = data[name].isoformat() if data[name] else None
        return data

    def is_due(self, now: datetime) -> bool:
        return self.due is None or self.due <= now


NEW_CARD = CardState()


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _naive(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def _to_fsrs(state: CardState, now: datetime) -> FsrsCard:
    if state.stage is CardStage.NEW:
        return FsrsCard(card_id=0, due=_aware(now))
    return FsrsCard(card_id=0, state=FsrsState(int(state.stage)), step=state.step, stability=state.stability,
                    difficulty=state.difficulty, due=_aware(state.due or now),
                    last_review=_aware(state.last_review) if state.last_review else None)


def review(state: CardState, rating: Rating, at: datetime) -> CardState:
    """The card's state after a review with this rating at this time."""
    card, _log = _SCHEDULER.review_card(_to_fsrs(state, at), FsrsRating(int(rating)), review_datetime=_aware(at))
    return CardState(stage=CardStage(int(card.state)), step=card.step, stability=card.stability,
                     difficulty=card.difficulty, due=_naive(card.due), last_review=_naive(card.last_review))


def retrievability(state: CardState, now: datetime) -> float | None:
    """The chance (0..1) the student would recall the card now; None before its first review."""
    if state.stage is CardStage.NEW or state.stability is None:
        return None
    return _SCHEDULER.get_card_retrievability(_to_fsrs(state, now), current_datetime=_aware(now))
