"""What the review of a submitted attempt shows, from the quiz's settings, the close date and now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

REVIEW_TIMES: dict[str, str] = {
    "immediately": "Immediately after submitting",
    "after_close": "After the quiz closes",
    "released": "When I release the results",
    "never": "Never",
}


@dataclass(frozen=True)
class ReviewShow:
    """Which parts of the review a student may see now.

    correctness: state badges, points per question and the score; right_answers: the
    right (or model) answer; explanations: the explanation, the evidence and the feedback.
    """

    correctness: bool = True
    right_answers: bool = True
    explanations: bool = True


SHOW_ALL = ReviewShow()


def visible(when: str, closes_at: datetime | None, now: datetime, released_at: datetime | None = None) -> bool:
    """Whether a part set to show `when` is visible now.

    'after_close' needs a close date: a quiz that never closes never reaches it (as in Moodle).
    'released' waits for the teacher to release the results (released_at set and reached).
    """
    if when == "immediately":
        return True
    if when == "after_close":
        return closes_at is not None and now >= closes_at
    if when == "released":
        return released_at is not None and now >= released_at
    return False


def review_show(correctness: str, right_answers: str, explanations: str,
                closes_at: datetime | None, now: datetime, released_at: datetime | None = None) -> ReviewShow:
    """The parts of the review visible now, each decided on its own setting."""
    return ReviewShow(
        correctness=visible(correctness, closes_at, now, released_at),
        right_answers=visible(right_answers, closes_at, now, released_at),
        explanations=visible(explanations, closes_at, now, released_at),
    )
