"""Single choice: several options, exactly one right, each with its own feedback."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field
from pydantic_core import PydanticCustomError

from lectern.core.questions import register
from lectern.core.questions.base import (
    Grade,
    TamperedResponse,
)
from lectern.core.questions.choices import ChoiceOption, ChoiceQuestion
from lectern.core.questions.fields import ChoiceRadioField


@register
class SingleChoice(ChoiceQuestion):
    type_name = "single_choice"
    label = "Single choice"

    type: Literal["single_choice"] = "single_choice"
    options: list[ChoiceOption] = Field(min_length=2)

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[PydanticCustomError]:
        problems = super().rule_problems(data)
        options = [o for o in data.get("options") or [] if isinstance(o, dict)]
        right = sum(o.get("correct") is True for o in options)
        if right != 1:
            problems.append(PydanticCustomError(
                "one_right", f"a single-choice question needs exactly one option with correct: true "
                             f"(found {right}); use multiple_response for several right answers", {"found": right}))
        return problems

    def form_field(self) -> Any:
        return ChoiceRadioField(choices=[(o.id, o.text) for o in self.options], validate_choice=True)

    def response_from_form(self, data: Any) -> Any:
        if data in (None, ""):
            return None
        if self.option(str(data)) is None:
            raise TamperedResponse(f"{data!r} is not an option of {self.id}")
        return str(data)

    def grade(self, response: Any) -> Grade:
        chosen = self.option(response)
        if chosen is None:
            return Grade(0.0)
        return Grade(1.0 if chosen.correct else 0.0, tuple(filter(None, [chosen.feedback])))

    def describe_response(self, response: Any) -> str:
        chosen = self.option(response)
        return chosen.text if chosen else "(an option that no longer exists)"

    def right_answer(self) -> str:
        return next(o.text for o in self.options if o.correct)
