"""Numeric: a number, right within a tolerance; "800,000", "800 000" and "800000" agree."""

from __future__ import annotations

import math
import re
from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError
from wtforms import StringField, ValidationError

from lectern.core.questions import register
from lectern.core.questions.base import Grade, Part, QuestionDefinition

_GROUPED_SPACE = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?:\.\d+)?")
_GROUPED_COMMA = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_HEDGE = re.compile(r"^(?:about|approximately|approx\.?|around|roughly|nearly|some|~|≈)\s*", re.IGNORECASE)
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def parse_number(text: str) -> float | None:
    """Read a number the ways people write it; None when it is not one.

    Thousands may be grouped with commas or spaces; a single comma followed by
    other than three digits is a decimal comma ("2,5").
    """
    s = text.strip().replace("\u00a0", " ").replace("\u202f", " ").replace("\u2212", "-")
    s = re.sub(r"\s+", " ", s)
    if _GROUPED_SPACE.fullmatch(s):
        s = s.replace(" ", "")
    elif _GROUPED_COMMA.fullmatch(s):
        s = s.replace(",", "")
    elif _DECIMAL_COMMA.fullmatch(s):
        s = s.replace(",", ".")
    if not _PLAIN.fullmatch(s):
        return None
    value = float(s)
    return value if math.isfinite(value) else None


def _number_text(value: float) -> str:
    """A number as a reader writes it: grouped thousands, no exponent, no trailing .0."""
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


class NumericAnswer(Part):
    value: float = Field(allow_inf_nan=False)
    tolerance: float = Field(ge=0, allow_inf_nan=False)
    credit: float = Field(default=100, ge=0, le=100)
    feedback: str | None = None

    def accepts(self, number: float) -> bool:
        # A relative epsilon keeps 0.1 + 0.2 style rounding from failing a tolerance of 0.
        return abs(number - self.value) <= self.tolerance + 1e-9 * max(1.0, abs(self.value))


@register
class Numeric(QuestionDefinition):
    type_name = "numeric"
    label = "Numeric"

    type: Literal["numeric"] = "numeric"
    answers: list[NumericAnswer] = Field(min_length=1)
    unit: str | None = None

    @model_validator(mode="after")
    def _follow_rules(self) -> Numeric:
        self._apply_rules()
        return self

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[PydanticCustomError]:
        credits = [a.get("credit", 100) for a in data.get("answers") or [] if isinstance(a, dict)]
        if credits and all(isinstance(c, (int, float)) for c in credits) and 100 not in credits:
            return [PydanticCustomError("full_answer", "at least one answer needs credit 100 (the default)")]
        return []

    def without_unit(self, text: str) -> str:
        """The number part of an answer: hedges like "about" and the question's unit removed."""
        text = _HEDGE.sub("", text.strip())
        if self.unit and text.casefold().endswith(self.unit.casefold()):
            text = text[: -len(self.unit)]
        return text

    def form_field(self) -> Any:
        def is_number(form: Any, field: Any) -> None:
            if field.data and field.data.strip() and parse_number(self.without_unit(field.data)) is None:
                raise ValidationError("Enter a number using digits, for example 800,000 or 2.5.")

        return StringField(validators=[is_number])

    def response_from_form(self, data: Any) -> Any:
        text = (data or "").strip()
        return text or None

    def grade(self, response: Any) -> Grade:
        number = parse_number(self.without_unit(str(response)))
        if number is None:
            return Grade(0.0)
        fitting = [a for a in self.answers if a.accepts(number)]
        best = max(fitting, key=lambda a: a.credit, default=None)
        if best is None:
            return Grade(0.0)
        return Grade(best.credit / 100, tuple(filter(None, [best.feedback])))

    def describe_response(self, response: Any) -> str:
        return str(response)

    def right_answer(self) -> str:
        best = next(a for a in self.answers if a.credit == 100)
        text = _number_text(best.value)
        if best.tolerance:
            text += f" (± {_number_text(best.tolerance)})"
        return text + (f" {self.unit}" if self.unit else "")
