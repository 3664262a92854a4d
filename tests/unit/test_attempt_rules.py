"""The rules of taking a quiz: start windows, deadlines, pages and option shuffling."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from lectern.core.attempt_rules import (
    GRACE,
    Window,
    deadline,
    overdue,
    paginate,
    seconds_left,
    shuffled_option_ids,
    start_refusal,
)
from tests.unit.helpers import mini_question, question

NOW = datetime(2025, 3, 1, 12, 0)
HOUR = timedelta(hours=1)


def test_a_start_is_refused_before_opening_after_closing_and_when_attempts_are_used():
    assert start_refusal(Window(), NOW, 5, None) is None
    assert "opens on 01 Mar 2025, 13:00 UTC" in start_refusal(Window(opens_at=NOW + HOUR), NOW, 0, None)
    assert "closed on" in start_refusal(Window(closes_at=NOW), NOW, 0, None)
    assert start_refusal(Window(NOW - HOUR, NOW + HOUR), NOW, 1, 2) is None
    assert "allows 2 attempts" in start_refusal(Window(), NOW, 2, 2)
    assert "allows one attempt" in start_refusal(Window(), NOW, 1, 1)


def test_the_deadline_is_the_time_limit_capped_by_the_close_date():
    assert deadline(NOW, None, None) is None
    assert deadline(NOW, 30, None) == NOW + timedelta(minutes=30)
    assert deadline(NOW, 30, NOW + timedelta(minutes=10)) == NOW + timedelta(minutes=10)
    assert deadline(NOW, None, NOW + HOUR) == NOW + HOUR  # an open attempt ends when the quiz closes


def test_overdue_only_after_the_grace():
    end = NOW
    assert not overdue(None, NOW)
    assert not overdue(end, end + GRACE)
    assert overdue(end, end + GRACE + timedelta(seconds=1))
    assert seconds_left(end + timedelta(seconds=90), NOW) == 90
    assert seconds_left(end - HOUR, NOW) == 0 and seconds_left(None, NOW) is None


@pytest.mark.parametrize("count, per_page, pages", [
    (5, 0, [[1, 2, 3, 4, 5]]),
    (5, 2, [[1, 2], [3, 4], [5]]),
    (4, 4, [[1, 2, 3, 4]]),
    (3, 10, [[1, 2, 3]]),
])
def test_paginate(count, per_page, pages):
    assert paginate(count, per_page) == pages


def test_option_shuffles_are_permutations_and_vary():
    for qid in ("meeting-city", "who-met"):
        q = mini_question(qid)
        ids = [o.id for o in q.options]
        orders = {tuple(shuffled_option_ids(q, random.Random(seed))) for seed in range(20)}
        assert all(sorted(order) == sorted(ids) for order in orders) and len(orders) > 1
    assert shuffled_option_ids(question("true_false", answer=True), random.Random(1)) is None
    assert shuffled_option_ids(mini_question("who-does-what"), random.Random(1)) is None
