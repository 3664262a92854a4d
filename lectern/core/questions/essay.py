"""Essay: an open response a teacher grades; the review shows a model answer.

An essay may carry a rubric: criteria, each with levels that say what an answer at
that level does and how many points it earns. A teacher grading by rubric picks one
level per criterion; the essay's fraction is the points picked over the most the
rubric allows (so a rubric's scale need not match the question's points).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError
from wtforms import TextAreaField
from wtforms.validators import Length

from lectern.core.questions import register
from lectern.core.questions.base import Grade, Part, QuestionDefinition, Text

MAX_ESSAY_CHARS = 10_000


class RubricLevel(Part):
    """One level of a criterion: the points it earns and what an answer at that level does."""

    points: float = Field(ge=0, le=100)
    description: Text


class RubricCriterion(Part):
    """One thing the teacher judges, with its levels from the lowest to the highest."""

    criterion: Text
    levels: list[RubricLevel] = Field(min_length=2, max_length=6)

    @field_validator("levels")
    @classmethod
    def _rising(cls, levels: list[RubricLevel]) -> list[RubricLevel]:
        points = [level.points for level in levels]
        if points != sorted(set(points)):
            raise PydanticCustomError(
                "levels_order", "list the levels from the fewest points to the most, each with different points")
        return levels

    @property
    def max_points(self) -> float:
        return self.levels[-1].points


def rubric_fraction(rubric: list[RubricCriterion], picked: Mapping[int, float]) -> float:
    """The essay's fraction for the points picked per criterion (by index): their sum over the rubric's most."""
    most = sum(criterion.max_points for criterion in rubric)
    return sum(picked.values()) / most if most else 0.0


@register
class Essay(QuestionDefinition):
    type_name = "essay"
    label = "Essay (teacher-graded)"

    type: Literal["essay"] = "essay"
    model_answer: Text
    rubric: list[RubricCriterion] = Field(default_factory=list, max_length=10)

    @field_validator("rubric")
    @classmethod
    def _scored(cls, rubric: list[RubricCriterion]) -> list[RubricCriterion]:
        if rubric and sum(criterion.max_points for criterion in rubric) <= 0:
            raise PydanticCustomError("rubric_empty", "a rubric's top levels must give some points")
        names = [criterion.criterion.casefold() for criterion in rubric]
        if len(set(names)) != len(names):
            raise PydanticCustomError("rubric_duplicate", "give each rubric criterion a different name")
        return rubric

    def form_field(self) -> Any:
        return TextAreaField(validators=[Length(max=MAX_ESSAY_CHARS, message=(
            f"Keep the answer under {MAX_ESSAY_CHARS:,} characters."))])

    def response_from_form(self, data: Any) -> Any:
        text = (data or "").strip()
        return text or None

    def grade(self, response: Any) -> Grade:
        return Grade(None)

    def describe_response(self, response: Any) -> str:
        return str(response)

    def right_answer(self) -> str:
        return self.model_answer
