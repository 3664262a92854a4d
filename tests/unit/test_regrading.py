"""Regrade planning: which marks change once a key is fixed, and each attempt's new total."""

from __future__ import annotations

from lectern.core.regrading import RegradeCandidate, plan_regrade


def _candidate(response_id, attempt_id, old, new, *, old_max=1.0, new_max=1.0, overridden=False):
    return RegradeCandidate(response_id, attempt_id, old, new, old_max, new_max, overridden)


def test_only_changed_marks_are_listed_with_the_attempt_totals():
    plan = plan_regrade([
        _candidate(1, 10, 0.0, 1.0),  # "Berlin" now counts
        _candidate(2, 11, 1.0, 1.0),  # unchanged
        _candidate(3, 12, 1.0, 0.0),  # was right, is not any more
    ], {10: 4.0, 11: 5.0, 12: 6.0})
    assert [(d.response_id, d.old_points, d.new_points) for d in plan.diffs] == [(1, 0.0, 1.0), (3, 1.0, 0.0)]
    assert plan.totals == {10: (4.0, 5.0), 12: (6.0, 5.0)}
    assert plan.attempt_ids == {10, 12}


def test_two_changes_in_one_attempt_add_up():
    plan = plan_regrade([_candidate(1, 10, 0.0, 1.0), _candidate(2, 10, 0.0, 0.5, old_max=2, new_max=2)],
                        {10: 3.0})
    assert plan.totals == {10: (3.0, 5.0)}


def test_an_overridden_mark_is_kept_unless_the_teacher_asks():
    candidates = [_candidate(1, 10, 0.5, 0.0, overridden=True)]
    kept = plan_regrade(candidates, {10: 2.5})
    assert [(d.overridden, d.applies) for d in kept.diffs] == [(True, False)]
    assert kept.totals == {} and kept.applied == [] and kept.attempt_ids == set()
    redone = plan_regrade(candidates, {10: 2.5}, include_overridden=True)
    assert [(d.applies, d.new_points) for d in redone.diffs] == [(True, 0.0)]
    assert redone.totals == {10: (2.5, 2.0)}


def test_an_essay_keeps_the_teachers_mark():
    plan = plan_regrade([_candidate(1, 10, 0.5, None), _candidate(2, 11, None, None)], {10: 3.0, 11: 2.0})
    assert plan.diffs == [] and plan.totals == {}


def test_a_change_of_points_changes_the_mark_even_with_the_same_fraction():
    plan = plan_regrade([_candidate(1, 10, 1.0, 1.0, old_max=1, new_max=2)], {10: 3.0})
    assert [(d.old_points, d.new_points) for d in plan.diffs] == [(1.0, 2.0)]
    assert plan.totals == {10: (3.0, 4.0)}
