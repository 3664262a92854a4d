"""The figures a class page shows for one quiz: how many submitted, the mean and median grade,
and how the grades spread over ten bands; plus the words for an assignment's settings.

Pure: plain numbers in, plain numbers out, so the class page, the dashboard and any report
compute them the same way.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from lectern.core.charts import histogram_bins
from lectern.core.grading_methods import GRADING_METHODS
from lectern.core.review_policy import REVIEW_TIMES
from lectern.core.rounding import percent_text as _percent_text

BANDS = 10


@dataclass(frozen=True)
class Band:
    """One tenth of the 0–100 range: its label ("50–60"), its count, and its height (0..1 of the tallest)."""

    label: str
    count: int
    height: float


@dataclass(frozen=True)
class GradeSummary:
    """The grades of the students who submitted: mean and median (None with no grade), and the bands."""

    count: int
    mean: float | None
    median: float | None
    bands: tuple[Band, ...]


def summarise(grades: Sequence[float]) -> GradeSummary:
    """Mean, median and ten bands of grades in percent (100% lands in the top band)."""
    counts = histogram_bins(grades, BANDS) if grades else [(label, 0) for label, _ in histogram_bins([0.0], BANDS)]
    tallest = max((c for _, c in counts), default=0)
    bands = tuple(Band(label, c, c / tallest if tallest else 0.0) for label, c in counts)
    if not grades:
        return GradeSummary(0, None, None, bands)
    return GradeSummary(len(grades), statistics.fmean(grades), statistics.median(grades), bands)


def percent_text(value: float | None) -> str:
    """A grade as a teacher reads it, rounded half up: "56%", or "–" when there is none."""
    return _percent_text(value)


def review_text(correctness: str, right_answers: str, explanations: str) -> str:
    """What the review shows and when, in one line: "score and right answers after the quiz closes; …"."""
    parts = {"the score": correctness, "the right answers": right_answers, "the explanations": explanations}
    by_time: dict[str, list[str]] = {}
    for part, when in parts.items():
        by_time.setdefault(when, []).append(part)
    phrases = []
    for when, names in by_time.items():
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        timing = REVIEW_TIMES.get(when, when)
        phrases.append(f"{joined}: never shown" if when == "never" else f"{joined}: {timing[0].lower()}{timing[1:]}")
    return "; ".join(phrases)


def attempts_text(attempts_allowed: int | None) -> str:
    """ "1 attempt", "3 attempts" or "unlimited attempts"."""
    if attempts_allowed is None:
        return "unlimited attempts"
    return f"{attempts_allowed} attempt{'' if attempts_allowed == 1 else 's'}"


def time_limit_text(minutes: int | None) -> str:
    """ "no time limit" or "20 min"."""
    return "no time limit" if not minutes else f"{minutes} min"


def grading_text(method: str) -> str:
    """The grading method as a teacher reads it, e.g. "highest grade"."""
    label = GRADING_METHODS.get(method, method)
    return label[0].lower() + label[1:]
