"""Short answer: a typed word or phrase, checked against listed accepted answers.

Case, surrounding spaces, repeated spaces, curly quotes and trailing punctuation
do not matter. A `*` in an accepted answer matches any run of characters, as in
Moodle. The best matching answer gives the credit and its feedback.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError
from wtforms import StringField
from wtforms.validators import Length

from lectern.core.article import fold_typography
from lectern.core.questions import register
from lectern.core.questions.base import Grade, Part, QuestionDefinition, Text

_TRAILING = ".,;:!?…\"')]"


def normalise_answer(text: str) -> str:
    """The form of a typed answer that matching compares."""
    text = fold_typography(unicodedata.normalize("NFKC", text)).casefold()
    text = " ".join(text.split())
    return text.rstrip(_TRAILING).strip().lstrip("\"'([").strip()


class Answer(Part):
    text: Text
    credit: float = Field(default=100, ge=0, le=100)
    feedback: str | None = None

    def matches(self, typed: str) -> bool:
        wanted = normalise_answer(self.text)
        if "*" not in wanted:
            return normalise_answer(typed) == wanted
        pattern = ".*".join(re.escape(piece) for piece in wanted.split("*"))
        return re.fullmatch(pattern, normalise_answer(typed)) is not None


@register
class ShortAnswer(QuestionDefinition):
    type_name = "short_answer"
    label = "Short answer"

    type: Literal["short_answer"] = "short_answer"
    answers: list[Answer] = Field(min_length=1)

    @model_validator(mode="after")
    def _follow_rules(self) -> ShortAnswer:
        self._apply_rules()
        return self

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[PydanticCustomError]:
        answers = [a for a in data.get("answers") or [] if isinstance(a, dict)]
        credits = [a.get("credit", 100) for a in answers]
        problems = []
        if answers and all(isinstance(c, (int, float)) for c in credits) and 100 not in credits:
            problems.append(PydanticCustomError(
                "full_answer", "at least one accepted answer needs credit 100 (the default)"))
        for n, (a, c) in enumerate(zip(answers, credits)):
            if isinstance(a.get("text"), str) and a["text"].strip() and not a["text"].strip("* ") \
                    and isinstance(c, (int, float)) and c > 0:
                problems.append(PydanticCustomError(
                    "star_only", "an answer of only '*' would accept anything; give it credit 0 or remove it",
                    {"answer": n}))
        return problems

    def form_field(self) -> Any:
        return StringField(validators=[Length(max=500, message="Keep the answer under 500 characters.")])

    def response_from_form(self, data: Any) -> Any:
        text = (data or "").strip()
        return text or None

    def best_match(self, typed: str) -> Answer | None:
        matching = [a for a in self.answers if a.matches(typed)]
        return max(matching, key=lambda a: a.credit, default=None)

    def grade(self, response: Any) -> Grade:
        best = self.best_match(response)
        if best is None:
            return Grade(0.0)
        return Grade(best.credit / 100, tuple(filter(None, [best.feedback])))

    def describe_response(self, response: Any) -> str:
        return str(response)

    def right_answer(self) -> str:
        full = [a.text for a in self.answers if a.credit == 100]
        return full[0] + (f" (also accepted: {', '.join(full[1:])})" if full[1:] else "")
