"""What the choice types share: options lettered a, b, c… and each different from the rest."""

from __future__ import annotations

from typing import Any

from pydantic import field_validator, model_validator

from lectern.core.questions.base import Part, QuestionDefinition, Text, letter_ids, require_unique


class ChoiceOption(Part):
    """An option a student can pick, right or not, with feedback for picking it."""

    id: Text
    text: Text
    correct: bool = False
    feedback: str | None = None


class ChoiceQuestion(QuestionDefinition):
    """Base of the types answered by picking options (subclasses declare `options`)."""

    options: list[Any]

    @field_validator("options", mode="before")
    @classmethod
    def _default_ids(cls, value: Any) -> Any:
        return letter_ids(value)

    @model_validator(mode="after")
    def _distinct_options(self) -> ChoiceQuestion:
        require_unique([o.id for o in self.options], "option id")
        require_unique([o.text for o in self.options], "option text")
        return self

    def option(self, option_id: str) -> Any:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)
