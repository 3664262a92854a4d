"""What the review of an attempt (or of one practised question) shows, question by question."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from lectern.core.questions import QuestionDefinition
from lectern.core.questions.base import Grade
from lectern.models import Attempt
from lectern.services.attempt_slots import Slot, slots_of
from lectern.services.question_versions import definitions_for


@dataclass(frozen=True)
class ReviewItem:
    """Everything the review page shows about one question of a submitted attempt."""

    position: int
    definition: QuestionDefinition
    answered: bool
    answer_text: str | None
    state: str
    points: float | None
    max_points: float
    right_answer: str
    feedback: tuple[str, ...]
    comment: str | None = None  # a teacher's comment on a graded essay (Markdown)
    rubric_marks: tuple[float, ...] | None = None  # an essay graded by its rubric: the points per criterion
    version: tuple[int, str] | None = None  # the version's id and digest, when it is a stored attempt's


def review_item(position: int, definition: QuestionDefinition, answer: Any, *, stored_fraction: float | None = None,
                points: float | None = None, max_points: float | None = None, comment: str | None = None) -> ReviewItem:
    """What a review shows of one answered (or unanswered) question.

    stored_fraction is the stored mark: a teacher's, for an essay or an answer whose mark they changed.
    """
    answered = answer is not None
    grade = definition.grade_or_unanswered(answer)
    # A teacher's mark (an essay graded, or an answer's mark changed by hand) is the mark.
    if stored_fraction is not None and (grade.fraction is None or abs(grade.fraction - stored_fraction) > 1e-9):
        grade = Grade(stored_fraction, grade.feedback)
    return ReviewItem(
        position=position,
        definition=definition,
        answered=answered,
        answer_text=definition.describe_response(answer) if answered else None,
        state=grade.state if answered else "unanswered",
        points=points,
        max_points=definition.points if max_points is None else max_points,
        right_answer=definition.right_answer(),
        feedback=grade.feedback,
        comment=comment,
    )


def review_items(attempt: Attempt) -> list[ReviewItem]:
    """The review of a submitted attempt, question by question, as the student saw them.

    A slot without a stored mark is marked as submitting marks it: an essay stays unmarked,
    and an attempt shown as its deadline will submit it (overdue_attempts) gets its marks.
    """
    slots = slots_of(attempt.id)
    return [replace(review_item(s.position, definition, s.answer, stored_fraction=s.fraction,
                                points=_points(s, definition), max_points=s.max_points, comment=s.comment),
                    version=s.version, rubric_marks=tuple(s.rubric_marks) if s.rubric_marks else None)
            for s, definition in zip(slots, definitions_for(s.version for s in slots))]


def _points(slot: Slot, definition: QuestionDefinition) -> float | None:
    fraction = slot.fraction if slot.fraction is not None else definition.grade_or_unanswered(slot.answer).fraction
    return None if fraction is None else fraction * slot.max_points
