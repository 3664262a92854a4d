"""Multiple response: tick every right option; partial credit by Moodle's rule.

Each option carries a credit in percent (negative for wrong options). A response
scores the sum of the ticked options' credits, clamped to 0..100%. Where an author
only marks options correct, the right ones share 100% and each wrong one costs
as much as one right one earns, so ticking everything does not pay.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from lectern.core.questions import register
from lectern.core.questions.base import (
    Described,
    Grade,
    TamperedResponse,
)
from lectern.core.questions.choices import ChoiceOption, ChoiceQuestion
from lectern.core.questions.fields import ChoiceCheckboxField


class Option(ChoiceOption):
    credit: float | None = Field(default=None, ge=-100, le=100)

    @model_validator(mode="before")
    @classmethod
    def _credit_implies_correct(cls, data: Any) -> Any:
        # With a credit, `correct` may be left out: a positive credit is what makes it right.
        if isinstance(data, dict) and "correct" not in data and isinstance(data.get("credit"), (int, float)):
            return {**data, "correct": data["credit"] > 0}
        return data


@register
class MultipleResponse(ChoiceQuestion):
    type_name = "multiple_response"
    label = "Multiple response"

    type: Literal["multiple_response"] = "multiple_response"
    options: list[Option] = Field(min_length=2)

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[PydanticCustomError]:
        problems = super().rule_problems(data)
        options = [o for o in data.get("options") or [] if isinstance(o, dict)]
        credits = [o.get("credit") for o in options]
        numbers = [c if isinstance(c, (int, float)) and not isinstance(c, bool) else None for c in credits]
        right = [o.get("correct") if "correct" in o else (n is not None and n > 0) for o, n in zip(options, numbers)]
        if options and not any(r is True or (n or 0) > 0 for r, n in zip(right, numbers)):
            problems.append(PydanticCustomError("none_right", "mark at least one option with correct: true"))
        for o, r, n in zip(options, right, numbers):
            if n is not None and isinstance(r, bool) and r != (n > 0):
                problems.append(PydanticCustomError(
                    "credit_contradicts",
                    f"option {o.get('id')!r}: correct: {str(r).lower()} contradicts credit "
                    f"{n:g}; right options have a positive credit, wrong ones zero or less", {"option": o.get("id")}))
        given = [c for c in credits if c is not None]
        if given and len(given) != len(options):
            problems.append(PydanticCustomError("credits_all_or_none", "give a credit to every option or to none"))
        total = sum(n for n in numbers if n is not None and n > 0)
        if given and len(given) == len(options) and all(n is not None for n in numbers) and abs(total - 100) > 0.01:
            problems.append(PydanticCustomError(
                "credits_total", f"the positive credits add up to {total:g}%, not 100%; "
                                 "change them so that ticking every right option earns exactly 100%", {"total": total}))
        return problems

    def fractions(self) -> dict[str, float]:
        """Each option's fraction of the mark, from its credit or its correct flag."""
        if self.options[0].credit is not None:
            return {o.id: (o.credit or 0) / 100 for o in self.options}
        share = 1 / sum(o.correct for o in self.options)
        return {o.id: share if o.correct else -share for o in self.options}

    def form_field(self) -> Any:
        return ChoiceCheckboxField(choices=[(o.id, o.text) for o in self.options])

    def response_from_form(self, data: Any) -> Any:
        ticked = [str(v) for v in (data or [])]
        ids = [o.id for o in self.options]
        if any(t not in ids for t in ticked):
            raise TamperedResponse(f"{ticked!r} are not all options of {self.id}")
        # Stored in option order so equal responses compare equal.
        return [i for i in ids if i in ticked] or None

    def grade(self, response: Any) -> Grade:
        fractions = self.fractions()
        total = sum(fractions.get(r, 0.0) for r in response)
        feedback = tuple(o.feedback for o in self.options if o.id in response and o.feedback)
        return Grade(min(1.0, max(0.0, round(total, 9))), feedback)

    def describe_response(self, response: Any) -> str:
        return Described(self.describe_response_parts(response))

    def describe_response_parts(self, response: Any) -> list[str]:
        """The ticked options' texts, in option order."""
        return [o.text for o in self.options if o.id in response]

    def right_answer(self) -> str:
        return Described(self.right_answer_parts())

    def right_answer_parts(self) -> list[str]:
        """The texts of the options that earn credit."""
        fractions = self.fractions()
        return [o.text for o in self.options if fractions[o.id] > 0]
