"""Live sessions in the pure core: the teacher-paced state machine, what each role may see, the
speed bonus, and the distribution a reveal shows. Plain values in and out; no Flask, no database.

A session moves lobby → open → closed → revealed → open (the next question) … → finished. A timer
does not write: an open question whose closes_at has passed *reads* as closed everywhere, and the
teacher's next action stores whatever follows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lectern.core.questions import QuestionDefinition

LOBBY, OPEN, CLOSED, REVEALED, FINISHED = "lobby", "open", "closed", "revealed", "finished"
STATES = (LOBBY, OPEN, CLOSED, REVEALED, FINISHED)
# Every type answered in under a minute; an essay needs a teacher and longer than a live question,
# and a cloze is a text with several gaps to read and fill, too long for a live round on a phone,
# whose reveal (one distribution of answers per question) could not show each gap.
NOT_LIVE = frozenset({"essay", "cloze"})
# The speed bonus never exceeds this share of the question's points, and is earned only by credit.
SPEED_SHARE = 1 / 3
# Without a timer, speed counts over this many seconds (an answer after it earns no bonus).
UNTIMED_SECONDS = 60
LEADERBOARDS = ("off", "names", "nicknames")


class NotAllowed(Exception):
    """The action does not follow from the session's state (the teacher moved on, or went back)."""


@dataclass(frozen=True)
class Moment:
    """What a session is doing now, as stored."""

    state: str
    position: int  # the question shown: 1..total, 0 in the lobby
    total: int
    closes_at: datetime | None = None


def effective_state(moment: Moment, now: datetime) -> str:
    """The state as everyone sees it now: an open question past its timer is closed."""
    if moment.state == OPEN and moment.closes_at is not None and now >= moment.closes_at:
        return CLOSED
    return moment.state


def accepts_answers(moment: Moment, now: datetime, position: int) -> bool:
    """Whether an answer to question `position` may be stored now."""
    return effective_state(moment, now) == OPEN and position == moment.position


def after(moment: Moment, action: str, now: datetime) -> str:
    """The stored state the teacher's action leads to; NotAllowed when it does not apply now.

    next: from the lobby, or from a closed or revealed question, to the next question (open);
    close: an open question; reveal: a closed one (one the timer closed too); finish: any time.
    """
    state = effective_state(moment, now)
    if state == FINISHED:
        raise NotAllowed("the session has finished")
    if action == "finish":
        return FINISHED
    if action == "next" and state in (LOBBY, CLOSED, REVEALED) and moment.position < moment.total:
        return OPEN
    if action == "close" and state == OPEN:
        return CLOSED
    if action == "reveal" and state == CLOSED:
        return REVEALED
    raise NotAllowed(f"cannot {action} while the question is {state}")


def phone_may_see_question(state: str) -> bool:
    """Phones see the current question from the moment it opens until the next one."""
    return state in (OPEN, CLOSED, REVEALED)


def speed_bonus(points: float, fraction: float, seconds: float, limit_seconds: int | None) -> float:
    """The leaderboard's bonus for a quick answer: at most SPEED_SHARE of the points, scaled by the
    credit earned (a wrong answer earns none, however fast) and falling linearly to 0 at the limit."""
    limit = limit_seconds or UNTIMED_SECONDS
    quickness = max(0.0, 1.0 - max(seconds, 0.0) / limit)
    return round(points * SPEED_SHARE * max(0.0, min(fraction, 1.0)) * quickness, 6)


def distribution(definition: QuestionDefinition, answers: Iterable[Any]) -> list[tuple[str, int]]:
    """How the class answered, as (label, count) bars: one per option for choice questions
    (a multiple response counts each option ticked), else by right, partly right and wrong."""
    answers = [a for a in answers if a is not None]
    options = getattr(definition, "options", None)
    if definition.type == "true_false":
        return [("True", sum(a is True for a in answers)), ("False", sum(a is False for a in answers))]
    if options and definition.type in ("single_choice", "multiple_response"):
        def picked(answer: Any) -> set[str]:
            return set(answer) if isinstance(answer, list) else {answer}
        return [(o.text, sum(o.id in picked(a) for a in answers)) for o in options]
    states = [definition.grade(a).state for a in answers]
    return [("Right", states.count("correct")), ("Partly right", states.count("partial")),
            ("Wrong", states.count("incorrect"))]


@dataclass(frozen=True)
class Standing:
    """One participant's line on the leaderboard."""

    name: str
    points: float
    bonus: float

    @property
    def total(self) -> float:
        return self.points + self.bonus


def leaderboard(lines: Sequence[Standing], top: int = 10) -> list[Standing]:
    """The best `top` lines, accuracy first, the bonus breaking ties only after it adds up."""
    return sorted(lines, key=lambda s: (-s.total, -s.points, s.name.casefold()))[:top]
