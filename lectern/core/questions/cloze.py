"""Cloze (Moodle's embedded answers): a text with gaps, each answered and graded on its own.

The prompt is the text with `{#1}`, `{#2}`… where the gaps go (the placeholder Moodle itself
stores); `gaps` says how each is answered: typed words (graded as a short answer), a number
(as a numeric question), one option from a drop-down or a row of radio buttons (each option
with its own credit) or several ticked options (as a multiple-response question, with
Moodle's rule for the options' credits). The question's fraction is the mean of the gaps'
fractions weighted by each gap's weight, as in Moodle. cloze_syntax reads and writes the
text in Moodle's `{1:SHORTANSWER:=Berlin}` syntax, which is what teachers type and what
Moodle XML carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError
from wtforms import Form, FormField, StringField, ValidationError
from wtforms.validators import Length

from lectern.core.questions import register
from lectern.core.questions.base import (
    Described,
    Grade,
    Part,
    QuestionDefinition,
    TamperedResponse,
    stable_id,
)
from lectern.core.questions.cloze_syntax import (
    PLACEHOLDER,
    ClozeSyntaxError,
    parse_cloze,
    write_cloze,
)
from lectern.core.questions.fields import ChoiceCheckboxField, ChoiceRadioField, ChoiceSelectField
from lectern.core.questions.numeric import NumericAnswer, parse_number
from lectern.core.questions.short_answer import Answer

GapKind = Literal["short_answer", "numeric", "single_choice", "multiple_response"]
_CHOICES = ("single_choice", "multiple_response")
_TAG = re.compile(r"(<[^>]*>)")


class GapAnswer(Part):
    """An accepted answer (typed gaps) or an option (choice gaps), with its credit in percent."""

    text: str = Field(min_length=1)  # a number as written for a numeric gap ("3.14", "*" for any number)
    credit: float = Field(default=0, ge=-100, le=100)
    feedback: str | None = None
    tolerance: str | None = None  # a numeric gap's tolerance as written ("0.01")
    percent: bool = False  # written as %100% rather than = (it changes how MULTIRESPONSE treats wrong options)

    @model_validator(mode="before")
    @classmethod
    def _percent_when_partial(cls, data: Any) -> Any:
        # A credit other than 0 or 100 can only be written %n%, so the flag says so (one form per answer).
        credit = data.get("credit", 0) if isinstance(data, dict) else 0
        if isinstance(credit, (int, float)) and credit not in (0, 100) and not data.get("percent"):
            return {**data, "percent": True}
        return data


class Gap(Part):
    kind: GapKind
    weight: int = Field(default=1, ge=0, le=100)
    answers: list[GapAnswer] = Field(min_length=1)
    layout: Literal["dropdown", "vertical", "horizontal"] | None = None  # choice gaps: None is the default
    shuffle: bool = False
    case_sensitive: bool = False

    def option_ids(self) -> list[str]:
        """The choices' ids, in the order offered (a shuffled gap in an order unrelated to the author's)."""
        ids = [stable_id(a.text) for a in self.answers]
        return sorted(ids) if self.shuffle else ids

    def fractions(self) -> dict[str, float]:
        """A choice gap's fraction per option id; for MULTIRESPONSE, Moodle's rule (positives share 1,
        and without any %n% a wrong option cancels one right one)."""
        raw = {stable_id(a.text): a.credit / 100 for a in self.answers}
        if self.kind == "single_choice":
            return raw
        total = sum(f for f in raw.values() if f > 0)
        specific = any(a.percent for a in self.answers)
        return {i: f / total if f > 0 else (f if specific else -1 / total) for i, f in raw.items()}

    def grade(self, given: Any) -> tuple[float, str | None]:
        """This gap's fraction for what was given, and the feedback that goes with it."""
        if self.kind == "short_answer":
            best = max((a for a in self.answers if Answer.model_construct(text=a.text).matches(str(given), self.case_sensitive)),
                       key=lambda a: a.credit, default=None)
        elif self.kind == "numeric":
            number = parse_number(str(given))
            best = None if number is None else max(
                (a for a in self.answers if a.text == "*" or _numeric(a).accepts(number)), key=lambda a: a.credit, default=None)
        elif self.kind == "single_choice":
            best = next((a for a in self.answers if stable_id(a.text) == given), None)
        else:
            fractions, ticked = self.fractions(), set(given or [])
            chosen = [a for a in self.answers if stable_id(a.text) in ticked]
            total = sum(fractions[stable_id(a.text)] for a in chosen)
            return min(1.0, max(0.0, round(total, 9))), "; ".join(a.feedback for a in chosen if a.feedback) or None
        return (best.credit / 100, best.feedback) if best else (0.0, None)

    def describe(self, given: Any) -> str:
        if self.kind in _CHOICES:
            names = {stable_id(a.text): a.text for a in self.answers}
            picked = [given] if isinstance(given, str) else list(given or [])
            return "; ".join(names.get(i, "(an option that no longer exists)") for i in picked)
        return str(given)

    def right_answer(self) -> str:
        if self.kind == "multiple_response":
            fractions = self.fractions()
            return "; ".join(a.text for a in self.answers if fractions[stable_id(a.text)] > 0)
        best = max(self.answers, key=lambda a: a.credit)
        if self.kind == "numeric" and best.tolerance and float(best.tolerance.replace(",", ".")):
            return f"{best.text} (± {best.tolerance})"
        return best.text


def _numeric(answer: GapAnswer) -> NumericAnswer:
    return NumericAnswer.model_construct(value=float(answer.text.replace(",", ".")),
                                         tolerance=abs(float((answer.tolerance or "0").replace(",", "."))))


@dataclass(frozen=True)
class GapReview:
    """One gap as a review shows it."""

    number: int
    answer: str | None
    state: str
    right_answer: str
    feedback: str | None


class ClozeDescribed(Described):
    """A cloze response in words, one part per gap, with each gap's review for the review page."""

    gaps: tuple[GapReview, ...] = ()


@register
class Cloze(QuestionDefinition):
    type_name = "cloze"
    label = "Cloze (embedded answers)"

    type: Literal["cloze"] = "cloze"
    gaps: list[Gap] = Field(min_length=1, max_length=100)

    @model_validator(mode="before")
    @classmethod
    def _gaps_from_syntax(cls, data: Any) -> Any:
        # A bank file may write the whole question in Moodle's syntax, gaps and all, as teachers type it.
        if isinstance(data, dict) and "gaps" not in data and isinstance(data.get("prompt"), str):
            try:
                prompt, gaps = parse_cloze(data["prompt"])
            except ClozeSyntaxError as e:
                raise PydanticCustomError("cloze_syntax", str(e)) from None
            return {**data, "prompt": prompt, "gaps": gaps}
        return data

    @model_validator(mode="after")
    def _follow_rules(self) -> Cloze:
        self._apply_rules()
        return self

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[PydanticCustomError]:
        gaps = [g for g in data.get("gaps") or [] if isinstance(g, dict)]
        problems = [PydanticCustomError("cloze_gap", f"gap {n}: {message}", {"gap": n})
                    for n, g in enumerate(gaps, start=1) for message in gap_problems(g)]
        prompt = data.get("prompt") if isinstance(data.get("prompt"), str) else ""
        placed = [int(m) for m in PLACEHOLDER.findall(prompt)]
        if gaps and sorted(placed) != list(range(1, len(gaps) + 1)):
            problems.append(PydanticCustomError(
                "cloze_places", f"the text must mark each of the {len(gaps)} gaps once, as {{#1}} to {{#{len(gaps)}}}"))
        if gaps and not any(g.get("weight", 1) for g in gaps):
            problems.append(PydanticCustomError("cloze_weights", "every gap has weight 0; give one a weight of 1 or more"))
        return problems

    def gap_label(self, n: int) -> str:
        return f"Gap {n} of {len(self.gaps)}"

    def form_field(self) -> Any:
        class GapsForm(Form):
            pass

        for n, gap in enumerate(self.gaps, start=1):
            label = self.gap_label(n)
            names = {stable_id(a.text): a.text for a in gap.answers}
            choices = [(i, names[i]) for i in gap.option_ids()]
            if gap.kind == "multiple_response":
                field = ChoiceCheckboxField(label, choices=choices)
            elif gap.kind == "single_choice" and gap.layout in ("vertical", "horizontal"):
                field = ChoiceRadioField(label, choices=choices, validate_choice=True)
            elif gap.kind == "single_choice":
                field = ChoiceSelectField(label, choices=[("", "Choose…")] + choices, default="")
            else:
                field = StringField(label, validators=[Length(max=500, message=f"{label}: keep the answer under 500 characters.")]
                                    + ([_is_number] if gap.kind == "numeric" else []))
            setattr(GapsForm, f"g{n}", field)
        return FormField(GapsForm, separator="-")

    def response_from_form(self, data: Any) -> Any:
        response: dict[str, Any] = {}
        for n, gap in enumerate(self.gaps, start=1):
            value = (data or {}).get(f"g{n}")
            offered = set(gap.option_ids())
            if gap.kind == "multiple_response":
                ticked = [str(v) for v in value or []]
                if any(t not in offered for t in ticked):
                    raise TamperedResponse(f"an option not offered in gap {n} of {self.id}")
                value = [i for i in gap.option_ids() if i in ticked]
            elif gap.kind == "single_choice":
                if value not in (None, "") and value not in offered:
                    raise TamperedResponse(f"{value!r} is not an option of gap {n} of {self.id}")
            else:
                value = (value or "").strip() if isinstance(value, str) else None
            if value:
                response[f"g{n}"] = value
        return response or None

    def form_data(self, response: Any) -> Any:
        return response or {}

    def gap_grades(self, response: Any) -> list[tuple[float, str | None] | None]:
        """Each gap's fraction and feedback, None for a gap left empty."""
        return [gap.grade(response[f"g{n}"]) if (response or {}).get(f"g{n}") else None
                for n, gap in enumerate(self.gaps, start=1)]

    def grade(self, response: Any) -> Grade:
        grades = self.gap_grades(response)
        total = sum(g.weight for g in self.gaps)
        earned = sum(g.weight * (r[0] if r else 0.0) for g, r in zip(self.gaps, grades))
        feedback = tuple(f"Gap {n}: {r[1]}" for n, r in enumerate(grades, start=1) if r and r[1])
        return Grade(round(earned / total, 9) if total else 0.0, feedback)

    def describe_response(self, response: Any) -> str:
        reviews = []
        for n, (gap, result) in enumerate(zip(self.gaps, self.gap_grades(response)), start=1):
            given = (response or {}).get(f"g{n}")
            state = "unanswered" if result is None else Grade(result[0]).state
            reviews.append(GapReview(n, gap.describe(given) if given else None, state, gap.right_answer(),
                                     result[1] if result else None))
        described = ClozeDescribed([f"Gap {r.number}: {r.answer if r.answer is not None else '(no answer)'}" for r in reviews])
        described.gaps = tuple(reviews)
        return described

    def right_answer(self) -> str:
        return Described([f"Gap {n}: {gap.right_answer()}" for n, gap in enumerate(self.gaps, start=1)])

    def source(self) -> str:
        """The text with its gaps in Moodle's cloze syntax (for the editor and for export)."""
        return write_cloze(self.prompt, [g.model_dump(exclude_defaults=True) for g in self.gaps])

    def blanked_prompt(self) -> str:
        """The text with each gap shown as a numbered blank, for lists and printouts."""
        return PLACEHOLDER.sub(lambda m: f"[{m.group(1)}] ______", self.prompt)

    def split_at_gaps(self, html: str) -> list[str | int]:
        """Rendered HTML of the prompt cut where the gaps go: text pieces and gap numbers (never inside a tag)."""
        pieces: list[str | int] = []
        for part in _TAG.split(str(html)):
            if part.startswith("<"):
                pieces.append(part)
                continue
            for k, piece in enumerate(PLACEHOLDER.split(part)):
                pieces.append(int(piece) if k % 2 and 0 < int(piece) <= len(self.gaps) else piece)
        return pieces


def _is_number(form: Any, field: Any) -> None:
    if field.data and field.data.strip() and parse_number(field.data) is None:
        raise ValidationError(f"{field.label.text}: enter a number using digits, for example 800,000 or 2.5.")


def gap_problems(gap: dict[str, Any]) -> list[str]:
    """What is wrong with one gap's plain data, in a teacher's words (as Moodle's checks)."""
    answers = [a for a in gap.get("answers") or [] if isinstance(a, dict)]
    credits = [a.get("credit", 0) for a in answers if isinstance(a.get("credit", 0), (int, float))]
    kind, problems = gap.get("kind"), []
    if kind in _CHOICES and len(answers) < 2:
        problems.append("a MULTICHOICE or MULTIRESPONSE gap needs at least two options, so a student has a choice")
    if kind == "multiple_response":
        if credits and not any(c > 0 for c in credits):
            problems.append("no option earns credit; mark at least one right with =")
    elif credits and 100 not in credits:
        problems.append("no answer earns full credit; mark the right one with = (or %100%)")
    if kind in _CHOICES:
        texts = [a.get("text") for a in answers]
        if len(set(texts)) != len(texts):
            problems.append("two options have the same text; make each different")
    if kind == "numeric":
        for a in answers:
            for value in (a.get("text"), a.get("tolerance")):
                if isinstance(value, str) and value != "*" and parse_number(value.replace(",", ".")) is None:
                    problems.append(f"NUMERICAL answer {value!r} is not a number")
    return problems
