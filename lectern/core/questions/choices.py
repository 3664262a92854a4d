"""What the choice types share: options with ids, each different from the rest.

An option's id is what a stored response names, so it stays with the option's text
for good: a bank file may leave ids out (they are then a, b, c… by position), but
the editor keeps each option's id through rewording, reordering and removals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import field_validator, model_validator
from pydantic_core import PydanticCustomError

from lectern.core.questions.base import Part, QuestionDefinition, Text, duplicates, letter_ids


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
    def _follow_rules(self) -> ChoiceQuestion:
        self._apply_rules()
        return self

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[PydanticCustomError]:
        options = [o for o in data.get("options") or [] if isinstance(o, dict)]
        return (duplicates([o.get("id") for o in options], "option id")
                + duplicates([o.get("text") for o in options], "option text"))

    def option(self, option_id: str) -> Any:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)


def option_id(position: int) -> str:
    """The id a bank file's option gets by its position: a, b, c… then o27, o28…"""
    return chr(ord("a") + position) if position < 26 else f"o{position + 1}"


def assign_option_ids(posted: Sequence[str | None], current: Iterable[str], ever_used: Iterable[str]) -> list[str]:
    """Ids for the options of an edit, in order: each keeps its own, a new one gets a fresh one.

    posted holds the id each option came with (None for an option just added). Only an id
    the question has now is kept, once; any other gets the first id never used by the
    question, so a response that chose a removed option can never name a new one.
    """
    keep, taken = set(current), set(ever_used) | set(current)
    ids: list[str] = []
    for given in posted:
        if given in keep and given not in ids:
            ids.append(given)
            continue
        position = 0
        while option_id(position) in taken or option_id(position) in ids:
            position += 1
        ids.append(option_id(position))
        taken.add(ids[-1])
    return ids
