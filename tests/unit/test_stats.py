"""Item analysis: figures worked out by hand, an independent numpy/scipy computation, edge cases."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats

from lectern.core import stats
from lectern.core.stats import (
    AttemptScores,
    QuestionStats,
    question_stats,
    quiz_stats,
    random_guess_score,
)
from tests.conftest import REPO
from tests.unit.helpers import question
from tests.unit.test_core_is_pure import imported


def approx(value: float):
    """Equal to 4 decimal places."""
    return pytest.approx(value, abs=1e-4)


def attempts_from(rows: dict[str, tuple[float, ...]], maxima: dict[str, float]) -> list[AttemptScores]:
    """Attempts that each saw every question; a row holds the marks in maxima's order."""
    return [AttemptScores(aid, dict(zip(maxima, row)), dict(maxima)) for aid, row in rows.items()]


def by_id(results: list[QuestionStats]) -> dict[str, QuestionStats]:
    return {s.question_id: s for s in results}


# --- a matrix worked by hand --------------------------------------------------------------
# 4 attempts x 3 questions; q1 and q2 are out of 1, q3 out of 2, so the quiz is out of 4.
#        q1  q2  q3   total  percent
#   A     1   1   2     4     100
#   B     0   1   2     3      75
#   C     1   0   1     2      50
#   D     0   0   0     0       0
MAXIMA = {"q1": 1, "q2": 1, "q3": 2}
HAND = attempts_from({"A": (1, 1, 2), "B": (0, 1, 2), "C": (1, 0, 1), "D": (0, 0, 0)}, MAXIMA)


def test_hand_worked_question_q1():
    # x = [1, 0, 1, 0]; F = 2/4 = 0.5; deviations ±0.5, Σd² = 1, var = 1/3, SD = √(1/3) = 0.5774.
    # rest r = (q2 + q3)/3 = [3/3, 3/3, 1/3, 0] = [1, 1, 1/3, 0]; mean 7/12;
    # deviations [5/12, 5/12, -3/12, -7/12]; Σd² = (25+25+9+49)/144 = 108/144, var = 1/4.
    # Σ dx·dr = 0.5·(5 - 5 - 3 + 7)/12 = 1/6, cov = 1/18.
    # D = 100·(1/18)/√(1/3 · 1/4) = 100·√12/18 = 19.2450.
    # Sorted: x [0,0,1,1] (d: -.5,-.5,.5,.5), r [0,1/3,1,1] (d: -7,-3,5,5 /12):
    # Σ = 0.5·(7+3+5+5)/12 = 10/12, covmax = 10/36; DE = 100·(1/18)/(10/36) = 20.
    q1 = by_id(question_stats(HAND))["q1"]
    assert q1.n == 4
    assert q1.facility == approx(0.5)
    assert q1.sd == approx(0.5774)
    assert q1.discrimination == approx(19.2450)
    assert q1.discriminative_efficiency == approx(20.0)
    assert q1.notes == []


def test_hand_worked_question_q2():
    # x = [1, 1, 0, 0]; F = 0.5, SD = 0.5774 as for q1.
    # r = (q1 + q3)/3 = [3/3, 2/3, 2/3, 0]; mean 7/12; deviations [5, 1, 1, -7]/12;
    # Σd² = 76/144, var r = 76/432 = 19/108.  Σ dx·dr = 0.5·(5 + 1 - 1 + 7)/12 = 1/2, cov = 1/6.
    # D = 100·(1/6)/√(1/3 · 19/108) = 100·(1/6)·18/√19 = 300/√19 = 68.8247.
    # Both already in the same order, so covmax = cov and DE = 100.
    q2 = by_id(question_stats(HAND))["q2"]
    assert (q2.facility, q2.sd) == (approx(0.5), approx(0.5774))
    assert q2.discrimination == approx(68.8247)
    assert q2.discriminative_efficiency == approx(100.0)


def test_hand_worked_question_q3_out_of_two():
    # x = marks/2 = [1, 1, 0.5, 0]; F = 2.5/4 = 0.625.
    # deviations [.375, .375, -.125, -.625]; Σd² = .140625·2 + .015625 + .390625 = .6875;
    # var = .6875/3 = .229167, SD = .4787.
    # r = (q1 + q2)/2 = [1, .5, .5, 0]; mean .5; deviations [.5, 0, 0, -.5]; var = .5/3 = 1/6.
    # Σ dx·dr = .375·.5 + .625·.5 = .5, cov = 1/6.
    # D = 100·(1/6)/√(.229167 · 1/6) = 100·.166667/.195434 = 85.2803; same order, so DE = 100.
    q3 = by_id(question_stats(HAND))["q3"]
    assert q3.facility == approx(0.625)
    assert q3.sd == approx(0.4787)
    assert q3.discrimination == approx(85.2803)
    assert q3.discriminative_efficiency == approx(100.0)


def test_hand_worked_quiz():
    # Percent totals P = [100, 75, 50, 0]; mean = 225/4 = 56.25; median = (50 + 75)/2 = 62.5.
    # Deviations [43.75, 18.75, -6.25, -56.25]; Σd² = 1914.0625 + 351.5625 + 39.0625 + 3164.0625
    # = 5468.75; SD = √(5468.75/3) = √1822.9167 = 42.6956.
    # Skewness and kurtosis do not depend on scale, so work on raw totals [4, 3, 2, 0]:
    # d = [1.75, .75, -.25, -2.25]; m2 = 8.75/4 = 2.1875; m3 = -5.625/4 = -1.40625;
    # m4 = 35.328125/4 = 8.83203125.
    # k2 = 4·2.1875/3 = 35/12; k3 = 16·(-1.40625)/(3·2) = -3.75; skewness = -3.75/(35/12)^1.5
    # = -3.75/4.98117 = -0.7528.
    # k4 = 16·(5·8.83203125 - 3·3·2.1875²)/(3·2·1) = 16·1.09375/6 = 35/12;
    # kurtosis = k4/k2² = (35/12)/(35/12)² = 12/35 = 0.3429.
    # CIC on raw marks: var q1 = var q2 = 1/3; q3 marks [2,2,1,0], mean 1.25, Σd² = 2.75,
    # var = 11/12; Σ var_i = 19/12; var(total) = 8.75/3 = 35/12.
    # CIC = 100·3/2·(1 - 19/35) = 150·16/35 = 68.5714.
    # ER = 100·√(1 - .685714) = 100·√(11/35) = 56.0612; SE = .560612·42.6956 = 23.9357.
    q = quiz_stats(HAND)
    assert q.n == 4
    assert q.mean == approx(56.25)
    assert q.median == approx(62.5)
    assert q.sd == approx(42.6956)
    assert q.skewness == approx(-0.7528)
    assert q.kurtosis == approx(0.3429)
    assert q.cic == approx(68.5714)
    assert q.error_ratio == approx(56.0612)
    assert q.standard_error == approx(23.9357)
    assert q.notes == []


def test_the_order_of_attempts_changes_nothing():
    assert question_stats(HAND[::-1]) == question_stats(HAND)
    forwards, backwards = quiz_stats(HAND), quiz_stats(HAND[::-1])
    for name in ("mean", "median", "sd", "skewness", "kurtosis", "cic", "error_ratio", "standard_error"):
        assert getattr(backwards, name) == pytest.approx(getattr(forwards, name), rel=1e-12)


def test_odd_count_median_is_the_middle_score():
    q = quiz_stats(HAND[:3])  # percents 100, 75, 50
    assert q.median == approx(75.0)
    assert q.mean == approx(75.0)
    assert q.skewness == approx(0.0)  # symmetric


# --- random selection, by hand --------------------------------------------------------------
# Each attempt saw two of three questions, each out of 1.
#        q1  q2  q3
#   A     1   1   -       rest of q1 for A: q2 = 1
#   B     1   -   0       rest of q1 for B: q3 = 0
#   C     0   0   -       rest of q1 for C: q2 = 0
#   D     -   1   1
#   E     0   -   1       rest of q1 for E: q3 = 1
DRAWN = [
    AttemptScores("A", {"q1": 1, "q2": 1}, {"q1": 1, "q2": 1}),
    AttemptScores("B", {"q1": 1, "q3": 0}, {"q1": 1, "q3": 1}),
    AttemptScores("C", {"q1": 0, "q2": 0}, {"q1": 1, "q2": 1}),
    AttemptScores("D", {"q2": 1, "q3": 1}, {"q2": 1, "q3": 1}),
    AttemptScores("E", {"q1": 0, "q3": 1}, {"q1": 1, "q3": 1}),
]


def test_random_selection_uses_the_attempts_that_saw_each_question():
    # q1 over A, B, C, E: x = [1, 1, 0, 0], F = 0.5, SD = √(1/3) = 0.5774.
    # r = [1, 0, 0, 1]: mean .5; Σ dx·dr = .25 - .25 + .25 - .25 = 0, so D = 0 and DE = 0.
    s = by_id(question_stats(DRAWN, ["q1", "q2", "q3", "q4"]))
    q1 = s["q1"]
    assert q1.n == 4
    assert (q1.facility, q1.sd) == (approx(0.5), approx(0.5774))
    assert q1.discrimination == approx(0.0)
    assert q1.discriminative_efficiency == approx(0.0)
    # q2 over A, C, D: x = [1, 0, 1], F = 2/3; rest r = [q1=1, q1=0, q3=1] = x, so D = 100.
    assert s["q2"].n == 3
    assert s["q2"].facility == approx(2 / 3)
    assert s["q2"].discrimination == approx(100.0)
    assert s["q2"].discriminative_efficiency == approx(100.0)
    # q4 is in the quiz but no attempt drew it.
    assert s["q4"] == QuestionStats("q4", 0, None, None, None, None, None, [stats.NOBODY_SAW])


def test_random_selection_quiz_figures_without_internal_consistency():
    # Percents: A 100, B 50, C 0, D 100, E 50: mean 60, median 50.
    q = quiz_stats(DRAWN)
    assert q.n == 5
    assert q.mean == approx(60.0)
    assert q.median == approx(50.0)
    # Σd² = 1600 + 100 + 3600 + 1600 + 100 = 7000; SD = √(7000/4) = 41.8330.
    assert q.sd == approx(41.8330)
    assert q.skewness is not None and q.kurtosis is not None
    assert (q.cic, q.error_ratio, q.standard_error) == (None, None, None)
    assert stats.NOT_SAME_QUESTIONS in q.notes


def test_a_question_nobody_saw_changes_no_other_figure():
    with_ghost = question_stats(HAND, ["q1", "q2", "q3", "ghost"])
    assert with_ghost[:3] == question_stats(HAND)
    assert with_ghost[3].n == 0 and with_ghost[3].facility is None
    assert with_ghost[3].notes == [stats.NOBODY_SAW]


# --- an independent computation with numpy and scipy ------------------------------------------

def random_matrix(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Marks (attempts x questions, partial credit in thirds) and each question's maximum.

    Redrawn until no question, and no rest of the test, is constant, so every figure exists.
    """
    rng = np.random.default_rng(seed)
    while True:
        n, p = int(rng.integers(6, 40)), int(rng.integers(2, 9))
        maxima = rng.choice([1.0, 2.0, 3.0, 5.0], size=p)
        ability = rng.random(n)
        thirds = np.clip(np.round(3 * (ability[:, None] + rng.normal(0, 0.35, (n, p)))), 0, 3)
        marks = thirds / 3 * maxima
        rest = marks.sum(axis=1, keepdims=True) - marks
        if (np.ptp(marks, axis=0) > 0).all() and (np.ptp(rest, axis=0) > 0).all():
            return marks, maxima


def as_attempts(marks: np.ndarray, maxima: np.ndarray, seen: np.ndarray | None = None) -> list[AttemptScores]:
    ids = [f"q{j}" for j in range(marks.shape[1])]
    out = []
    for i, row in enumerate(marks):
        cols = [j for j in range(len(ids)) if seen is None or seen[i, j]]
        out.append(AttemptScores(f"a{i}", {ids[j]: float(row[j]) for j in cols},
                                 {ids[j]: float(maxima[j]) for j in cols}))
    return out


def numpy_question(x: np.ndarray, rest: np.ndarray) -> tuple[float, float, float, float]:
    """Facility, SD, discrimination index and discriminative efficiency, the numpy way."""
    d = 100 * np.corrcoef(x, rest)[0, 1]
    de = 100 * np.cov(x, rest, ddof=1)[0, 1] / np.cov(np.sort(x), np.sort(rest), ddof=1)[0, 1]
    return float(x.mean()), float(x.std(ddof=1)), float(d), float(de)


@pytest.mark.parametrize("seed", range(12))
def test_question_figures_match_numpy(seed):
    marks, maxima = random_matrix(seed)
    got = question_stats(as_attempts(marks, maxima))
    totals, top = marks.sum(axis=1), maxima.sum()
    for j, s in enumerate(got):
        x = marks[:, j] / maxima[j]
        rest = (totals - marks[:, j]) / (top - maxima[j])
        facility, sd, d, de = numpy_question(x, rest)
        assert s.n == len(x)
        assert s.facility == pytest.approx(facility, abs=1e-9)
        assert s.sd == pytest.approx(sd, abs=1e-9)
        assert s.discrimination == pytest.approx(d, abs=1e-7)
        assert s.discriminative_efficiency == pytest.approx(de, abs=1e-7)
        # Moodle's raw-mark version gives the same figures when maxima are fixed.
        raw = numpy_question(marks[:, j], totals - marks[:, j])
        assert s.discrimination == pytest.approx(raw[2], abs=1e-7)
        assert s.discriminative_efficiency == pytest.approx(raw[3], abs=1e-7)


@pytest.mark.parametrize("seed", range(12))
def test_quiz_figures_match_numpy_and_scipy(seed):
    marks, maxima = random_matrix(seed)
    q = quiz_stats(as_attempts(marks, maxima))
    totals = marks.sum(axis=1)
    percents = 100 * totals / maxima.sum()
    n, p = marks.shape
    alpha = p / (p - 1) * (1 - marks.var(axis=0, ddof=1).sum() / totals.var(ddof=1))
    assert q.n == n
    assert q.mean == pytest.approx(percents.mean(), abs=1e-9)
    assert q.median == pytest.approx(np.median(percents), abs=1e-9)
    assert q.sd == pytest.approx(percents.std(ddof=1), abs=1e-9)
    # Moodle's k3/k2^1.5 and k4/k2² are the bias-corrected sample skewness and excess kurtosis.
    assert q.skewness == pytest.approx(scipy.stats.skew(percents, bias=False), abs=1e-9)
    assert q.kurtosis == pytest.approx(scipy.stats.kurtosis(percents, fisher=True, bias=False), abs=1e-9)
    assert q.cic == pytest.approx(100 * alpha, abs=1e-7)
    assert q.error_ratio == pytest.approx(100 * math.sqrt(1 - alpha), abs=1e-7)
    assert q.standard_error == pytest.approx(math.sqrt(1 - alpha) * percents.std(ddof=1), abs=1e-7)


def test_cronbach_alpha_matches_the_covariance_matrix_form():
    # alpha = p/(p-1) · (1 - trace(C)/sum(C)), another way to write it, from the covariance matrix C.
    marks, _ = random_matrix(99)
    cov = np.cov(marks, rowvar=False, ddof=1)
    p = marks.shape[1]
    alpha = p / (p - 1) * (1 - np.trace(cov) / cov.sum())
    assert quiz_stats(as_attempts(marks, _)).cic == pytest.approx(100 * alpha, abs=1e-7)


@pytest.mark.parametrize("seed", range(6))
def test_random_selection_figures_match_numpy(seed):
    marks, maxima = random_matrix(100 + seed)
    rng = np.random.default_rng(seed)
    seen = rng.random(marks.shape) < 0.7
    seen[np.arange(len(seen)), rng.integers(0, marks.shape[1], len(seen))] = True  # at least one
    attempts = as_attempts(marks, maxima, seen)
    seen_marks = np.where(seen, marks, 0.0)
    totals, tops = seen_marks.sum(axis=1), (seen * maxima).sum(axis=1)
    ids = [f"q{j}" for j in range(marks.shape[1])]
    for j, s in enumerate(question_stats(attempts, ids)):
        rows = seen[:, j] & (tops - maxima[j] > 0)
        assert s.n == seen[:, j].sum()
        assert s.facility == pytest.approx((marks[seen[:, j], j] / maxima[j]).mean(), abs=1e-9)
        x = marks[rows, j] / maxima[j]
        rest = (totals[rows] - marks[rows, j]) / (tops[rows] - maxima[j])
        if len(x) > 1 and np.ptp(x) > 0 and np.ptp(rest) > 0:
            _, _, d, de = numpy_question(x, rest)
            assert s.discrimination == pytest.approx(d, abs=1e-7)
            assert s.discriminative_efficiency == pytest.approx(de, abs=1e-7)
        else:
            assert s.discrimination is None and s.notes
    q = quiz_stats(attempts)
    percents = 100 * totals / tops
    assert q.mean == pytest.approx(percents.mean(), abs=1e-9)
    assert q.sd == pytest.approx(percents.std(ddof=1), abs=1e-9)
    if not seen.all():
        assert q.cic is None and stats.NOT_SAME_QUESTIONS in q.notes


# --- degenerate data: None and a reason, never an exception or a wrong number ----------------

def test_no_attempts():
    assert quiz_stats([]) == stats.QuizStats(0, notes=[stats.NO_ATTEMPTS])
    assert question_stats([]) == []
    assert question_stats([], ["q1"])[0].notes == [stats.NOBODY_SAW]


def test_one_attempt():
    one = HAND[1:2]  # B: 0, 1, 2 → 75%
    q = quiz_stats(one)
    assert (q.n, q.mean, q.median) == (1, approx(75.0), approx(75.0))
    assert (q.sd, q.skewness, q.kurtosis, q.cic, q.error_ratio, q.standard_error) == (None,) * 6
    assert q.notes == [stats.NEEDS_TWO]
    for s in question_stats(one):
        assert s.n == 1 and s.facility is not None
        assert (s.sd, s.discrimination, s.discriminative_efficiency) == (None, None, None)
        assert s.notes == [stats.NEEDS_TWO_FOR_QUESTION]


def test_two_attempts_have_a_spread_but_no_shape():
    q = quiz_stats(HAND[:2])  # 100 and 75
    assert q.sd == approx(math.sqrt(312.5))  # (12.5² · 2)/1
    assert (q.skewness, q.kurtosis, q.cic) == (None, None, None)
    assert q.notes == [stats.NEEDS_THREE]


def test_three_attempts_have_skewness_but_no_kurtosis():
    q = quiz_stats(HAND[1:])  # 75, 50, 0
    assert q.skewness is not None and q.cic is not None
    assert q.kurtosis is None and q.notes == [stats.NEEDS_FOUR]


def test_everyone_scores_the_same():
    same = attempts_from({a: (1, 0, 1) for a in "ABCD"}, MAXIMA)
    q = quiz_stats(same)
    assert (q.mean, q.median, q.sd) == (approx(50.0), approx(50.0), 0.0)
    assert (q.skewness, q.kurtosis, q.cic, q.error_ratio, q.standard_error) == (None,) * 5
    assert q.notes == [stats.ALL_EQUAL]
    for s in question_stats(same):
        assert s.sd == 0.0
        assert (s.discrimination, s.discriminative_efficiency) == (None, None)
        assert s.notes == [stats.SAME_ON_QUESTION]


def test_equal_scores_with_rounding_count_as_equal():
    # 0.1 + 0.2 and 0.3 are the same score; a spread of 1e-17 is not a spread.
    wobbly = [AttemptScores("A", {"q1": 0.1, "q2": 0.2}, {"q1": 1, "q2": 1}),
              AttemptScores("B", {"q1": 0.3, "q2": 0.0}, {"q1": 1, "q2": 1}),
              AttemptScores("C", {"q1": 0.0, "q2": 0.3}, {"q1": 1, "q2": 1})]
    q = quiz_stats(wobbly)
    assert q.sd == 0.0 and q.skewness is None and q.notes == [stats.ALL_EQUAL]


def test_a_question_everyone_got_right_cannot_discriminate():
    rows = {"A": (1, 1, 2), "B": (1, 1, 1), "C": (1, 0, 0), "D": (1, 0, 1)}
    s = by_id(question_stats(attempts_from(rows, MAXIMA)))
    assert (s["q1"].facility, s["q1"].sd) == (approx(1.0), 0.0)
    assert s["q1"].discrimination is None and s["q1"].notes == [stats.SAME_ON_QUESTION]
    assert s["q2"].discrimination is not None  # the others still have their figures


def test_a_constant_rest_of_the_test_leaves_discrimination_undefined():
    # q2 is 1 for everyone, so the rest of q1 is constant; q1 varies.
    rows = {"A": (1, 1), "B": (0, 1), "C": (1, 1)}
    s = by_id(question_stats(attempts_from(rows, {"q1": 1, "q2": 1})))
    assert s["q1"].sd is not None and s["q1"].discrimination is None
    assert s["q1"].notes == [stats.SAME_REST]


def test_a_one_question_quiz():
    one = attempts_from({"A": (1,), "B": (0,), "C": (1,), "D": (1,)}, {"q1": 1})
    s = question_stats(one)[0]
    assert s.facility == approx(0.75) and s.sd == approx(0.5)
    assert s.discrimination is None and s.notes == [stats.NO_OTHER_QUESTION]
    q = quiz_stats(one)
    assert q.skewness is not None and q.cic is None
    assert q.notes == [stats.NEEDS_TWO_QUESTIONS]


def test_attempts_that_saw_only_this_question_sit_out_of_discrimination():
    attempts = attempts_from({"A": (1, 1), "B": (0, 0), "C": (1, 0), "D": (0, 1)}, {"q1": 1, "q2": 1})
    attempts.append(AttemptScores("E", {"q1": 1}, {"q1": 1}))
    q1 = by_id(question_stats(attempts))["q1"]
    assert q1.n == 5 and q1.facility == approx(0.6)
    # Over A-D: x = [1,0,1,0], rest = [1,0,0,1] → cov 0.
    assert q1.discrimination == approx(0.0)
    assert q1.notes == ["1 of 5 attempts saw no other question and is left out of the "
                        + "discrimination figures"]


def test_an_attempt_that_saw_nothing_is_left_out_of_the_quiz_figures():
    q = quiz_stats([*HAND, AttemptScores("empty", {}, {})])
    assert q.n == 4 and q.mean == approx(56.25)
    assert q.notes == ["1 attempt saw no question and is left out"]


@pytest.mark.parametrize("marks, maxima", [
    ({"q1": 1}, {"q2": 1}),
    ({"q1": 2}, {"q1": 1}),
    ({"q1": -1}, {"q1": 1}),
    ({"q1": 0}, {"q1": 0}),
])
def test_impossible_marks_are_refused(marks, maxima):
    with pytest.raises(ValueError):
        AttemptScores("A", marks, maxima)


def test_random_guess_is_passed_through():
    s = question_stats(HAND, random_guess={"q1": 0.25, "q2": None})
    assert [x.random_guess for x in s] == [0.25, None, None]


# --- random guess scores ------------------------------------------------------------------

@pytest.mark.parametrize("type_name, fields, expected", [
    ("single_choice", {"options": [{"text": "A", "correct": True}, {"text": "B"}, {"text": "C"},
                                   {"text": "D"}]}, 0.25),
    ("true_false", {"answer": True}, 0.5),
    ("multiple_response", {"options": [{"text": "A", "correct": True}, {"text": "B"}]}, None),
    ("matching", {"pairs": [{"item": "a", "match": "1"}, {"item": "b", "match": "2"}],
                  "distractors": ["3", "4", "5"]}, 0.2),
    ("ordering", {"items": ["one", "two", "three", "four"]}, 0.25),
    ("short_answer", {"answers": [{"text": "Berlin"}]}, 0.0),
    ("short_answer", {"answers": [{"text": "Berlin"}, {"text": "*", "credit": 0}]}, 0.0),
    ("numeric", {"answers": [{"value": 3, "tolerance": 0}]}, 0.0),
    ("essay", {"model_answer": "Because."}, 0.0),
])
def test_random_guess_score(type_name, fields, expected):
    assert random_guess_score(question(type_name, **fields)) == expected


def test_ordering_guess_is_the_mean_over_every_order():
    # Brute force: average our grading over all 4! orders of a 4-item question.
    from itertools import permutations

    q = question("ordering", items=["one", "two", "three", "four"])
    ids = [i for i, _ in q.shown()]
    scores = [q.grade(list(order)).fraction for order in permutations(ids)]
    assert sum(scores) / len(scores) == pytest.approx(random_guess_score(q))


def test_the_statistics_modules_use_only_the_standard_library():
    for name in ("stats", "distractors"):
        path = REPO / "lectern" / "core" / f"{name}.py"
        names = imported(path.read_text(encoding="utf-8"), f"lectern.core.{name}")
        assert not [n for n in names if n.split(".")[0] in ("numpy", "scipy")], name
