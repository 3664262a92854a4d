"""The student's view of an unsubmitted attempt as a whole: answered, blank and flagged questions
by page."""

from __future__ import annotations

from lectern.core.attempt_summary import Summary, summarise
from lectern.models import Attempt
from lectern.services.attempt_slots import Slot, slots_of


def summary(attempt: Attempt, slots: list[Slot] | None = None) -> Summary:
    """Which questions of the attempt have a saved answer or a flag, and the page each is on.

    slots are the attempt's, when the caller has read them already.
    """
    slots = slots_of(attempt.id) if slots is None else slots
    return summarise(
        answered={s.position for s in slots if s.answer is not None},
        flagged={s.position for s in slots if s.flagged},
        count=len(slots),
        per_page=attempt.quiz.questions_per_page or 0,
    )
