"""Short answer: a typed word or phrase, checked against listed accepted answers.

Matching forgives the way an answer is written but not its words. Before
comparing, both the typed answer and each accepted answer are normalised:

1. Unicode NFKC, curly quotes and dashes straightened, and (unless the question
   sets `case_sensitive`) letter case folded.
2. Digit groups joined: a comma, space or apostrophe between a number's groups
   of three digits goes, so "800,000", "800 000" and "800000" are one answer.
3. Every punctuation character (Unicode category P…: . , ; : ! ? ' " - ( ) and
   the like) counts as a space between words, so "Berlin, Germany", "Berlin
   Germany" and "berlin germany." are one answer. This holds inside words too:
   "NATO's" reads as "NATO s" (not "NATOs") and "well-equipped" as "well equipped".
4. Runs of spaces become one space; spaces at either end go.

The words that are left must then be equal: no stemming, no spelling tolerance
("Berlinn" is not "Berlin", "Ber lin" is not "Berlin"). A `*` in an accepted
answer matches any run of characters, as in Moodle; a `*` standing alone
between spaces stands for any number of whole words, none included. The best
matching answer gives the credit and its feedback.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError
from wtforms import StringField
from wtforms.validators import Length

from lectern.core.article import fold_typography
from lectern.core.questions import register
from lectern.core.questions.base import Grade, Part, QuestionDefinition, Text

# A number written in groups of three digits: 800,000 / 800 000 / 1'000'000.
_GROUPED_NUMBER = re.compile(r"(?<!\d)\d{1,3}(?:[ ,']\d{3})+(?!\d)")


def normalise_answer(text: str, *, case_sensitive: bool = False, wildcard: bool = False) -> str:
    """The form of a typed answer that matching compares (see the module docstring).

    With `wildcard`, a `*` is kept for the pattern instead of counting as punctuation.
    """
    text = fold_typography(unicodedata.normalize("NFKC", text))
    if not case_sensitive:
        text = text.casefold()
    text = " ".join(text.split())
    text = _GROUPED_NUMBER.sub(lambda m: re.sub(r"[ ,']", "", m.group()), text)
    text = "".join(" " if unicodedata.category(c).startswith("P") and not (wildcard and c == "*") else c
                   for c in text)
    return " ".join(text.split())


def _pattern(wanted: str) -> re.Pattern[str]:
    """A normalised accepted answer with `*` as a regular expression over ' ' + typed + ' '."""
    regex = ""
    for word in wanted.split(" "):
        # A lone star is any number of whole words (with their spaces); one inside a word, any characters.
        regex += "(?: .*)?" if word == "*" else " " + ".*".join(re.escape(p) for p in word.split("*"))
    return re.compile(regex + " ", re.DOTALL)


class Answer(Part):
    text: Text
    credit: float = Field(default=100, ge=0, le=100)
    feedback: str | None = None

    def matches(self, typed: str, case_sensitive: bool = False) -> bool:
        wanted = normalise_answer(self.text, case_sensitive=case_sensitive, wildcard=True)
        given = normalise_answer(typed, case_sensitive=case_sensitive)
        if "*" not in wanted:
            return given == wanted
        return _pattern(wanted).fullmatch(f" {given} ") is not None


@register
class ShortAnswer(QuestionDefinition):
    type_name = "short_answer"
    label = "Short answer"

    type: Literal["short_answer"] = "short_answer"
    answers: list[Answer] = Field(min_length=1)
    case_sensitive: bool = False

    @model_validator(mode="after")
    def _follow_rules(self) -> ShortAnswer:
        self._apply_rules()
        return self

    @classmethod
    def rule_problems(cls, data: dict[str, Any]) -> list[PydanticCustomError]:
        answers = [a for a in data.get("answers") or [] if isinstance(a, dict)]
        credits = [a.get("credit", 100) for a in answers]
        problems = []
        if answers and all(isinstance(c, (int, float)) for c in credits) and 100 not in credits:
            problems.append(PydanticCustomError(
                "full_answer", "at least one accepted answer needs credit 100 (the default)"))
        for n, (a, c) in enumerate(zip(answers, credits)):
            if not isinstance(a.get("text"), str) or not a["text"].strip():
                continue
            wanted = normalise_answer(a["text"], wildcard=True)
            if "*" in wanted and not wanted.strip("* ") and isinstance(c, (int, float)) and c > 0:
                problems.append(PydanticCustomError(
                    "star_only", "an answer of only '*' would accept anything; give it credit 0 or remove it",
                    {"answer": n}))
        return problems

    def form_field(self) -> Any:
        return StringField(validators=[Length(max=500, message="Keep the answer under 500 characters.")])

    def response_from_form(self, data: Any) -> Any:
        text = (data or "").strip()
        return text or None

    def best_match(self, typed: str) -> Answer | None:
        matching = [a for a in self.answers if a.matches(typed, self.case_sensitive)]
        return max(matching, key=lambda a: a.credit, default=None)

    def grade(self, response: Any) -> Grade:
        best = self.best_match(response)
        if best is None:
            return Grade(0.0)
        return Grade(best.credit / 100, tuple(filter(None, [best.feedback])))

    def describe_response(self, response: Any) -> str:
        return str(response)

    def right_answer(self) -> str:
        full = [a.text for a in self.answers if a.credit == 100]
        return full[0] + (f" (also accepted: {', '.join(full[1:])})" if full[1:] else "")
