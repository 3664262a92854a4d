"""Ordering: put items in the order the article gives (events, steps, arguments).

Items are shown alphabetically and answered by giving each a position, which works
without JavaScript. Grading gives partial credit as Moodle's "relative to the next
item" does: one share for each item directly followed by the item that follows it
in the right order.
"""

from __future__ import annotations

import itertools
from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError
from wtforms import Form, FormField

from lectern.core.questions import register
from lectern.core.questions.base import (
    Grade,
    QuestionDefinition,
    TamperedResponse,
    Text,
    duplicates,
    stable_id,
)
from lectern.core.questions.fields import ChoiceSelectField


@register
class Ordering(QuestionDefinition):
    type_name = "ordering"
    label = "Ordering"

    type: Literal["ordering"] = "ordering"
    items: list[Text] = Field(min_length=3)

    @model_validator(mode="after")
    def _follow_rules(self) -> Ordering:
        self._apply_rules()
        return self

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[PydanticCustomError]:
        return duplicates(list(data.get("items") or []), "item")

    def shown(self) -> list[tuple[str, str]]:
        """(id, text) of the items in the order they are shown."""
        return sorted(((stable_id(t), t) for t in self.items), key=lambda p: p[1].casefold())

    def form_field(self) -> Any:
        positions = [("", "Position…")] + [(str(n), str(n)) for n in range(1, len(self.items) + 1)]

        class PositionsForm(Form):
            def validate(self, extra_validators=None) -> bool:  # type: ignore[override]
                ok = super().validate(extra_validators)
                used = [f.data for f in self if f.data]
                if len(used) != len(set(used)):
                    ok = False
                    self.form_errors.append("Give each item a different position.")
                return ok

        for item_id, text in self.shown():
            setattr(PositionsForm, item_id, ChoiceSelectField(text, choices=positions, default=""))
        return FormField(PositionsForm, separator="-")

    def response_from_form(self, data: Any) -> Any:
        ids = {i for i, _ in self.shown()}
        chosen = {k: v for k, v in (data or {}).items() if k in ids and v}
        if not chosen:
            return None
        try:
            positions = {k: int(v) for k, v in chosen.items()}
        except ValueError:
            raise TamperedResponse(f"a position that is not a number in {self.id}") from None
        if any(not 1 <= p <= len(self.items) for p in positions.values()):
            raise TamperedResponse(f"a position out of range in {self.id}")
        # Stored as the ids in the order the student gave; unplaced items go last.
        return sorted(ids, key=lambda i: (positions.get(i, len(self.items) + 1), i))

    def form_data(self, response: Any) -> Any:
        return {item_id: str(n) for n, item_id in enumerate(response or [], start=1)}

    def grade(self, response: Any) -> Grade:
        right = [stable_id(t) for t in self.items]
        successor = dict(itertools.pairwise(right))
        hits = sum(successor.get(a) == b for a, b in itertools.pairwise(response))
        return Grade(hits / (len(self.items) - 1))

    def describe_response(self, response: Any) -> str:
        names = dict(self.shown())
        return " → ".join(names.get(i, "?") for i in response)

    def right_answer(self) -> str:
        return " → ".join(self.items)


