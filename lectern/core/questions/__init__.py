"""The registry of question types: one module per type, looked up by its `type` name."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from lectern.core.questions.base import (
    SKILLS,
    Evidence,
    Grade,
    QuestionDefinition,
    TamperedResponse,
)

QUESTION_TYPES: dict[str, type[QuestionDefinition]] = {}


def register(cls: type[QuestionDefinition]) -> type[QuestionDefinition]:
    """Class decorator: make a question type available under its type name."""
    QUESTION_TYPES[cls.type_name] = cls
    return cls


class UnknownType(ValueError):
    pass


def question_class(type_name: Any) -> type[QuestionDefinition]:
    """The class for a type name, or UnknownType naming the types there are."""
    try:
        return QUESTION_TYPES[type_name]
    except (KeyError, TypeError):
        names = ", ".join(sorted(QUESTION_TYPES))
        raise UnknownType(f"unknown question type {type_name!r}; use one of: {names}") from None


def parse_question(data: dict[str, Any], imported: bool = False) -> QuestionDefinition:
    """Validate plain data as a question of the type it names (pydantic ValidationError).

    imported=True lets an explanation or evidence be missing, as in a GIFT or Moodle file.
    """
    return question_class(data.get("type")).model_validate(data, context={"imported": imported})


# Importing the type modules registers them; the order is the order types are offered in,
# so the import is kept in this order rather than sorted.
from lectern.core.questions import (  # noqa: F401, I001
    single_choice,
    multiple_response,
    true_false,
    short_answer,
    numeric,
    matching,
    ordering,
    essay,
    cloze,
)

__all__ = [
    "QUESTION_TYPES", "SKILLS", "Evidence", "Grade", "QuestionDefinition",
    "TamperedResponse", "UnknownType", "ValidationError", "parse_question",
    "question_class", "register",
]
