"""The Review today queue: due cards first, missed questions with them, new terms limited per day."""

from __future__ import annotations

from datetime import datetime, timedelta

from lectern.core.review_queue import NEW_PER_DAY, Entry, build, new_allowance

NOW = datetime(2026, 5, 15, 12, 0)


def due(ref, hours_ago, card_id=None, kind="question"):
    return Entry(kind, 1, ref, NOW - timedelta(hours=hours_ago), card_id)


def test_due_entries_come_oldest_first_and_new_terms_after_them():
    cards = [due(1, 1, card_id=10), due(2, 30, card_id=11)]
    missed = [due(3, 5)]
    terms = [Entry("term", 1, "ceasefire", None), Entry("term", 1, "sovereignty", None)]
    queue = build(cards, missed, terms, introduced_today=0)
    assert [e.ref for e in queue.entries] == [2, 3, 1, "ceasefire", "sovereignty"]
    assert (queue.due, queue.new, queue.total, queue.next_due) == (3, 2, 5, None)


def test_new_terms_are_limited_per_day():
    terms = [Entry("term", 1, f"t{n}", None) for n in range(25)]
    assert build([], [], terms, introduced_today=0).new == NEW_PER_DAY
    assert build([], [], terms, introduced_today=NEW_PER_DAY - 3).new == 3
    assert build([], [], terms, introduced_today=NEW_PER_DAY + 5).new == 0
    assert new_allowance(4) == NEW_PER_DAY - 4


def test_the_due_count_includes_cards_beyond_the_session():
    queue = build([due(1, 2, 10), due(2, 1, 11)], [], [], 0, due_total=240)
    assert queue.due == 240 and len(queue.entries) == 2


def test_nothing_due_tells_when_the_next_card_is():
    later = NOW + timedelta(days=2)
    queue = build([], [], [], 0, next_due=later)
    assert (queue.total, queue.next_due) == (0, later)
    assert build([due(1, 1, 10)], [], [], 0, next_due=later).next_due is None
