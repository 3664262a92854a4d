"""The teacher's marking forms: an essay's marks (or its rubric's levels), a changed mark or comment on any answer, overall
feedback, and the choices of a regrade."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from lectern.core.questions.essay import RubricCriterion
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
        if "marks" in self:
            self.marks.label.text = f"Marks (out of {points(max_points)})"

    @property
    def marks_value(self) -> float | None:
        """The marks as a number (only after the form validated)."""
        return parse_marks(self.marks.data)

    @property
    def levels(self) -> list[int] | None:
        """The level picked for each criterion of the rubric; None: graded by marks."""
        return None

    def validate_marks(self, field: StringField) -> None:
        value = parse_marks(field.data)
        if value is None:
            raise ValidationError("Give the marks as a number, such as 2 or 1.5.")
        if value < 0:
            raise ValidationError("Marks cannot be negative.")
        if value > self.max_points:
            raise ValidationError(f"At most {points(self.max_points)}: the question is worth "
                                  f"{points(self.max_points)} points.")


class RubricGradeForm(GradeForm):
    """An essay graded by its rubric: one level picked per criterion (radios named level_0, level_1…)."""

    marks = None  # the rubric gives the marks

    def __init__(self, max_points: float, rubric: Sequence[RubricCriterion], *args: Any, **kwargs: Any) -> None:
        super().__init__(max_points, *args, **kwargs)
        self.rubric = rubric
        self.criteria = [(criterion, self[f"level_{n}"]) for n, criterion in enumerate(rubric)]

    @property
    def marks_value(self) -> float | None:
        return None

    @property
    def levels(self) -> list[int]:
        return [int(field.data) for _, field in self.criteria]


def _level_picked(form: RubricGradeForm, field: RadioField) -> None:
    if field.data is None:
        raise ValidationError(f"Choose a level for “{field.label.text}”.")
    if field.data not in {choice.value for choice in field.choices}:
        raise ValidationError(f"Choose one of the levels listed for “{field.label.text}”; "
                              "reload the page if the rubric changed.")


def grade_form(max_points: float, rubric: Sequence[RubricCriterion] = (), rubric_marks: list[float] | None = None,
               **kwargs: Any) -> GradeForm:
    """An essay's grading form: marks to type, or with a rubric a level to pick per criterion.

    rubric_marks (the points picked when it was graded before) preselect their levels.
    """
    if not rubric:
        return GradeForm(max_points, **kwargs)
    fields = {f"level_{n}": RadioField(criterion.criterion, validators=[_level_picked], validate_choice=False,
                                       choices=[SelectChoice(str(k), level.description) for k, level in enumerate(criterion.levels)])
              for n, criterion in enumerate(rubric)}
    picked = {f"level_{n}": str(k) for n, (criterion, marks) in enumerate(zip(rubric, rubric_marks or []))
              for k, level in enumerate(criterion.levels) if abs(level.points - marks) < 1e-9}
    if kwargs.get("formdata", True) is None:
        kwargs["data"] = picked | kwargs.get("data", {})
    return type("RubricGradeFormFor", (RubricGradeForm,), fields)(max_points, rubric, **kwargs)


MAX_REASON_CHARS = 500
MAX_FEEDBACK_CHARS = 10_000


class MarkForm(FlaskForm):
    """Change an automatically marked answer: new points with the reason, and/or a comment (Markdown)."""

    marks = StringField("Points")
    reason = StringField("Why you are changing the mark", validators=[
        Length(max=MAX_REASON_CHARS, message=f"Keep the reason under {MAX_REASON_CHARS} characters.")])
    comment = TextAreaField(
        "Comment for the student", description="Optional. Markdown: *emphasis*, lists and links.",
        validators=[Length(max=MAX_COMMENT_CHARS, message=f"Keep the comment under {MAX_COMMENT_CHARS:,} characters.")])
    submit = SubmitField("Save")

    def __init__(self, max_points: float, current: float | None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_points, self.current = max_points, current
        self.marks.label.text = f"Points (out of {points(max_points)})"

    @property
    def marks_value(self) -> float | None:
        """The points as typed, or None when the box is empty (only after the form validated)."""
        return parse_marks(self.marks.data) if (self.marks.data or "").strip() else None

    @property
    def changes_marks(self) -> bool:
        value = self.marks_value
        return value is not None and (self.current is None or abs(value - self.current) > 1e-9)

    def validate_marks(self, field: StringField) -> None:
        if not (field.data or "").strip():
            return
        value = parse_marks(field.data)
        if value is None or not 0 <= value <= self.max_points:
            raise ValidationError(f"Give between 0 and {points(self.max_points)} "
                                  f"point{'' if self.max_points == 1 else 's'}.")

    def validate_reason(self, field: StringField) -> None:
        if parse_marks(self.marks.data) is not None and self.changes_marks and not (field.data or "").strip():
            raise ValidationError("Say why you are changing the mark.")


class FeedbackForm(FlaskForm):
    """The teacher's overall feedback on an attempt (Markdown); empty removes it."""

    feedback = TextAreaField(
        "Overall feedback for the student",
        description="Markdown: *emphasis*, lists and links. Leave empty to show the quiz's feedback for the score.",
        validators=[Length(max=MAX_FEEDBACK_CHARS,
                           message=f"Keep the feedback under {MAX_FEEDBACK_CHARS:,} characters.")])
    submit = SubmitField("Save feedback")


class CheckboxesField(SelectMultipleField):
    """Any number of choices, as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def process_formdata(self, valuelist: list[str]) -> None:
        try:
            self.data = [self.coerce(value) for value in valuelist]
        except ValueError:
            self.data = [None]  # not any choice: pre_validate says so in plain words

    def pre_validate(self, form: FlaskForm) -> None:
        offered = {value for value, _ in self.choices}
        if any(value not in offered for value in self.data or []):
            raise ValidationError("Choose from the questions listed; reload the page if the list changed.")


class RegradeForm(FlaskForm):
    """Which questions to regrade, and whether marks the teacher changed by hand are regraded too.

    The same fields serve the dry run (a GET, changing nothing, so without a CSRF token) and
    the regrade itself (a POST, with one).
    """

    questions = CheckboxesField("Questions to regrade", coerce=int)
    include_overridden = BooleanField("Also regrade the marks you changed by hand")
    preview = SubmitField("Show what would change")
    submit = SubmitField("Regrade")

    def __init__(self, choices: list[tuple[int, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions.choices = choices

    def validate_questions(self, field: CheckboxesField) -> None:
        # Not DataRequired: it would mark every checkbox required, as if each had to be ticked.
        if not field.data:
            raise ValidationError("Tick at least one question to regrade.")
