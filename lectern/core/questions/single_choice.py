"""Single choice: several options, exactly one right, each with its own feedback."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

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

    @model_validator(mode="after")
    def _one_right(self) -> SingleChoice:
        right = sum(o.correct for o in self.options)
        if right != 1:
            raise ValueError(
                f"a single-choice question needs exactly one option with correct: true "
                f"(found {right}); use multiple_response for several right answers"
            )
        return self

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
