"""The options of a choice question and the ones a stored answer picked, as option ids."""

from __future__ import annotations

from typing import Any

from lectern.core.questions.base import QuestionDefinition
from lectern.core.questions.multiple_response import MultipleResponse
from lectern.core.questions.single_choice import SingleChoice
from lectern.core.questions.true_false import TrueFalse


def chosen_option_ids(definition: QuestionDefinition, answer: Any) -> frozenset[str]:
    """The option ids a stored answer picked (empty when unanswered)."""
    if answer is None:
        return frozenset()
    if isinstance(definition, TrueFalse):
        return frozenset({"true" if answer else "false"})
    if isinstance(definition, MultipleResponse):
        return frozenset(str(a) for a in answer)
    return frozenset({str(answer)})


def choice_options(definition: QuestionDefinition) -> list[tuple[str, str, bool]]:
    """(id, text, right) for each option of a choice question; empty for other types."""
    if isinstance(definition, TrueFalse):
        return [("true", "True", definition.answer), ("false", "False", not definition.answer)]
    if isinstance(definition, SingleChoice):
        return [(o.id, o.text, o.correct) for o in definition.options]
    if isinstance(definition, MultipleResponse):
        fractions = definition.fractions()
        return [(o.id, o.text, fractions[o.id] > 0) for o in definition.options]
    return []
