"""The student's study forms: starting practice, and checking one answer in practice.

A check carries a signed token naming the item, the try it answers and when the item
was shown. A token that does not verify is tampered (400); one for a try that has
already been checked is a repeat, and changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import current_app
from flask_wtf import FlaskForm
from itsdangerous import BadSignature, URLSafeSerializer
from wtforms import HiddenField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from lectern.core.questions import SKILLS, QuestionDefinition
from lectern.core.questions.fields import ChoiceRadioField
from lectern.student.forms import StartForm, field_name

TOKEN_SALT = "lectern-practice-check"
NO_ANSWER = "Choose or type an answer, then check it."


class PracticeStartForm(StartForm):
    """A display name (for a browser new to Lectern), then start."""

    submit = SubmitField("Start practising")


def focus_choices(paragraphs: int, has_terms: bool) -> list[SelectChoice]:
    """What a bank practice can focus on: every question, one skill, one paragraph, or the key terms."""
    choices = [SelectChoice("all", "Every question")]
    choices += [SelectChoice(f"skill:{s}", f"{s.capitalize()} questions only") for s in SKILLS]
    choices += [SelectChoice(f"paragraph:{n}", f"Questions on paragraph {n}") for n in range(1, paragraphs + 1)]
    if has_terms:
        choices.append(SelectChoice("terms", "The key terms (their meaning in the article)"))
    return choices


class BankPracticeForm(PracticeStartForm):
    focus = SelectField("What to practise", default="all")

    def __init__(self, *args: Any, paragraphs: int, has_terms: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.focus.choices = focus_choices(paragraphs, has_terms)

    def focus_parts(self) -> tuple[str, str | None]:
        """('all'|'skill'|'paragraph'|'terms', the skill or paragraph)."""
        kind, _, value = self.focus.data.partition(":")
        return kind, value or None


class ConfirmStartForm(FlaskForm):
    """A button that carries only the CSRF token (practise what I missed, start today's review)."""

    submit = SubmitField("Start")


# --- checking ----------------------------------------------------------------------------

def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=TOKEN_SALT)


def sign_check(item_id: int, tries: int, shown_at: datetime, face: str | None = None) -> str:
    return _serializer().dumps({"item": item_id, "tries": tries, "face": face,
                                "shown": shown_at.replace(tzinfo=UTC).timestamp()})


def read_check(token: str | None) -> dict[str, Any] | None:
    """The token's content, or None when it was not made here."""
    try:
        data = _serializer().loads(token or "")
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("item"), int) or not isinstance(data.get("tries"), int):
        return None
    return data


def seconds_since(data: dict[str, Any], now: datetime) -> float | None:
    """How long the student took, from the token's time shown to now (None when it makes no sense)."""
    shown = data.get("shown")
    if not isinstance(shown, (int, float)):
        return None
    seconds = now.replace(tzinfo=UTC).timestamp() - shown
    return seconds if 0 <= seconds < 24 * 3600 else None


class _CheckForm(FlaskForm):
    token = HiddenField()
    check = SubmitField("Check")
    reveal = SubmitField("Show me the answer")


def question_check_form(definition: QuestionDefinition, position: int, **kwargs: Any) -> FlaskForm:
    """The check form of a question item: its answer field (named as on a quiz page) and the token."""

    class QuestionCheckForm(_CheckForm):
        pass

    setattr(QuestionCheckForm, field_name(position), definition.form_field())
    return QuestionCheckForm(**kwargs)


def term_check_form(face: str, choices: list[tuple[str, str]], **kwargs: Any) -> FlaskForm:
    """The check form of a key term: choose its meaning, or type the word."""

    class TermCheckForm(_CheckForm):
        pass

    if face == "choose":
        TermCheckForm.term_answer = ChoiceRadioField("Which is its meaning here?", choices=choices,
                                                     validate_choice=True)
    else:
        TermCheckForm.term_answer = StringField("Type the missing word", validators=[
            Length(max=200, message="Keep the answer under 200 characters.")])
    return TermCheckForm(**kwargs)
