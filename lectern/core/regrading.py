"""Regrading after a key was fixed: given each response's mark before and the mark its answer earns
under the question's latest version, which marks change, by how much, and each attempt's new total.

Pure: the service gathers the marks from the database and applies what this decides.
"""

from __future__ import annotations

from dataclasses import dataclass

TOLERANCE = 1e-9


@dataclass(frozen=True)
class RegradeCandidate:
    """One response of a chosen question: its attempt, its mark now and the mark the latest version gives.

    new_fraction is None when the latest version cannot grade the answer itself (an essay): the
    teacher's mark stays. overridden: the teacher set this mark by hand.
    """

    response_id: int
    attempt_id: int
    old_fraction: float | None
    new_fraction: float | None
    old_max: float
    new_max: float
    overridden: bool = False


@dataclass(frozen=True)
class MarkDiff:
    """A response whose mark the regrade changes (or would, but for the teacher's override)."""

    response_id: int
    attempt_id: int
    old_fraction: float | None
    new_fraction: float | None
    old_points: float | None
    new_points: float | None
    overridden: bool
    applies: bool  # False: an overridden mark the teacher chose to keep


@dataclass(frozen=True)
class RegradePlan:
    """What a regrade changes: the marks, and each touched attempt's total before and after."""

    diffs: list[MarkDiff]
    totals: dict[int, tuple[float, float]]  # attempt id -> (points before, points after)

    @property
    def applied(self) -> list[MarkDiff]:
        return [d for d in self.diffs if d.applies]

    @property
    def attempt_ids(self) -> set[int]:
        """Attempts whose total (or a mark in them) really changes."""
        return {d.attempt_id for d in self.applied}


def _points(fraction: float | None, max_points: float) -> float | None:
    return None if fraction is None else round(fraction * max_points, 6)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= TOLERANCE


def plan_regrade(candidates: list[RegradeCandidate], attempt_points: dict[int, float],
                 include_overridden: bool = False) -> RegradePlan:
    """The changes of a regrade: a response changes when its points under the latest version differ.

    An essay (new_fraction None) keeps the teacher's mark; an overridden mark changes only with
    include_overridden, and is listed either way so the teacher sees what they keep.
    attempt_points holds each attempt's total now.
    """
    diffs: list[MarkDiff] = []
    delta: dict[int, float] = {}
    for c in candidates:
        new_fraction = c.old_fraction if c.new_fraction is None else c.new_fraction
        old_points, new_points = _points(c.old_fraction, c.old_max), _points(new_fraction, c.new_max)
        if _same(old_points, new_points) and _same(c.old_fraction, new_fraction):
            continue
        applies = include_overridden or not c.overridden
        diffs.append(MarkDiff(c.response_id, c.attempt_id, c.old_fraction, new_fraction, old_points, new_points,
                              c.overridden, applies))
        if applies:
            delta[c.attempt_id] = delta.get(c.attempt_id, 0.0) + (new_points or 0.0) - (old_points or 0.0)
    totals = {a: (attempt_points.get(a, 0.0), round(attempt_points.get(a, 0.0) + d, 6)) for a, d in delta.items()}
    return RegradePlan(diffs, totals)
