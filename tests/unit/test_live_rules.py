"""The live session's state machine, timer, speed bonus and distribution, in the pure core."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from lectern.core import live_rules
from lectern.core.live_rules import Moment, NotAllowed
from lectern.core.questions import parse_question

NOW = datetime(2026, 1, 1, 9, 0)


@pytest.mark.parametrize(("state", "position", "action", "after"), [
    ("lobby", 0, "next", "open"), ("open", 1, "close", "closed"), ("closed", 1, "reveal", "revealed"),
    ("revealed", 1, "next", "open"), ("closed", 1, "next", "open"), ("open", 1, "finish", "finished"),
])
def test_the_teacher_moves_the_session_on(state, position, action, after):
    assert live_rules.after(Moment(state, position, 3), action, NOW) == after


@pytest.mark.parametrize(("state", "position", "action"), [
    ("lobby", 0, "close"), ("open", 1, "reveal"), ("open", 1, "next"), ("revealed", 3, "next"),
    ("finished", 3, "finish"), ("lobby", 0, "reveal"),
])
def test_an_action_out_of_turn_is_refused(state, position, action):
    with pytest.raises(NotAllowed):
        live_rules.after(Moment(state, position, 3), action, NOW)


def test_a_timer_past_closes_the_question_on_read():
    moment = Moment("open", 1, 3, closes_at=NOW)
    assert live_rules.effective_state(moment, NOW - timedelta(seconds=1)) == "open"
    assert live_rules.effective_state(moment, NOW) == "closed"
    assert not live_rules.accepts_answers(moment, NOW, 1)
    assert live_rules.after(moment, "reveal", NOW) == "revealed"


def test_only_the_open_question_takes_answers():
    moment = Moment("open", 2, 3)
    assert live_rules.accepts_answers(moment, NOW, 2)
    assert not live_rules.accepts_answers(moment, NOW, 1)


@pytest.mark.parametrize("seconds", [0, 1, 10, 59, 60, 600])
@pytest.mark.parametrize("fraction", [0.0, 0.5, 1.0])
def test_the_speed_bonus_is_at_most_a_third_and_needs_credit(seconds, fraction):
    bonus = live_rules.speed_bonus(3.0, fraction, seconds, None)
    assert 0 <= bonus <= 1.0 + 1e-9
    if fraction == 0 or seconds >= 60:
        assert bonus == 0


def test_the_distribution_counts_each_option():
    question = parse_question({"type": "single_choice", "id": "q", "prompt": "Which?", "explanation": "Because.",
                               "evidence": [{"paragraph": 1, "quote": "x"}],
                               "options": [{"id": "a", "text": "A", "correct": True}, {"id": "b", "text": "B"}]})
    assert live_rules.distribution(question, ["a", "a", "b", None]) == [("A", 2), ("B", 1)]


def test_the_leaderboard_puts_accuracy_first():
    lines = [live_rules.Standing("Fast", 1.0, 0.3), live_rules.Standing("Right", 2.0, 0.0)]
    assert [s.name for s in live_rules.leaderboard(lines)] == ["Right", "Fast"]
