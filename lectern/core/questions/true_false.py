"""True/false: a statement about the article, with feedback for either answer."""

from __future__ import annotations

from typing import Any, Literal

from lectern.core.questions import register
from lectern.core.questions.base import Grade, QuestionDefinition, TamperedResponse
from lectern.core.questions.fields import ChoiceRadioField

_WORDS = {True: "True", False: "False"}


@register
class TrueFalse(QuestionDefinition):
    type_name = "true_false"
    label = "True/false"

    type: Literal["true_false"] = "true_false"
    answer: bool
    feedback_true: str | None = None
    feedback_false: str | None = None

    def form_field(self) -> Any:
        return ChoiceRadioField(choices=[("true", "True"), ("false", "False")])

    def response_from_form(self, data: Any) -> Any:
        if data in (None, ""):
            return None
        if data not in ("true", "false"):
            raise TamperedResponse(f"{data!r} is neither true nor false")
        return data == "true"

    def form_data(self, response: Any) -> Any:
        return None if response is None else ("true" if response else "false")

    def grade(self, response: Any) -> Grade:
        feedback = self.feedback_true if response else self.feedback_false
        return Grade(1.0 if response == self.answer else 0.0, tuple(filter(None, [feedback])))

    def describe_response(self, response: Any) -> str:
        return _WORDS[bool(response)]

    def right_answer(self) -> str:
        return _WORDS[self.answer]
