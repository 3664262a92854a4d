"""What every question type shares: the common definition fields, grades and responses.

A type is a pydantic model (its definition rules) with four behaviours: the form
field a student answers in, turning that field's data into a response, grading a
response to a fraction in 0..1, and describing responses and answers for review.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from lectern.core.item_rules import RULES, unknown_rules

Skill = Literal["locate", "understand", "evaluate"]
Difficulty = Literal["easy", "medium", "hard"]
SKILLS: tuple[str, ...] = ("locate", "understand", "evaluate")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
QuestionId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80),
]


class TamperedResponse(Exception):
    """A submitted value no honest form could send (an option id not in the question)."""


class Evidence(BaseModel):
    """A passage of the article that proves the answer: a paragraph number and a quote."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    paragraph: int = Field(ge=1)
    quote: Text


class Part(BaseModel):
    """Base of the small pieces inside a question (options, answers, pairs)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Grade:
    """The outcome of grading one response.

    fraction is None when a teacher must grade the response (an essay).
    """

    fraction: float | None
    feedback: tuple[str, ...] = field(default_factory=tuple)

    @property
    def state(self) -> str:
        if self.fraction is None:
            return "needs_grading"
        if self.fraction >= 1 - 1e-9:
            return "correct"
        if self.fraction <= 1e-9:
            return "incorrect"
        return "partial"


UNANSWERED = Grade(0.0)


class Described(str):
    """Words for a review that keep their separate parts, so a page can show them as a list.

    It is still the plain text ("A; B") everywhere a string is wanted, as in CSV exports.
    """

    parts: tuple[str, ...]

    def __new__(cls, parts: Sequence[str], separator: str = "; ") -> Self:
        text = super().__new__(cls, separator.join(parts))
        text.parts = tuple(parts)
        return text


def _imported(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("imported"))


def stable_id(text: str) -> str:
    """A short id derived from text, which says nothing about where the text sits."""
    return "x" + hashlib.sha256(text.encode()).hexdigest()[:8]


class QuestionDefinition(BaseModel):
    """The fields every question has, whatever its type."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type_name: ClassVar[str]
    label: ClassVar[str]

    id: QuestionId
    type: str
    prompt: Text
    # Required in banks and in the editor; a question imported from GIFT or Moodle XML may
    # arrive without them (validated with context {"imported": True}) and is flagged until
    # a teacher ties it to the text.
    explanation: Text | None = Field(default=None, validate_default=True)
    evidence: list[Evidence] = Field(default_factory=list, validate_default=True)
    skill: Skill | None = None
    difficulty: Difficulty | None = None
    tags: list[Text] = Field(default_factory=list)
    points: float = Field(default=1.0, gt=0, le=100)
    # Item-writing warnings (lectern.core.item_rules) a teacher has looked at and kept on purpose.
    accept_warnings: list[str] = Field(default_factory=list)

    @field_validator("explanation")
    @classmethod
    def _explained(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and not _imported(info):
            raise PydanticCustomError("missing", "Field required")
        return value

    @field_validator("evidence")
    @classmethod
    def _evidenced(cls, value: list[Evidence], info: ValidationInfo) -> list[Evidence]:
        if not value and not _imported(info):
            raise PydanticCustomError(
                "too_short", "give at least one evidence quote (paragraph and quote) that proves the answer")
        return value

    @field_validator("accept_warnings")
    @classmethod
    def _known_warnings(cls, value: list[str]) -> list[str]:
        unknown = unknown_rules(value)
        if unknown:
            raise PydanticCustomError(
                "unknown_warning", f"{unknown[0]!r} is not the name of a warning; "
                                   f"use the names the report prints: {', '.join(RULES)}", {"name": unknown[0]})
        return value

    @property
    def needs_evidence(self) -> bool:
        """An imported question not yet tied to the article."""
        return not self.explanation or not self.evidence

    # --- what each type provides -------------------------------------------------
    def form_field(self) -> Any:
        """An unbound WTForms field in which a student answers this question."""
        raise NotImplementedError

    def response_from_form(self, data: Any) -> Any:
        """The response stored for the field's data; None when left unanswered.

        Raises TamperedResponse for a value the rendered form could not have sent.
        """
        raise NotImplementedError

    def grade(self, response: Any) -> Grade:
        """Grade a stored response (never None: unanswered is graded by the caller)."""
        raise NotImplementedError

    def describe_response(self, response: Any) -> str:
        """The student's answer in words, for the review page."""
        raise NotImplementedError

    def right_answer(self) -> str:
        """The right answer in words, for the review page."""
        raise NotImplementedError

    def form_data(self, response: Any) -> Any:
        """The field data that shows a stored response again (for reopening an attempt)."""
        return response

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[PydanticCustomError]:
        """The rules about the question as a whole that plain data breaks, first one first.

        The model raises the first of them; the editor shows them all, even while some
        fields are still invalid (pydantic skips a model's own rules until every field passes).
        Data may be partial here, so a rule skips what it cannot read.
        """
        return []

    def _apply_rules(self) -> None:
        problems = type(self).rule_problems(self.model_dump())
        if problems:
            raise problems[0]

    # --- shared behaviour --------------------------------------------------------
    def grade_or_unanswered(self, response: Any) -> Grade:
        """Grade a response, scoring an unanswered question zero."""
        return UNANSWERED if response is None else self.grade(response)

    def to_data(self) -> dict[str, Any]:
        """The definition as plain JSON-ready data, defaults left out."""
        return self.model_dump(mode="json", exclude_defaults=True) | {"type": self.type}


def letter_ids(items: Any) -> Any:
    """Give option dicts without an id the ids a, b, c… by position (before validation)."""
    if not isinstance(items, list):
        return items
    out = []
    for i, item in enumerate(items):
        if isinstance(item, dict) and not item.get("id"):
            item = {**item, "id": chr(ord("a") + i) if i < 26 else f"o{i + 1}"}  # as choices.option_id
        out.append(item)
    return out


def duplicates(values: Sequence[Any], what: str) -> list[PydanticCustomError]:
    """A problem for each value used again (blank and non-text values are left to their own checks)."""
    seen: set[str] = set()
    problems = []
    for v in values:
        if not isinstance(v, str) or not v.strip():
            continue
        if v in seen:
            problems.append(PydanticCustomError(
                "duplicate", f"{what} {v!r} is used twice; each must be different", {"what": what, "value": v}))
        seen.add(v)
    return problems


def require_unique(values: list[str], what: str) -> None:
    problems = duplicates(values, what)
    if problems:
        raise problems[0]
