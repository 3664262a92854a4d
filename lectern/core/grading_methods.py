"""A student's grade for a quiz from all their submitted attempts, by the quiz's grading method."""

from __future__ import annotations

from collections.abc import Sequence

GRADING_METHODS: dict[str, str] = {
    "highest": "Highest grade",
    "last": "Last attempt",
    "average": "Average of attempts",
    "first": "First attempt",
}


def quiz_grade(method: str, percents: Sequence[float]) -> float | None:
    """The grade in percent from the attempts' percentages in the order they were started.

    None when there is no submitted attempt; an unknown method is a programming error.
    """
    if not percents:
        return None
    if method == "highest":
        return max(percents)
    if method == "last":
        return percents[-1]
    if method == "first":
        return percents[0]
    if method == "average":
        return sum(percents) / len(percents)
    raise ValueError(f"unknown grading method {method!r}; use one of {', '.join(GRADING_METHODS)}")
