"""Spaced review: the rating a check earns, and FSRS moving a card on (checked against the fsrs package)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card as FsrsCard
from fsrs import Rating as FsrsRating
from fsrs import Scheduler

from lectern.core.scheduling import (
    NEW_CARD,
    CardStage,
    Outcome,
    Rating,
    quick_seconds,
    rating_for,
    retrievability,
    review,
)

T0 = datetime(2026, 3, 2, 9, 0)


@pytest.mark.parametrize("outcome, rating", [
    (Outcome(0.0), Rating.AGAIN),  # wrong
    (Outcome(0.0, tries=2, hinted=True), Rating.AGAIN),  # still wrong after the hint
    (Outcome(1.0, revealed=True), Rating.AGAIN),  # asked to see the answer
    (Outcome(0.5), Rating.HARD),  # partly right
    (Outcome(1.0, tries=2, hinted=True), Rating.HARD),  # right after a hint and another try
    (Outcome(1.0, seconds=40, quick_seconds=10), Rating.GOOD),  # right at once, taking its time
    (Outcome(1.0), Rating.GOOD),  # right, time unknown
    (Outcome(1.0, seconds=6, quick_seconds=10), Rating.EASY),  # right at once and quickly
    (Outcome(1.0, seconds=10, quick_seconds=10), Rating.EASY),
    (Outcome(1.0, tries=2, seconds=3, quick_seconds=10), Rating.HARD),  # quick does not rescue a retry
])
def test_what_happened_becomes_a_rating(outcome, rating):
    assert rating_for(outcome) is rating


def test_quick_time_grows_with_the_words_to_read():
    assert quick_seconds(0) == 4
    assert quick_seconds(30) == pytest.approx(14)
    assert quick_seconds(60) > quick_seconds(30)


def test_a_worked_sequence_matches_the_fsrs_package():
    """Again, Good, Good, Hard, Good, Easy: each state and due date as the package computes them."""
    scheduler = Scheduler(desired_retention=0.9, enable_fuzzing=False)
    theirs = FsrsCard(card_id=1, due=T0.replace(tzinfo=UTC))
    ours, at = NEW_CARD, T0
    for rating in (Rating.AGAIN, Rating.GOOD, Rating.GOOD, Rating.HARD, Rating.GOOD, Rating.EASY):
        theirs, _ = scheduler.review_card(theirs, FsrsRating(int(rating)), review_datetime=at.replace(tzinfo=UTC))
        ours = review(ours, rating, at)
        assert ours.due == theirs.due.replace(tzinfo=None)
        assert int(ours.stage) == int(theirs.state)
        assert ours.stability == pytest.approx(theirs.stability)
        assert ours.difficulty == pytest.approx(theirs.difficulty)
        at = ours.due  # the student comes back exactly when the card is due
    assert ours.stage is CardStage.REVIEW and ours.due - ours.last_review > timedelta(days=7)


def test_the_first_intervals_are_the_learning_steps_then_days():
    again = review(NEW_CARD, Rating.AGAIN, T0)
    assert again.stage is CardStage.LEARNING and again.due - T0 == timedelta(minutes=1)
    good = review(again, Rating.GOOD, again.due)
    assert good.due - again.due == timedelta(minutes=10)
    graduated = review(good, Rating.GOOD, good.due)
    assert graduated.stage is CardStage.REVIEW and graduated.due - good.due >= timedelta(days=1)


@pytest.mark.parametrize("history", [(), (Rating.GOOD, Rating.GOOD, Rating.GOOD)])
def test_again_comes_back_sooner_than_good(history):
    state, at = NEW_CARD, T0
    for rating in history:
        state = review(state, rating, at)
        at = state.due
    after_again = review(state, Rating.AGAIN, at)
    after_good = review(state, Rating.GOOD, at)
    after_easy = review(state, Rating.EASY, at)
    assert after_again.due < after_good.due < after_easy.due


def test_a_state_is_kept_as_json_and_retrievability_falls_with_time():
    state = review(review(NEW_CARD, Rating.GOOD, T0), Rating.GOOD, T0 + timedelta(minutes=10))
    data = json.loads(json.dumps(state.as_data()))
    assert data["stage"] == "review" and data["due"] == state.due.isoformat()
    assert retrievability(NEW_CARD, T0) is None
    soon, later = retrievability(state, state.due), retrievability(state, state.due + timedelta(days=30))
    assert 0 < later < soon <= 1
