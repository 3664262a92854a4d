"""Item analysis of a quiz from its attempts' marks, with the formulas of Moodle's quiz statistics.

Sources: docs.moodle.org/dev/Quiz_statistics_calculations, and moodle/moodle
question/classes/statistics/questions/calculator.php (per question: initial_question_walker,
secondary_steps_walker, secondary_question_walker) and
mod/quiz/report/statistics/classes/calculator.php (per quiz: calculate, median).

The input is one AttemptScores per attempt (which attempts, e.g. first ones only, is the
caller's choice): the mark earned and the mark available for each question the attempt saw.
With a random draw some questions are absent from some attempts.

Per question, over the s attempts that saw it, with x = mark / max mark (0..1) and r = the
rest of the attempt, (total − mark) / (max total − max mark) (0..1):
    facility F = mean(x)
    SD = sqrt(Σ(x − x̄)² / (s − 1))
    discrimination index D = 100 · cov(x, r) / sqrt(var x · var r), var and cov over s − 1
    discriminative efficiency DE = 100 · cov(x, r) / covmax, where covmax is the covariance of
        x and r after sorting each ascending: the largest covariance those scores could have
    random guess score: the fraction answering at random earns on average (random_guess_score)
Moodle works on raw marks and the raw rest; where every attempt has the same maxima (Moodle's
case) the fractions give the same F, SD, D and DE, since correlation and the DE ratio do not
change with scale. Fractions keep the figures fair when a draw gives attempts different totals.

Per quiz, over the n attempts' totals as percentages P (100 · total / max total):
    mean; median (the mean of the middle two when n is even); SD = sqrt(Σ(P − P̄)² / (n − 1))
    m_k = Σ(P − P̄)^k / n,  k2 = n·m2 / (n−1),  k3 = n²·m3 / ((n−1)(n−2)),
    k4 = n²·((n+1)·m4 − 3(n−1)·m2²) / ((n−1)(n−2)(n−3))
    skewness = k3 / k2^(3/2) (n ≥ 3);  kurtosis = k4 / k2² (excess kurtosis, n ≥ 4)
    CIC = 100 · p/(p−1) · (1 − Σ var(mark_i) / var(total)), Cronbach's alpha in percent over
        the p questions, on raw marks (n − 1 in every variance); as in Moodle, only with n ≥ 3
    error ratio ER = 100 · sqrt(1 − CIC/100);  standard error SE = ER/100 · SD
(skewness and kurtosis are scipy.stats' skew and kurtosis with bias=False.)

Where this differs from Moodle:
- A question nobody saw has facility None here (Moodle: 0).
- For a randomly drawn question Moodle correlates it with the whole total, itself included;
  here the rest of the test is used for every question.
- When not every attempt saw the same questions, CIC, ER and SE are not computed (None with a
  note): Cronbach's alpha needs everyone to answer the same items, and our draws have no fixed
  positions (Moodle's slots) to stand in for them.
- The effective weight is not computed.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from lectern.core.questions.base import QuestionDefinition
from lectern.core.questions.essay import Essay
from lectern.core.questions.matching import Matching
from lectern.core.questions.numeric import Numeric
from lectern.core.questions.ordering import Ordering
from lectern.core.questions.short_answer import ShortAnswer
from lectern.core.questions.single_choice import SingleChoice
from lectern.core.questions.true_false import TrueFalse

NO_ATTEMPTS = "No attempts yet"
NEEDS_TWO = "Needs at least 2 attempts for the standard deviation and the other spread measures"
ALL_EQUAL = ("All scores are equal, so skewness, kurtosis and the consistency figures "
             "(CIC, error ratio, standard error) are undefined")
NEEDS_THREE = ("Needs at least 3 attempts for the skewness and the consistency figures "
               "(CIC, error ratio, standard error)")
NEEDS_FOUR = "Needs at least 4 attempts for the kurtosis"
NEEDS_TWO_QUESTIONS = "Needs at least 2 questions for the coefficient of internal consistency"
NOT_SAME_QUESTIONS = ("Not every attempt saw the same questions (random selection), so the "
                      "coefficient of internal consistency, error ratio and standard error are not "
                      "computed: they need everyone to answer the same questions")
NOBODY_SAW = "No attempt saw this question"
NEEDS_TWO_FOR_QUESTION = "Needs at least 2 attempts for the standard deviation and discrimination"
NO_OTHER_QUESTION = "No attempt saw another question, so there is nothing to compare this one with"
SAME_ON_QUESTION = "Every attempt scored the same on this question, so it cannot discriminate"
SAME_REST = ("Every attempt scored the same on the rest of the test, so the discrimination "
             "figures are undefined")


@dataclass(frozen=True)
class AttemptScores:
    """One attempt's marks: for each question it saw, the mark earned and the mark available."""

    attempt_id: str
    marks: Mapping[str, float]
    max_marks: Mapping[str, float]

    def __post_init__(self) -> None:
        if set(self.marks) != set(self.max_marks):
            raise ValueError(f"attempt {self.attempt_id}: marks and max_marks name different questions")
        for qid, top in self.max_marks.items():
            if not top > 0:
                raise ValueError(f"attempt {self.attempt_id}: question {qid} has max mark {top}, not > 0")
            if not -1e-9 <= self.marks[qid] <= top + 1e-9:
                raise ValueError(f"attempt {self.attempt_id}: question {qid} has mark "
                                 f"{self.marks[qid]} outside 0..{top}")

    @property
    def total(self) -> float:
        return math.fsum(self.marks.values())

    @property
    def max_total(self) -> float:
        return math.fsum(self.max_marks.values())

    @property
    def percent(self) -> float | None:
        """The total as a percentage of the marks available; None when it saw no question."""
        return 100 * self.total / self.max_total if self.max_marks else None


@dataclass(frozen=True)
class QuestionStats:
    """Figures for one question. facility, sd and random_guess are fractions (0..1);
    discrimination and discriminative_efficiency are percentages. None: see notes."""

    question_id: str
    n: int
    facility: float | None
    sd: float | None
    random_guess: float | None
    discrimination: float | None
    discriminative_efficiency: float | None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QuizStats:
    """Figures for the whole quiz. mean, median, sd and standard_error are percentage points;
    cic and error_ratio are percentages. None: see notes."""

    n: int
    mean: float | None = None
    median: float | None = None
    sd: float | None = None
    skewness: float | None = None
    kurtosis: float | None = None
    cic: float | None = None
    error_ratio: float | None = None
    standard_error: float | None = None
    notes: list[str] = field(default_factory=list)


# --- small sample statistics (n − 1 throughout, as Moodle) -------------------------------

def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _covariance(a: Sequence[float], b: Sequence[float]) -> float:
    ma, mb = _mean(a), _mean(b)
    return math.fsum((x - ma) * (y - mb) for x, y in zip(a, b)) / (len(a) - 1)


def _variance(values: Sequence[float]) -> float:
    return _covariance(values, values)


def _constant(values: Sequence[float]) -> bool:
    """All equal, allowing for rounding (0.1 + 0.2 and 0.3 count as the same score)."""
    return max(values) - min(values) <= 1e-9 * max(1.0, abs(max(values)), abs(min(values)))


# --- per question -------------------------------------------------------------------------

def question_stats(attempts: Sequence[AttemptScores], question_ids: Iterable[str] | None = None,
                   random_guess: Mapping[str, float | None] | None = None) -> list[QuestionStats]:
    """The figures of each question (question_ids, or every question some attempt saw)."""
    if question_ids is None:
        question_ids = dict.fromkeys(qid for a in attempts for qid in a.marks)
    guesses = random_guess or {}
    return [_question(qid, attempts, guesses.get(qid)) for qid in question_ids]


def _question(qid: str, attempts: Sequence[AttemptScores], guess: float | None) -> QuestionStats:
    seen = [a for a in attempts if qid in a.marks]
    n = len(seen)
    if not n:
        return QuestionStats(qid, 0, None, None, guess, None, None, [NOBODY_SAW])
    x = [a.marks[qid] / a.max_marks[qid] for a in seen]
    facility = _mean(x)
    if n < 2:
        return QuestionStats(qid, n, facility, None, guess, None, None, [NEEDS_TWO_FOR_QUESTION])
    sd = 0.0 if _constant(x) else math.sqrt(_variance(x))

    # The rest of each attempt, as a fraction of the rest's marks; an attempt that saw only
    # this question has no rest and sits out of the discrimination figures.
    pairs = [(a.marks[qid] / a.max_marks[qid],
              (a.total - a.marks[qid]) / (a.max_total - a.max_marks[qid]))
             for a in seen if a.max_total - a.max_marks[qid] > 1e-9]
    notes = []
    if pairs and len(pairs) < n:
        notes.append(f"{n - len(pairs)} of {n} attempts saw no other question and "
                     f"{'is' if n - len(pairs) == 1 else 'are'} left out of the discrimination figures")
    discrimination = efficiency = None
    xs, rs = [p[0] for p in pairs], [p[1] for p in pairs]
    if not pairs:
        notes.append(NO_OTHER_QUESTION)
    elif len(pairs) < 2:
        notes.append(NEEDS_TWO_FOR_QUESTION)
    elif _constant(xs):
        notes.append(SAME_ON_QUESTION)
    elif _constant(rs):
        notes.append(SAME_REST)
    else:
        cov = _covariance(xs, rs)
        discrimination = 100 * cov / math.sqrt(_variance(xs) * _variance(rs))
        # Neither list is constant, so the sorted covariance is strictly positive.
        efficiency = 100 * cov / _covariance(sorted(xs), sorted(rs))
    return QuestionStats(qid, n, facility, sd, guess, discrimination, efficiency, notes)


# --- per quiz -----------------------------------------------------------------------------

def quiz_stats(attempts: Sequence[AttemptScores]) -> QuizStats:
    """The figures of the whole quiz, on the attempts' totals as percentages."""
    scored = [a for a in attempts if a.max_marks]
    notes = []
    if len(scored) < len(attempts):
        left = len(attempts) - len(scored)
        notes.append(f"{left} {'attempt' if left == 1 else 'attempts'} saw no question and "
                     f"{'is' if left == 1 else 'are'} left out")
    n = len(scored)
    if not n:
        return QuizStats(0, notes=notes + [NO_ATTEMPTS])
    percents = [100 * a.total / a.max_total for a in scored]
    mean, median = _mean(percents), statistics.median(percents)
    if n < 2:
        return QuizStats(n, mean, median, notes=notes + [NEEDS_TWO])
    if _constant(percents):
        return QuizStats(n, mean, median, 0.0, notes=notes + [ALL_EQUAL])
    sd = math.sqrt(_variance(percents))
    if n < 3:
        return QuizStats(n, mean, median, sd, notes=notes + [NEEDS_THREE])

    m2, m3, m4 = (math.fsum((v - mean) ** k for v in percents) / n for k in (2, 3, 4))
    k2 = n * m2 / (n - 1)
    k3 = n * n * m3 / ((n - 1) * (n - 2))
    skewness = k3 / k2 ** 1.5
    kurtosis = None
    if n > 3:
        k4 = n * n * ((n + 1) * m4 - 3 * (n - 1) * m2 * m2) / ((n - 1) * (n - 2) * (n - 3))
        kurtosis = k4 / (k2 * k2)
    else:
        notes.append(NEEDS_FOUR)

    cic, why_not = _internal_consistency(scored)
    error_ratio = standard_error = None
    if cic is None:
        notes.append(why_not)
    else:
        # CIC ≤ 100 in exact arithmetic; max() only absorbs rounding.
        error_ratio = 100 * math.sqrt(max(0.0, 1 - cic / 100))
        standard_error = error_ratio / 100 * sd
    return QuizStats(n, mean, median, sd, skewness, kurtosis, cic, error_ratio, standard_error, notes)


def _internal_consistency(attempts: Sequence[AttemptScores]) -> tuple[float | None, str]:
    """Cronbach's alpha in percent on raw marks, or None and why not."""
    items = list(dict.fromkeys(qid for a in attempts for qid in a.marks))
    if any(len(a.marks) != len(items) for a in attempts):
        return None, NOT_SAME_QUESTIONS
    if len(items) < 2:
        return None, NEEDS_TWO_QUESTIONS
    totals = [a.total for a in attempts]
    if _constant(totals):  # equal raw totals with unequal percentages: mixed question versions
        return None, ALL_EQUAL
    item_variance = math.fsum(_variance([a.marks[q] for a in attempts]) for q in items)
    p = len(items)
    return 100 * p / (p - 1) * (1 - item_variance / _variance(totals)), ""


# --- random guess score -------------------------------------------------------------------

def random_guess_score(definition: QuestionDefinition) -> float | None:
    """The fraction of the mark answering at random earns on average; None if not estimated.

    As Moodle's question types define it (get_random_guess_score): single choice, the mean
    of the options' fractions (1/number of options); true/false 0.5; matching 1/number of
    choices offered; short answer, the credit of a "*" answer if there is one, else 0;
    numeric and essay 0; multiple response None (Moodle: "pretty much impossible to
    compute"). Ordering is 1/number of items: the exact mean of our "next item" grading
    over random orders (each of the n − 1 adjacent pairs is right with chance 1/n).
    """
    q = definition
    if isinstance(q, SingleChoice):
        return sum(1.0 for o in q.options if o.correct) / len(q.options)
    if isinstance(q, TrueFalse):
        return 0.5
    if isinstance(q, Matching):
        return 1 / len(q.choices())
    if isinstance(q, Ordering):
        return 1 / len(q.items)
    if isinstance(q, ShortAnswer):
        star = [a.credit for a in q.answers if a.text.strip() == "*"]
        return star[0] / 100 if star else 0.0
    if isinstance(q, (Numeric, Essay)):
        return 0.0
    return None
