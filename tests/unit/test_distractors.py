"""Distractor analysis: who chose each option, overall and by third, and the flags in plain words."""

from __future__ import annotations

import pytest

from lectern.core import distractors
from lectern.core.distractors import ChoiceResponse, OptionCount, distractor_table, flags
from lectern.core.stats import AttemptScores, QuestionStats, question_stats

# Nine attempts at a single-choice question whose right option is a.
# Ranked by total: s9 10, s8 30, s7 40 | s6 55, s5 60, s4 70 | s3 85, s2 90, s1 95
# bottom third: s9 b, s8 c, s7 b;  top third: s3 c, s2 c, s1 a.
CLASS = [
    ChoiceResponse("s1", 95, {"a"}), ChoiceResponse("s2", 90, {"c"}), ChoiceResponse("s3", 85, {"c"}),
    ChoiceResponse("s4", 70, {"a"}), ChoiceResponse("s5", 60, {"a"}), ChoiceResponse("s6", 55),
    ChoiceResponse("s7", 40, {"b"}), ChoiceResponse("s8", 30, {"c"}), ChoiceResponse("s9", 10, {"b"}),
]
OPTIONS = ["a", "b", "c", "d"]


def stats_with(facility: float | None = 0.5, discrimination: float | None = 50.0) -> QuestionStats:
    return QuestionStats("q", 30, facility, 0.3, 0.25, discrimination, 60.0)


def test_the_table_counts_each_option_overall_and_by_third():
    table = distractor_table("q", CLASS, OPTIONS)
    assert (table.question_id, table.n, table.third) == ("q", 9, 3)
    assert table.options == [
        #            overall      top third    bottom third
        OptionCount("a", 3, 3 / 9, 1, 1 / 3, 0, 0.0),     # s1, s4, s5
        OptionCount("b", 2, 2 / 9, 0, 0.0, 2, 2 / 3),     # s7, s9
        OptionCount("c", 3, 3 / 9, 2, 2 / 3, 1, 1 / 3),   # s2, s3 | s8
        OptionCount("d", 0, 0.0, 0, 0.0, 0, 0.0),         # nobody, still listed
    ]
    assert table.no_answer == OptionCount(distractors.NO_ANSWER, 1, 1 / 9, 0, 0.0, 0, 0.0)  # s6
    assert table.option("c") is table.options[2]
    assert table.option("zz") is None


def test_input_order_does_not_matter():
    assert distractor_table("q", CLASS[::-1], OPTIONS) == distractor_table("q", CLASS, OPTIONS)


def test_ties_are_broken_by_attempt_id():
    # All totals equal: ranked x, y, z, so x is the bottom third and z the top.
    tied = [ChoiceResponse("z", 50, {"c"}), ChoiceResponse("x", 50, {"b"}), ChoiceResponse("y", 50, {"a"})]
    table = distractor_table("q", tied, ["a", "b", "c"])
    assert [(o.option_id, o.top_count, o.bottom_count) for o in table.options] == [
        ("a", 0, 0), ("b", 0, 1), ("c", 1, 0)]


def test_thirds_round_down():
    # 8 attempts: thirds of 2, the middle 4 in neither.
    eight = [ChoiceResponse(f"s{i}", i, {"a" if i % 2 else "b"}) for i in range(8)]
    table = distractor_table("q", eight, ["a", "b"])
    assert table.third == 2
    assert table.option("a").top_count == 1 and table.option("a").top_share == 0.5  # s7 of s6, s7
    assert table.option("b").bottom_count == 1  # s0 of s0, s1


def test_fewer_than_three_attempts_have_no_thirds():
    table = distractor_table("q", CLASS[:2], OPTIONS)
    assert table.third == 0
    a = table.option("a")
    assert (a.count, a.share) == (1, 0.5)
    assert (a.top_count, a.top_share, a.bottom_count, a.bottom_share) == (None, None, None, None)
    assert flags(stats_with(), table, {"a"}) == []


def test_no_responses():
    table = distractor_table("q", [], OPTIONS)
    assert table.n == 0 and table.options[0] == OptionCount("a", 0, None, None, None, None, None)


def test_an_option_a_later_version_dropped_is_listed_after_the_others():
    old = [*CLASS, ChoiceResponse("s0", 5, {"old"})]
    table = distractor_table("q", old, OPTIONS)
    assert [o.option_id for o in table.options] == ["a", "b", "c", "d", "old"]
    assert table.option("old").count == 1


def test_multiple_response_counts_every_ticked_option():
    ticks = [ChoiceResponse("s1", 90, ["a", "b"]), ChoiceResponse("s2", 50, ["a"]),
             ChoiceResponse("s3", 10, ["b", "c"])]
    table = distractor_table("q", ticks, ["a", "b", "c"])
    assert [(o.option_id, o.count, o.top_count, o.bottom_count) for o in table.options] == [
        ("a", 2, 1, 0), ("b", 2, 1, 1), ("c", 1, 0, 1)]


# --- flags --------------------------------------------------------------------------------

def test_a_good_question_raises_no_flag():
    assert flags(stats_with(), distractor_table("q", CLASS, OPTIONS), {"a", "c"}) == []


@pytest.mark.parametrize("facility, flagged", [
    (0.95, "Too easy: students earned 95% of the marks on average (above 90%)."),
    (0.9001, "Too easy: students earned 90% of the marks on average (above 90%)."),
    (0.90, None),
    (0.50, None),
    (0.20, None),
    (0.1999, "Too hard: students earned 20% of the marks on average (below 20%)."),
    (0.05, "Too hard: students earned 5% of the marks on average (below 20%)."),
    (None, None),
])
def test_too_easy_and_too_hard(facility, flagged):
    assert flags(stats_with(facility=facility), None, {"a"}) == ([flagged] if flagged else [])


EVEN = "strong and weak students do about as well on it."
BACKWARDS = "weaker students do better on it than stronger ones."


@pytest.mark.parametrize("discrimination, flagged", [
    (19.9, "Does not discriminate: its discrimination index is 20% (below 20%), so " + EVEN),
    (5.0, "Does not discriminate: its discrimination index is 5% (below 20%), so " + EVEN),
    (-30.0, "Does not discriminate: its discrimination index is -30% (below 20%), so " + BACKWARDS),
    (20.0, None),
    (None, None),
])
def test_does_not_discriminate(discrimination, flagged):
    assert flags(stats_with(discrimination=discrimination), None, {"a"}) == ([flagged] if flagged else [])


def test_a_wrong_option_that_attracts_the_strongest_students():
    # c: 2 of the top third (67%) against 1 of the bottom third (33%).
    table = distractor_table("q", CLASS, OPTIONS)
    assert flags(None, table, {"a"}) == [
        "A wrong option attracts the strongest students: 'c' was chosen by 2 of the top 3 (67%) "
        + "and 1 of the bottom 3 (33%)."]
    # Named by its text when the caller gives labels.
    named = flags(None, table, {"a"}, labels={"c": "In 1989"})
    assert named[0].startswith("A wrong option attracts the strongest students: 'In 1989' was")


def test_a_right_option_the_strongest_choose_is_no_flag():
    assert flags(None, distractor_table("q", CLASS, OPTIONS), {"a", "c"}) == []


def ranked(top: list[str], bottom: list[str], middle: int = 0) -> list[ChoiceResponse]:
    """Attempts whose bottom and top thirds chose the given options (one per attempt)."""
    size = len(top)
    assert len(bottom) == size
    low = [ChoiceResponse(f"b{i}", 10, {o}) for i, o in enumerate(bottom)]
    mid = [ChoiceResponse(f"m{i:03}", 50, {"a"}) for i in range(size + middle)]
    high = [ChoiceResponse(f"t{i}", 90, {o}) for i, o in enumerate(top)]
    return low + mid + high


@pytest.mark.parametrize("top, bottom, flagged", [
    (["w", "w", "a"], ["a", "a", "a"], True),          # 2 of 3 against none
    (["w", "a", "a"], ["a", "a", "a"], False),         # only 1 student: under the minimum of 2
    (["w", "w", "a"], ["w", "w", "a"], False),         # as many at the bottom
    (["w", "w", "a"], ["w", "w", "w"], False),         # more at the bottom
    (["w", "w"] + ["a"] * 9, ["a"] * 11, False),       # 2 of 11 is 18%: under 20%
    (["w", "w"] + ["a"] * 8, ["a"] * 10, True),        # 2 of 10 is 20%: enough
])
def test_the_strong_pull_thresholds(top, bottom, flagged):
    table = distractor_table("q", ranked(top, bottom), ["a", "w"])
    assert table.third == len(top)
    assert bool(flags(None, table, {"a"})) is flagged


def test_the_thresholds_are_named_constants():
    assert distractors.TOO_EASY_FACILITY == 0.90
    assert distractors.TOO_HARD_FACILITY == 0.20
    assert distractors.MIN_DISCRIMINATION == 20.0
    assert (distractors.STRONG_PULL_MIN_STUDENTS, distractors.STRONG_PULL_MIN_SHARE) == (2, 0.20)


def test_flags_from_real_figures():
    # Every attempt got q1 right (too easy, and it cannot discriminate: no flag for that,
    # its index is None); q2 was missed by the stronger students.
    rows = {"A": (1, 0, 2), "B": (1, 0, 2), "C": (1, 1, 0), "D": (1, 1, 1), "E": (1, 0, 1),
            "F": (1, 1, 0)}
    maxima = {"q1": 1, "q2": 1, "q3": 2}
    attempts = [AttemptScores(a, dict(zip(maxima, r)), maxima) for a, r in rows.items()]
    s = {x.question_id: x for x in question_stats(attempts)}
    assert flags(s["q1"], None, {"right"}) == [
        "Too easy: students earned 100% of the marks on average (above 90%)."]
    q2 = flags(s["q2"], None, {"right"})
    assert len(q2) == 1 and q2[0].startswith("Does not discriminate: its discrimination index is -")
