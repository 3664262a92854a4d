"""Practice with several tries, after Moodle's "interactive with multiple tries" behaviour.

"Check" marks an answer at once. A right answer ends the question. A wrong or partly
right one is not shown as wrong in detail: the student gets a hint (the paragraph that
holds the answer, without the answer) and one more try. The second check ends the
question whatever it gives, and only then are the feedback, the right answer, the
explanation and the highlighted evidence shown.

Credit: each extra try costs PENALTY of the question's credit (Moodle's default
penalty, a third), never going below zero; the best credit of the tries counts. So
right at once earns 1, right at the second try 2/3, partly right (say 0.5) at the
second try 0.5 - 1/3. Practice credit is the student's own: it never reaches the
gradebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lectern.core.questions.base import QuestionDefinition
from lectern.core.review_policy import ReviewShow

MAX_TRIES = 2
PENALTY = 1 / 3


@dataclass(frozen=True)
class Check:
    """Where a practice question stands after a check."""

    tries: int  # checks made so far
    fraction: float  # the last answer's own credit, 0..1
    credit: float  # the best credit so far, after the penalty for extra tries
    finished: bool  # no more tries: show everything

    @property
    def state(self) -> str:
        """correct / partial / incorrect, as the review pages name them."""
        if self.fraction >= 1 - 1e-9:
            return "correct"
        return "incorrect" if self.fraction <= 1e-9 else "partial"

    @property
    def needs_hint(self) -> bool:
        """A try is left, so the student sees the hint and tries again."""
        return not self.finished


def penalised(fraction: float, tries: int) -> float:
    """The credit of an answer given at try number `tries` (1 for the first)."""
    return max(0.0, fraction - PENALTY * (tries - 1))


def check(fraction: float, tries_before: int, credit_before: float = 0.0,
          max_tries: int = MAX_TRIES) -> Check:
    """The state after one more check that earned `fraction`."""
    if tries_before >= max_tries:
        raise ValueError("no tries left")
    tries = tries_before + 1
    credit = max(credit_before, penalised(fraction, tries))
    finished = fraction >= 1 - 1e-9 or tries >= max_tries
    return Check(tries=tries, fraction=fraction, credit=round(credit, 6), finished=finished)


def give_up(tries_before: int, credit_before: float = 0.0) -> Check:
    """The student asks to see the answer: the question ends with what they earned so far."""
    return Check(tries=tries_before, fraction=0.0, credit=credit_before, finished=True)


PRACTICE_OFF = "Your teacher has switched practice off for this quiz, because it is being used as a test."
ANSWERS_LATER = ("Practice shows every answer as soon as you check it, and this quiz keeps its answers "
                 "hidden until {when}. You can practise it after that.")
ANSWERS_NEVER = "Practice shows every answer as soon as you check it, and this quiz keeps its answers hidden."


def practice_refusal(allowed: bool, show: ReviewShow, closes_at: str | None) -> str | None:
    """Why a quiz cannot be practised now (None when it can).

    Practice reveals each right answer and explanation, so it is open only while the
    quiz's own review would show them too: it never gets round a test's review rules.
    `closes_at` is the close date in words, for the message.
    """
    if not allowed:
        return PRACTICE_OFF
    if show.right_answers and show.explanations:
        return None
    return ANSWERS_LATER.format(when=f"it closes on {closes_at}") if closes_at else ANSWERS_NEVER


# What a student reads to answer: everything in a definition but these (answers, feedback, labels).
_NOT_READ = {"id", "type", "skill", "difficulty", "tags", "points", "accept_warnings", "explanation", "evidence", "feedback",
             "feedback_true", "feedback_false", "model_answer", "answers", "answer", "correct", "credit", "unit"}


def words_to_read(definition: QuestionDefinition) -> int:
    """How many words a student reads to answer the question (its prompt and its choices)."""
    def words(value: Any) -> int:
        if isinstance(value, str):
            return len(value.split())
        if isinstance(value, list):
            return sum(words(v) for v in value)
        if isinstance(value, dict):
            return sum(words(v) for k, v in value.items() if k not in _NOT_READ)
        return 0

    return words(definition.to_data())
