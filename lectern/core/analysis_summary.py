"""The item analysis in plain words: the summary a teacher of a small class reads first.

Everything here takes plain counts (who got a question right, who chose an option) and
returns sentences; the figures themselves come from lectern.core.stats, unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lectern.core.distractors import MIN_ANSWERS_TO_JUDGE
from lectern.core.rounding import percent_text

MOST_MISSED_SHOWN = 3          # the summary names this many of the most missed questions
POPULAR_WRONG_SHOWN = 3        # and this many wrong options that drew many students
POPULAR_WRONG_MIN_SHARE = 1 / 3  # a wrong option "drew many" when at least this share of the
POPULAR_WRONG_MIN_STUDENTS = 2   # answers, and this many students, chose it: one student is chance
SHORT_PROMPT_LENGTH = 90       # characters: enough to recognise a question, short enough for a list
TOO_FEW_LISTED = 12            # question numbers listed before "and N more"

NEGATIVE_ALPHA = (
    "Cronbach's alpha is negative: the questions do not agree with each other in this group of "
    "attempts (students who did well on some questions did badly on others). This happens most often "
    "when there are too few attempts, or when the questions measure different things. The test's "
    "reliability cannot be estimated from these attempts, so the error ratio and the standard error "
    "are not meaningful and are not shown.")


@dataclass(frozen=True)
class QuestionOutcome:
    """How one question went: how many answered it, got full marks, got some marks."""

    number: int
    prompt: str
    answers: int
    right: int
    partly: int = 0
    facility: float | None = None   # Moodle's facility (0..1), to rank the most missed

    @property
    def wrong(self) -> int:
        """Answers without full marks (partly right ones included)."""
        return self.answers - self.right


@dataclass(frozen=True)
class WrongChoice:
    """A wrong option of a question and how many of its answers chose it."""

    number: int
    prompt: str
    option: str
    chosen_by: int
    answers: int


@dataclass(frozen=True)
class Summary:
    """The sentences that open the page; an empty list means there is nothing to say."""

    based_on: str
    most_missed: list[str]
    popular_wrong: list[str]
    too_few: str | None


@dataclass(frozen=True)
class Consistency:
    """Cronbach's alpha, the error ratio and the standard error as the page shows them (percent and
    percentage points). A figure is None when it was not computed, or when note says why it is not
    meaningful."""

    cic: float | None
    error_ratio: float | None
    standard_error: float | None
    note: str | None = None

    @property
    def meaningful(self) -> bool:
        """False when the error ratio and standard error are withheld because they would mislead."""
        return self.note is None


def consistency(cic: float | None, error_ratio: float | None, standard_error: float | None) -> Consistency:
    """The consistency figures to show: with a negative alpha the error ratio exceeds 100% and the
    standard error the spread itself, so both are withheld with a note in plain words instead."""
    if (cic is not None and cic < 0) or (error_ratio is not None and error_ratio > 100):
        return Consistency(cic, None, None, NEGATIVE_ALPHA)
    return Consistency(cic, error_ratio, standard_error)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def short_prompt(prompt: str, limit: int = SHORT_PROMPT_LENGTH) -> str:
    """The prompt on one line, cut at a word before `limit` characters with an ellipsis."""
    text = " ".join(prompt.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0] if " " in text[:limit - 1] else text[:limit - 1]
    return cut.rstrip(",;:.") + "…"


def facility_words(right: int, answers: int, partly: int = 0) -> str:
    """'3 of 5 right' (', 1 partly' when some earned part of the marks); 'Not answered yet'."""
    if not answers:
        return "Not answered yet"
    words = f"{right} of {answers} right"
    return words + (f", {partly} partly" if partly else "")


def _question(number: int, prompt: str) -> str:
    return f"Question {number} (“{short_prompt(prompt)}”)"


def _based_on(attempts: int, mean: float | None) -> str:
    if not attempts:
        return "No student has submitted an attempt yet, so there is nothing to analyse."
    students = "1 student's first attempt" if attempts == 1 else f"{attempts} students' first attempts"
    mean_words = f" The class's mean score is {percent_text(mean)}." if mean is not None else ""
    return f"Based on {students}.{mean_words}"


def _most_missed(outcomes: Sequence[QuestionOutcome]) -> list[str]:
    missed = sorted((q for q in outcomes if q.answers and q.wrong),
                    key=lambda q: (q.right / q.answers, q.facility if q.facility is not None else 0, q.number))
    lines = []
    for q in missed[:MOST_MISSED_SHOWN]:
        how = "got it wrong" if not q.partly else "got it wrong or only partly right"
        lines.append(f"{_question(q.number, q.prompt)}: {q.wrong} of {q.answers} students {how}.")
    return lines


def _popular_wrong(choices: Sequence[WrongChoice]) -> list[str]:
    many = [c for c in choices if c.answers and c.chosen_by >= POPULAR_WRONG_MIN_STUDENTS
            and c.chosen_by >= POPULAR_WRONG_MIN_SHARE * c.answers]
    many.sort(key=lambda c: (-c.chosen_by / c.answers, -c.chosen_by, c.number))
    return [f"{_question(c.number, c.prompt)}: the wrong answer “{short_prompt(c.option, 60)}” drew "
            f"{c.chosen_by} of {c.answers} students." for c in many[:POPULAR_WRONG_SHOWN]]


def _too_few(outcomes: Sequence[QuestionOutcome]) -> str | None:
    few = [q for q in outcomes if q.answers < MIN_ANSWERS_TO_JUDGE]
    if not few:
        return None
    if len(few) == len(outcomes):
        counts = sorted({q.answers for q in few})
        have = (f"{'it' if len(few) == 1 else 'each'} has {plural(counts[0], 'answer')}" if len(counts) == 1
                else f"they have {counts[0]} to {counts[-1]} answers")
        every = "The question needs" if len(few) == 1 else f"All {len(few)} questions need"
        return (f"{every} {MIN_ANSWERS_TO_JUDGE} answers to be judged too easy, too hard or "
                f"misleading; {have}, so none is flagged yet.")
    numbers = ", ".join(str(q.number) for q in few[:TOO_FEW_LISTED])
    more = f" and {len(few) - TOO_FEW_LISTED} more" if len(few) > TOO_FEW_LISTED else ""
    return (f"{plural(len(few), 'question')} {'has' if len(few) == 1 else 'have'} fewer than the "
            f"{MIN_ANSWERS_TO_JUDGE} answers needed to judge {'it' if len(few) == 1 else 'them'}: "
            f"{numbers}{more}.")


def summarise(attempts: int, mean: float | None, outcomes: Sequence[QuestionOutcome],
              wrong_choices: Sequence[WrongChoice]) -> Summary:
    """The page's opening summary from the attempts analysed, the class mean (percent) and the questions."""
    return Summary(_based_on(attempts, mean), _most_missed(outcomes), _popular_wrong(wrong_choices),
                   _too_few(outcomes) if attempts else None)
