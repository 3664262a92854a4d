"""Essay: an open response a teacher grades; the review shows a model answer."""

from __future__ import annotations

from typing import Any, Literal

from wtforms import TextAreaField
from wtforms.validators import Length

from lectern.core.questions import register
from lectern.core.questions.base import Grade, QuestionDefinition, Text

MAX_ESSAY_CHARS = 10_000


@register
class Essay(QuestionDefinition):
    type_name = "essay"
    label = "Essay (teacher-graded)"

    type: Literal["essay"] = "essay"
    model_answer: Text

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
