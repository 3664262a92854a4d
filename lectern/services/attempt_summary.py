"""The student's view of an unsubmitted attempt as a whole: answered, blank and flagged questions
by page, and the flags a page stores beside its answers. Nothing here commits; the route does."""

from __future__ import annotations

from collections.abc import Iterable

from lectern.core.attempt_summary import Summary, summarise
from lectern.models import Attempt


def summary(attempt: Attempt) -> Summary:
    """Which questions of the attempt have a saved answer or a flag, and the page each is on."""
    return summarise(
        answered={r.position for r in attempt.responses if r.answer is not None},
        flagged={r.position for r in attempt.responses if r.flagged},
        count=len(attempt.responses),
        per_page=attempt.quiz.questions_per_page or 0,
    )


def set_flags(attempt: Attempt, flagged_positions_on_page: Iterable[int], positions_on_page: Iterable[int]) -> None:
    """Flag exactly the given questions of one page, and clear the flags of the page's others.

    Positions off the page are left alone: each page sends only its own boxes, so an unticked
    box on this page must not read as clearing a flag the student set on another.
    """
    on_page, flagged = set(positions_on_page), set(flagged_positions_on_page)
    for response in attempt.responses:
        if response.position in on_page:
            response.flagged = response.position in flagged
