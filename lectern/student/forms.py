"""The student's forms: the start form, the answer form built for each attempt, and the summary's finish form."""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from typing import Any, NamedTuple

from flask_wtf import FlaskForm
from wtforms import Field, Label, StringField, SubmitField, ValidationError
from wtforms.utils import unset_value
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


class AttemptButtonsForm(FlaskForm):
    """What an attempt page shown afresh needs of its form beyond the questions (each question's
    fieldset is rendered once for everyone it looks the same for: lectern/question_fragments.py)."""

    submit = SubmitField("Finish attempt…")


class FinishForm(FlaskForm):
    """The summary page's one button: it submits the attempt with the answers saved."""

    submit = SubmitField("Submit and finish")


def field_name(position: int) -> str:
    return f"q{position}"


def flag_name(position: int) -> str:
    return f"flag{position}"


class FlagBoxes(Field):
    """The page's "Flag to come back to" boxes (flag1, flag2…), read as one field: its data is the
    set of positions ticked. One field rather than one per question, since each field costs as much
    to build as the question's own, and a 48-question page is sent by a whole class at once.
    Boxes for positions not on the page are ignored: a page sends only its own."""

    def __init__(self, label: str | None = None, *, positions: tuple[int, ...] = (), **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.positions = positions

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        self.process_errors = []
        if formdata is not None:
            self.data = {p for p in self.positions if formdata.get(flag_name(p))}
        else:
            self.data = set() if data is unset_value or data is None else set(data)

    def box(self, position: int) -> FlagBox:
        """What the template needs to show one position's box."""
        return FlagBox(flag_name(position), position in self.data, Label(flag_name(position), self.label.text))


class FlagBox(NamedTuple):
    id: str
    data: bool
    label: Label

    @property
    def name(self) -> str:
        return self.id


def answer_form(questions: list[tuple[int, QuestionDefinition]], option_orders: dict[int, list[str]] | None = None,
                **kwargs: Any) -> FlaskForm:
    """A form with one field per question on the page, named by position (q1, q2…), and its flag box (flag1…).

    option_orders (by position) reorder a field's choices as the attempt shuffled them;
    the set of choices is unchanged, so validation still refuses anything not offered.
    """
    form = _answer_form_class(questions)(**kwargs)
    for position, order in (option_orders or {}).items():
        field = form[field_name(position)]
        rank = {option_id: n for n, option_id in enumerate(order)}
        field.choices = sorted(field.choices, key=lambda c: rank.get(str(c.value), len(rank)))
    return form


# A class of students has the same page of questions, so its form class is made once per process.
# Keyed by the definitions' identity: each version is parsed once per process and never changes,
# and an entry keeps its definitions alive, so an id cannot be reused while it is cached.
_form_classes: OrderedDict[tuple[tuple[int, int], ...], tuple[type[FlaskForm], list]] = OrderedDict()
FORM_CLASSES_KEPT = 1024


def _answer_form_class(questions: list[tuple[int, QuestionDefinition]]) -> type[FlaskForm]:
    key = tuple((position, id(definition)) for position, definition in questions)
    cached = _form_classes.get(key)
    if cached is not None:
        return cached[0]

    class AnswerForm(AttemptButtonsForm):  # Finish attempt… saves the page and opens the summary
        pass

    for position, definition in questions:
        setattr(AnswerForm, field_name(position), definition.form_field())
    AnswerForm.flags = FlagBoxes("Flag to come back to", positions=tuple(position for position, _ in questions))
    _form_classes[key] = (AnswerForm, list(questions))
    while len(_form_classes) > FORM_CLASSES_KEPT:
        _form_classes.popitem(last=False)
    return AnswerForm


def saved_form_data(questions: list[tuple[int, QuestionDefinition]], saved: dict[int, Any]) -> dict[str, Any]:
    """The form data that shows stored answers again, so a reopened question has them filled in."""
    return {field_name(pos): q.form_data(saved[pos]) for pos, q in questions if saved.get(pos) is not None}


def page_flags(form: FlaskForm, questions: list[tuple[int, QuestionDefinition]]) -> set[int]:
    """The positions on the page whose flag box is ticked."""
    return set(form.flags.data)


def page_answers(form: FlaskForm, questions: list[tuple[int, QuestionDefinition]],
                 skip_invalid: bool = False) -> dict[int, Any]:
    """The responses the form holds, by position (TamperedResponse for values never offered).

    skip_invalid leaves out fields that failed validation (a background save keeps what
    was saved for them before, rather than storing what the student is still typing).
    """
    return {pos: q.response_from_form(form[field_name(pos)].data) for pos, q in questions
            if not (skip_invalid and form[field_name(pos)].errors)}
