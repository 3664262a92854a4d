"""Matching: pair each item with its match from one shared list (with distractors).

The list of matches is sorted alphabetically, so its order says nothing about the
pairs. Each right pair earns an equal share of the mark.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError
from wtforms import Form, FormField

from lectern.core.questions import register
from lectern.core.questions.base import (
    Described,
    Grade,
    Part,
    QuestionDefinition,
    TamperedResponse,
    Text,
    duplicates,
    stable_id,
)
from lectern.core.questions.fields import ChoiceSelectField


class Pair(Part):
    item: Text
    match: Text


@register
class Matching(QuestionDefinition):
    type_name = "matching"
    label = "Matching"

    type: Literal["matching"] = "matching"
    pairs: list[Pair] = Field(min_length=2)
    distractors: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _follow_rules(self) -> Matching:
        self._apply_rules()
        return self

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[PydanticCustomError]:
        pairs = [p for p in data.get("pairs") or [] if isinstance(p, dict)]
        distractors = data.get("distractors") or []
        return (duplicates([p.get("item") for p in pairs], "item")
                + duplicates([p.get("match") for p in pairs] + list(distractors), "match"))

    def item_ids(self) -> list[str]:
        return [f"i{n}" for n in range(1, len(self.pairs) + 1)]

    def choices(self) -> list[tuple[str, str]]:
        """(id, text) of every match and distractor, alphabetically."""
        texts = sorted({p.match for p in self.pairs} | set(self.distractors), key=str.casefold)
        return [(stable_id(t), t) for t in texts]

    def form_field(self) -> Any:
        choices = [("", "Choose…")] + self.choices()

        class PairsForm(Form):
            pass

        for item_id, pair in zip(self.item_ids(), self.pairs):
            setattr(PairsForm, item_id, ChoiceSelectField(pair.item, choices=choices, default=""))
        return FormField(PairsForm, separator="-")

    def response_from_form(self, data: Any) -> Any:
        offered = {cid for cid, _ in self.choices()}
        chosen = {k: v for k, v in (data or {}).items() if k in self.item_ids() and v}
        if any(v not in offered for v in chosen.values()):
            raise TamperedResponse(f"a match not offered in {self.id}")
        return chosen or None

    def form_data(self, response: Any) -> Any:
        return response or {}

    def grade(self, response: Any) -> Grade:
        right = sum(
            response.get(item_id) == stable_id(pair.match)
            for item_id, pair in zip(self.item_ids(), self.pairs)
        )
        return Grade(right / len(self.pairs))

    def describe_response(self, response: Any) -> str:
        return Described(self.describe_response_parts(response))

    def describe_response_parts(self, response: Any) -> list[str]:
        """Each item with the match the student chose for it."""
        names = dict(self.choices())
        return [f"{pair.item} → {names.get(response.get(item_id, ''), '(none)')}"
                for item_id, pair in zip(self.item_ids(), self.pairs)]

    def right_answer(self) -> str:
        return Described(self.right_answer_parts())

    def right_answer_parts(self) -> list[str]:
        """Each item with its right match."""
        return [f"{p.item} → {p.match}" for p in self.pairs]
