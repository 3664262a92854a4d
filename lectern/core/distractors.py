"""Distractor analysis of a choice question: who chose each option, and flags in plain words.

Attempts are ranked by their total (ascending, ties by attempt id, so the ranking is stable);
the bottom third is the first n // 3 of them and the top third the last n // 3. With fewer
than 3 attempts there are no thirds and their counts and shares are None.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from lectern.core.rounding import percent_text
from lectern.core.stats import QuestionStats

TOO_EASY_FACILITY = 0.90     # facility above this: too easy
TOO_HARD_FACILITY = 0.20     # facility below this: too hard
MIN_DISCRIMINATION = 20.0    # discrimination index below this (percent): does not discriminate
STRONG_PULL_MIN_STUDENTS = 2    # a wrong option attracts the strongest students when at least
STRONG_PULL_MIN_SHARE = 0.20    # this many, and this share, of the top third chose it, more
                                # than chose it in the bottom third
NO_ANSWER = "(no answer)"
# Below this many answers a question is not judged (no flag at all): with 2 or 5 answers one
# student more or less swings the facility by 20-50 points and the discrimination index to
# ±100%, so "too easy" or "does not discriminate" would describe chance, not the question.
# Ten is where a single answer moves the facility by at most 10 points.
MIN_ANSWERS_TO_JUDGE = 10


def too_few_to_judge(answers: int) -> str | None:
    """Why a question with this many answers is not judged yet, in words; None when it is."""
    if answers >= MIN_ANSWERS_TO_JUDGE:
        return None
    return f"Too few answers to judge ({answers} of the {MIN_ANSWERS_TO_JUDGE} needed)"


@dataclass(frozen=True)
class ChoiceResponse:
    """One attempt's answer to the question: its total (to rank it) and the options chosen.

    total is best the attempt's percentage, so that attempts with different draws compare.
    An empty `chosen` is an attempt that saw the question and left it unanswered.
    """

    attempt_id: str
    total: float
    chosen: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "chosen", frozenset(self.chosen))


@dataclass(frozen=True)
class OptionCount:
    """How many chose an option, overall and in each third; shares are fractions 0..1."""

    option_id: str
    count: int
    share: float | None
    top_count: int | None
    top_share: float | None
    bottom_count: int | None
    bottom_share: float | None


@dataclass(frozen=True)
class DistractorTable:
    question_id: str
    n: int
    third: int   # how many attempts each third holds
    options: list[OptionCount] = field(default_factory=list)
    no_answer: OptionCount | None = None

    def option(self, option_id: str) -> OptionCount | None:
        return next((o for o in self.options if o.option_id == option_id), None)


def _count(option_id: str, everyone: Sequence[ChoiceResponse], top: Sequence[ChoiceResponse],
           bottom: Sequence[ChoiceResponse], third: int,
           picked: Callable[[ChoiceResponse, str], bool]) -> OptionCount:
    def share(count: int | None, size: int) -> float | None:
        return None if count is None or not size else count / size

    count = sum(1 for r in everyone if picked(r, option_id))
    top_count = sum(1 for r in top if picked(r, option_id)) if third else None
    bottom_count = sum(1 for r in bottom if picked(r, option_id)) if third else None
    return OptionCount(option_id, count, share(count, len(everyone)), top_count,
                       share(top_count, third), bottom_count, share(bottom_count, third))


def distractor_table(question_id: str, responses: Iterable[ChoiceResponse],
                     option_ids: Sequence[str]) -> DistractorTable:
    """Count each option (in option_ids order, then any other chosen id) overall and by third."""
    ranked = sorted(responses, key=lambda r: (r.total, r.attempt_id))
    n, third = len(ranked), len(ranked) // 3
    bottom, top = ranked[:third], ranked[n - third:]
    # An option a later version dropped still shows, after the current ones.
    extra = sorted({o for r in ranked for o in r.chosen} - set(option_ids))
    options = [_count(o, ranked, top, bottom, third, lambda r, o: o in r.chosen)
               for o in [*option_ids, *extra]]
    no_answer = _count(NO_ANSWER, ranked, top, bottom, third, lambda r, o: not r.chosen)
    return DistractorTable(question_id, n, third, options, no_answer)


def _percent(fraction: float) -> str:
    return percent_text(100 * fraction)


def flags(question_stats: QuestionStats | None, distractor_table: DistractorTable | None,
          right_option_ids: Collection[str], labels: Mapping[str, str] | None = None) -> list[str]:
    """What a teacher should look at in this question, in plain words (empty when nothing)."""
    out = []
    stats = question_stats
    if stats is not None and stats.facility is not None:
        if stats.facility > TOO_EASY_FACILITY:
            out.append(f"Too easy: students earned {_percent(stats.facility)} of the marks on "
                       f"average (above {_percent(TOO_EASY_FACILITY)}).")
        elif stats.facility < TOO_HARD_FACILITY:
            out.append(f"Too hard: students earned {_percent(stats.facility)} of the marks on "
                       f"average (below {_percent(TOO_HARD_FACILITY)}).")
    if stats is not None and stats.discrimination is not None and stats.discrimination < MIN_DISCRIMINATION:
        why = ("weaker students do better on it than stronger ones" if stats.discrimination < 0
               else "strong and weak students do about as well on it")
        out.append(f"Does not discriminate: its discrimination index is {percent_text(stats.discrimination)} "
                   f"(below {percent_text(MIN_DISCRIMINATION)}), so {why}.")
    table = distractor_table
    if table is not None and table.third:
        for o in table.options:
            if o.option_id in right_option_ids or o.top_count is None or o.bottom_count is None:
                continue
            if (o.top_count > o.bottom_count and o.top_count >= STRONG_PULL_MIN_STUDENTS
                    and o.top_count >= STRONG_PULL_MIN_SHARE * table.third):
                name = (labels or {}).get(o.option_id, o.option_id)
                out.append(f"A wrong option attracts the strongest students: {name!r} was chosen "
                           f"by {o.top_count} of the top {table.third} ({_percent(o.top_count / table.third)}) "
                           f"and {o.bottom_count} of the bottom {table.third} "
                           f"({_percent(o.bottom_count / table.third)}).")
    return out
