"""The student's class forms: joining with the class code, and coming back with a personal code."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField, ValidationError
from wtforms.validators import DataRequired, Length

from lectern.core import join_codes
from lectern.student.forms import StartForm

CLASS_CODE_HINT = "6 letters and digits from your teacher, e.g. K7M Q2P. Capitals and spaces do not matter."
PERSONAL_CODE_HINT = "The 8-character code you wrote down when you joined, e.g. ABCD-EFGH."
NO_MATCH = ("Those codes do not match a student in a class. Check both codes, "
            "or ask your teacher to find you on the class roster.")


def _strip(text: str | None) -> str | None:
    return text.strip() if text else text


def _class_code(field: StringField) -> None:
    if not join_codes.is_class_code(field.data):
        raise ValidationError("A class code has 6 letters and digits (no 0, O, 1, I or L). "
                              "Check the code your teacher gave you.")


class JoinForm(FlaskForm):
    class_code = StringField(
        "Class code", description=CLASS_CODE_HINT, filters=[_strip],
        validators=[DataRequired(message="Enter the class code your teacher gave you."),
                    Length(max=40, message="That is too long for a class code.")],
    )
    # The same name field as when starting a quiz, so a name is checked the same way everywhere.
    display_name = StartForm.display_name
    submit = SubmitField("Join the class")

    validate_display_name = StartForm.validate_display_name

    def validate_class_code(self, field: StringField) -> None:
        _class_code(field)


class RejoinForm(FlaskForm):
    class_code = StringField(
        "Class code", description=CLASS_CODE_HINT, filters=[_strip],
        validators=[DataRequired(message="Enter the code of a class you are in."),
                    Length(max=40, message="That is too long for a class code.")],
    )
    personal_code = StringField(
        "Your personal code", description=PERSONAL_CODE_HINT, filters=[_strip],
        validators=[DataRequired(message="Enter the personal code you wrote down."),
                    Length(max=40, message="That is too long for a personal code.")],
    )
    submit = SubmitField("Continue as me")

    def validate_class_code(self, field: StringField) -> None:
        _class_code(field)

    def validate_personal_code(self, field: StringField) -> None:
        if not join_codes.is_personal_code(field.data):
            raise ValidationError("A personal code has 8 letters and digits (no 0, O, 1, I or L), "
                                  "like ABCD-EFGH.")
