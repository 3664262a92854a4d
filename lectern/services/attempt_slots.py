"""An attempt's question slots as plain rows: what a student's own pages read and write.

The attempt page, saving, the summary, submitting and the review each need every slot of the
attempt. Loaded as ORM objects (a Response and its QuestionVersion for each of 48 questions) they
cost more than the rest of those pages together, and a whole class asks for them at once; so the
pages read them here, in one query, as rows, and write back only what changed, in one statement.
(The teacher's pages, which change marks one at a time, keep using the Response objects.)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, select, update

from lectern.extensions import db
from lectern.models import QuestionVersion, Response


@dataclass(frozen=True)
class Slot:
    """One question of an attempt: the version shown and what the student did with it."""

    id: int
    position: int
    version_id: int
    digest: str
    answer: Any
    fraction: float | None
    max_points: float
    option_order: list[str] | None
    flagged: bool
    comment: str | None
    rubric_marks: list[float] | None = None  # an essay graded by its rubric: the points picked per criterion

    @property
    def version(self) -> tuple[int, str]:
        """What identifies the version's definition: its id and digest."""
        return self.version_id, self.digest

    @property
    def points(self) -> float | None:
        return None if self.fraction is None else self.fraction * self.max_points


_COLUMNS = (Response.id, Response.position, Response.question_version_id, QuestionVersion.digest, Response.answer,
            Response.fraction, Response.max_points, Response.option_order, Response.flagged, Response.comment,
            Response.rubric_marks)


# Built once (with a parameter), not on each of the many requests that read an attempt's slots.
_SLOTS = (select(*_COLUMNS).join(QuestionVersion, QuestionVersion.id == Response.question_version_id)
          .where(Response.attempt_id == bindparam("attempt_id")).order_by(Response.position))


def slots_of(attempt_id: int) -> list[Slot]:
    """The attempt's slots in position order."""
    return [Slot(*row) for row in db.session.execute(_SLOTS, {"attempt_id": attempt_id})]


def write_slots(changes: list[dict[str, Any]]) -> None:
    """Write changed values to slots, each change {"slot": id, column: value…}, one statement per set of columns.

    Not committed: the caller's unit of work (which has claimed the attempt) commits.
    """
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for change in changes:
        by_columns.setdefault(tuple(sorted(k for k in change if k != "slot")), []).append(change)
    for columns, rows in by_columns.items():
        db.session.execute(_update_of(columns), [{"slot_id": row["slot"], **{f"new_{c}": row[c] for c in columns}}
                                                 for row in rows])


@lru_cache(maxsize=16)
def _update_of(columns: tuple[str, ...]) -> Any:
    """The UPDATE of these columns by slot id, built once: SQLAlchemy then finds its compiled form
    without working out the statement's cache key again on every save."""
    table = Response.__table__
    # Parameters named apart from the columns: SQLAlchemy keeps the columns' own names for itself.
    return (update(table).where(table.c.id == bindparam("slot_id"))
            .values({column: bindparam(f"new_{column}") for column in columns}))
