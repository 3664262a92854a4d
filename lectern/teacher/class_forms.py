"""The teacher's class forms: a new class, roster changes, and the confirm button of destructive actions."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, ValidationError
from wtforms.validators import DataRequired, Length

from lectern.models import Enrollment


def _squeeze(text: str | None) -> str | None:
    """One space between words, none around: names are compared and shown as typed, tidily."""
    return " ".join(text.split()) if text else text


def _printable(field: StringField) -> None:
    if any(unicodedata.category(c).startswith("C") for c in field.data or ""):
        raise ValidationError("Use letters, numbers and spaces only (no control characters).")


def optional_int(value: Any) -> int | None:
    """Select values as ints; the empty placeholder and junk become None, refused by the form's own check."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ClassroomForm(FlaskForm):
    name = StringField(
        "Class name", description="For you and your students, e.g. “Year 9 English, set 2”.",
        filters=[_squeeze],
        validators=[DataRequired(message="Give the class a name."),
                    Length(max=120, message="Keep the name under 120 characters.")],
    )
    submit = SubmitField("Create the class")

    def validate_name(self, field: StringField) -> None:
        _printable(field)


class RenameForm(FlaskForm):
    display_name = StringField(
        "Name on the roster", filters=[_squeeze],
        validators=[DataRequired(message="Enter a name."),
                    Length(max=60, message="Keep the name under 60 characters.")],
    )
    submit = SubmitField("Rename")

    def validate_display_name(self, field: StringField) -> None:
        _printable(field)


class MergeForm(FlaskForm):
    """Two entries of the roster: the one to keep, and its duplicate to fold into it."""

    keep = SelectField("Keep", coerce=optional_int, validate_choice=False)
    duplicate = SelectField("Fold into it (then remove)", coerce=optional_int, validate_choice=False)
    submit = SubmitField("Merge")

    def __init__(self, enrollments: Iterable[Enrollment], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a student")] + [(e.id, e.display_name) for e in enrollments]
        self.keep.choices = self.duplicate.choices = choices
        self._ids = {e.id for e in enrollments}

    def validate_keep(self, field: SelectField) -> None:
        if field.data not in self._ids:
            raise ValidationError("Choose the student to keep.")

    def validate_duplicate(self, field: SelectField) -> None:
        if field.data not in self._ids:
            raise ValidationError("Choose the duplicate to fold in.")
        if field.data == self.keep.data:
            raise ValidationError("Choose two different students.")


class ConfirmForm(FlaskForm):
    """A button that only carries the CSRF token (remove, unassign, new code)."""

    submit = SubmitField("Confirm")
