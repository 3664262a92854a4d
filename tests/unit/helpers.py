"""Small builders shared by the unit tests (plain functions, no app, no database)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from wtforms import Form

from lectern.core.banks import Bank, read_bank
from lectern.core.questions import QuestionDefinition, parse_question
from tests.conftest import MINI_BANK

COMMON: dict[str, Any] = {
    "prompt": "What does the article say?",
    "explanation": "The article says so.",
    "evidence": [{"paragraph": 1, "quote": "Berlin"}],
}


def question(type_name: str, qid: str = "q", **fields: Any) -> QuestionDefinition:
    """A valid question of a type with the common fields filled in."""
    return parse_question({"id": qid, "type": type_name, **COMMON, **fields})


@lru_cache(maxsize=1)
def mini() -> Bank:
    """The small test bank, read once."""
    return read_bank(MINI_BANK)


def mini_question(qid: str) -> QuestionDefinition:
    found = mini().question(qid)
    assert found is not None, f"the mini bank has no question {qid!r}"
    return found


def bound_field(q: QuestionDefinition) -> Any:
    """The question's answer field, bound to a form as the web layer binds it."""

    class F(Form):
        answer = q.form_field()

    return F().answer


def offered(field: Any) -> list[tuple[str, str]]:
    """(value, label) of the choices a bound select/radio/checkbox field offers."""
    return [(c.value, c.label) for c in field.choices]


def render(q: QuestionDefinition) -> str:
    return str(bound_field(q))
