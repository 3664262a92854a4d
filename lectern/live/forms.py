"""The live session's forms: the code and name a phone joins with, the answer form, the teacher's
set-up form and control buttons."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from lectern.core.questions import QuestionDefinition
from lectern.student.forms import StartForm, answer_form
from lectern.student.join_forms import _class_code, _strip

ANSWER_LABEL = "Send my answer"
LIVE_CODE_HINT = "The 6 letters and digits on the board, e.g. K7M Q2P. Capitals and spaces do not matter."


class LiveJoinForm(FlaskForm):
    """A phone joins with the session's code and a name (or a nickname), checked as every name is."""

    code = StringField("Live code", description=LIVE_CODE_HINT, filters=[_strip],
                       validators=[DataRequired(message="Enter the code on the board."),
                                   Length(max=40, message="That is too long for a live code.")])
    display_name = StartForm.display_name
    submit = SubmitField("Join")

    validate_display_name = StartForm.validate_display_name

    def validate_code(self, field: StringField) -> None:
        _class_code(field)


class ClassJoinForm(FlaskForm):
    """A student on the class roster joins its session under their roster name: one button."""

    submit = SubmitField("Join")


def live_answer_form(position: int, definition: QuestionDefinition, **kwargs: Any) -> FlaskForm:
    """The open question's form: its field (q<position>), as on an attempt page, and the position answered."""
    form = answer_form([(position, definition)], **kwargs)
    form.submit.label.text = ANSWER_LABEL
    return form


class ControlForm(FlaskForm):
    """One of the teacher's buttons; version is the page's, so a press from a stale page is refused."""

    action = HiddenField(validators=[DataRequired()])
    version = IntegerField(validators=[Optional(), NumberRange(min=0, max=2**31)])

    def validate_action(self, field: HiddenField) -> None:
        if field.data not in ("next", "close", "reveal", "finish"):
            raise ValidationError("Use one of the buttons on the page.")


class NewLiveForm(FlaskForm):
    """Starting a session: for which class (or anyone with the code), which questions, a timer, a leaderboard."""

    classroom_id = SelectField("Who plays", coerce=int)
    questions = SelectMultipleField("Questions", description="Leave all unticked to ask every question.",
                                    widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    seconds = IntegerField("Seconds per question", description="Leave empty to close each question yourself.",
                           validators=[Optional(), NumberRange(min=5, max=600, message="Give 5 to 600 seconds.")])
    leaderboard = RadioField("Leaderboard", default="off",
                             choices=[SelectChoice("off", "Off: accuracy only"), SelectChoice("names", "On, with names"),
                                      SelectChoice("nicknames", "On, anonymous (Player 1, 2…)")])
    submit = SubmitField("Open the lobby")

    def __init__(self, classrooms: list[tuple[int, str]], questions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.classroom_id.choices = [SelectChoice(v, t) for v, t in [(0, "Anyone with the code"), *classrooms]]
        self.questions.choices = [SelectChoice(v, t) for v, t in questions]
