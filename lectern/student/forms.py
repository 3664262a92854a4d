"""The student's forms: the start form, and the answer form built for each attempt."""

from __future__ import annotations

import unicodedata
from typing import Any

from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField, ValidationError
from wtforms.validators import DataRequired, Length

from lectern.core.questions import QuestionDefinition


class StartForm(FlaskForm):
    display_name = StringField(
        "Your name",
        description="Shown to your teacher with your score. No email or password needed.",
        filters=[lambda s: " ".join(s.split()) if s else s],
        validators=[
            DataRequired(message="Enter your name so your teacher knows whose answers these are."),
            Length(max=60, message="Keep your name under 60 characters."),
        ],
    )
    submit = SubmitField("Start the quiz")

    def validate_display_name(self, field: StringField) -> None:
        if any(unicodedata.category(c).startswith("C") for c in field.data):
            raise ValidationError("Use letters, numbers and spaces only (no control characters).")


def field_name(position: int) -> str:
    return f"q{position}"


def answer_form(questions: list[tuple[int, QuestionDefinition]], **kwargs: Any) -> FlaskForm:
    """A form with one field per question of the attempt, named by position (q1, q2…)."""

    class AnswerForm(FlaskForm):
        submit = SubmitField("Submit answers")

    for position, definition in questions:
        setattr(AnswerForm, field_name(position), definition.form_field())
    return AnswerForm(**kwargs)
