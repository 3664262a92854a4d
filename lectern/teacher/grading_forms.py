"""The form a teacher grades an essay with: marks out of the question's points, and a comment."""

from __future__ import annotations

import math
from typing import Any

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, ValidationError

from lectern.rendering import points

MAX_COMMENT_CHARS = 5_000
BACK_TO = ("attempt", "queue")  # the page the form was on, shown again when it is refused


def parse_marks(text: str) -> float | None:
    """Marks as typed: "2", "1.5" or "1,5" (a decimal comma); None for anything that is not a finite number."""
    text = (text or "").strip()
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class GradeForm(FlaskForm):
    """Marks from 0 to the question's points (decimals allowed) and an optional Markdown comment."""

    marks = StringField("Marks", validators=[InputRequired(message="Give the marks, from 0 to the question's points.")])
    comment = TextAreaField(
        "Comment for the student", description="Optional. Markdown: *emphasis*, lists and links.",
        validators=[Length(max=MAX_COMMENT_CHARS, message=f"Keep the comment under {MAX_COMMENT_CHARS:,} characters.")])
    back = HiddenField(default="attempt", validators=[AnyOf(BACK_TO)])
    submit = SubmitField("Save grade")

    def __init__(self, max_points: float, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_points = max_points
        self.marks.label.text = f"Marks (out of {points(max_points)})"

    @property
    def marks_value(self) -> float:
        """The marks as a number (only after the form validated)."""
        return parse_marks(self.marks.data)

    def validate_marks(self, field: StringField) -> None:
        value = parse_marks(field.data)
        if value is None:
            raise ValidationError("Give the marks as a number, such as 2 or 1.5.")
        if value < 0:
            raise ValidationError("Marks cannot be negative.")
        if value > self.max_points:
            raise ValidationError(f"At most {points(self.max_points)}: the question is worth "
                                  f"{points(self.max_points)} points.")
