"""The rules of taking a quiz, as plain functions: when an attempt may start, when it must end,
how its questions are paged, and the order its options are shown in."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

# A request that arrives this long after the deadline still counts as on time: the
# countdown script submits at zero, and the network needs a moment to carry it.
GRACE = timedelta(seconds=30)

DATE_FORMAT = "%d %b %Y, %H:%M UTC"


@dataclass(frozen=True)
class Window:
    """When a quiz can be taken; None on either side means no limit there."""

    opens_at: datetime | None = None
    closes_at: datetime | None = None


def utc_text(moment: datetime) -> str:
    """A naive-UTC time written as UTC; the web passes the viewer's clock instead."""
    return moment.strftime(DATE_FORMAT)


def start_refusal(window: Window, now: datetime, attempts_made: int, attempts_allowed: int | None,
                  show_time: Callable[[datetime], str] = utc_text) -> str | None:
    """Why a new attempt may not start now, in words for the student; None when it may.

    show_time writes a date for the reader (their local time on a page), keeping this pure."""
    if window.opens_at is not None and now < window.opens_at:
        return f"This quiz opens on {show_time(window.opens_at)}. Come back then."
    if window.closes_at is not None and now >= window.closes_at:
        return f"This quiz closed on {show_time(window.closes_at)}; it takes no new attempts."
    if attempts_allowed is not None and attempts_made >= attempts_allowed:
        allowed = "one attempt" if attempts_allowed == 1 else f"{attempts_allowed} attempts"
        return f"This quiz allows {allowed}, and you have used them all."
    return None


def deadline(started_at: datetime, time_limit_minutes: int | None, closes_at: datetime | None) -> datetime | None:
    """When an attempt must end: the time limit from its start, but never after the close date."""
    ends = [closes_at] if closes_at is not None else []
    if time_limit_minutes:
        ends.append(started_at + timedelta(minutes=time_limit_minutes))
    return min(ends) if ends else None


def overdue(deadline: datetime | None, now: datetime) -> bool:
    """Whether an attempt with this deadline is past it, grace included."""
    return deadline is not None and now > deadline + GRACE


def seconds_left(deadline: datetime | None, now: datetime) -> int | None:
    """Whole seconds until the deadline (0 once it has passed); None without one."""
    if deadline is None:
        return None
    return max(0, int((deadline - now).total_seconds()))


def paginate(count: int, per_page: int) -> list[list[int]]:
    """The question positions (1..count) of each page; per_page 0 puts them all on one."""
    positions = list(range(1, count + 1))
    if per_page <= 0 or count == 0:
        return [positions]
    return [positions[i:i + per_page] for i in range(0, count, per_page)]


def shuffled_option_ids(definition: Any, rng: random.Random) -> list[str] | None:
    """A random order for a question's options, or None for a type whose options have no order to shuffle.

    Only types with a list of `options` (single choice, multiple response) qualify: the
    others already show their choices in an order that says nothing (sorted, or true/false).
    """
    options = getattr(definition, "options", None)
    if not options:
        return None
    ids = [option.id for option in options]
    rng.shuffle(ids)
    return ids
