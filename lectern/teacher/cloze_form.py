"""The question editor for a cloze: the text with its gaps typed in Moodle's cloze syntax.

One text box holds the whole question, as in Moodle; the form reads it with
cloze_syntax, so a mistake is reported by gap ("gap 2: NUMERICAL answer 'abc' is not
a number") next to the box, and a saved question shows its text in the same syntax.
"""

from __future__ import annotations

from typing import Any

from wtforms import TextAreaField

from lectern.core.questions import QuestionDefinition
from lectern.core.questions.cloze import Cloze
from lectern.core.questions.cloze_syntax import EXAMPLE, PLACEHOLDER, ClozeSyntaxError, parse_cloze
from lectern.core.questions.naming import id_from_prompt
from lectern.teacher.question_form_base import QuestionForm
from lectern.teacher.question_form_rows import typed_text
from lectern.teacher.question_messages import GENERAL

HELP = ("Write the text and put each gap where it goes in Moodle's cloze syntax: {weight:KIND:answers}, "
        "answers separated by ~, the right one marked =, partial credit as %50%, feedback after #. "
        "Kinds: SHORTANSWER (SA), SHORTANSWER_C (capitals must match), NUMERICAL (=3.14:0.01 allows ±0.01), "
        "MULTICHOICE (MC, a drop-down), MCV or MCH (radio buttons), MULTIRESPONSE (MR, tick several). "
        "Write } # ~ inside an answer as \\} \\# \\~. For example: " + EXAMPLE)


class ClozeForm(QuestionForm):
    type_name, layout, rules_at = "cloze", (), "prompt"
    prompt = TextAreaField("Text with gaps", description=HELP)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.syntax_problem: str | None = None

    @classmethod
    def initial_data(cls, definition: QuestionDefinition) -> dict[str, Any]:
        return super().initial_data(definition) | {"prompt": definition.source()}

    def type_data(self) -> dict[str, Any]:
        self.syntax_problem = None
        try:
            text, gaps = parse_cloze(typed_text(self.prompt.data))
        except ClozeSyntaxError as e:
            self.syntax_problem = str(e)
            return {"gaps": []}
        data: dict[str, Any] = {"prompt": text, "gaps": gaps}
        if self.key is None and not typed_text(self.id.data):
            # The id comes from the words of the text, never from the answers in its gaps.
            data["id"] = id_from_prompt(PLACEHOLDER.sub(" ", text), self.taken)
        return data

    def validate(self, extra_validators: Any = None) -> bool:
        """The common checks, with what is wrong in the gaps said gap by gap next to the text."""
        ok = super().validate(extra_validators)
        others = [e for e in self.prompt.errors if e != GENERAL]
        if self.syntax_problem:
            self.prompt.errors = [_sentence(self.syntax_problem)]
            self.definition = None
            return False
        if not ok:
            data = self.plain_data()
            rules = [_sentence(p.message()) for p in Cloze.rule_problems(data)]
            self.prompt.errors = list(dict.fromkeys(rules + others)) or list(self.prompt.errors)
        return ok


def _sentence(message: str) -> str:
    message = message[:1].upper() + message[1:]
    return message if message.endswith(".") else message + "."
