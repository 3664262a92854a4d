"""The pieces the question editor's forms are built from: the rows of its lists, and
turning what was typed into the plain data a questions.yaml entry holds.
"""

from __future__ import annotations

import re
from typing import Any

from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, Form, HiddenField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from lectern.core.interchange.rules import nearest_moodle_grades, off_moodle_grades, percent
from lectern.core.questions.numeric import parse_number


def select_choices(pairs: Any) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def moodle_grade(form: Any, field: Any) -> None:
    """A credit must be one of Moodle's grades, or the question could not go to Moodle and back."""
    credit = typed_number(field.data)
    if isinstance(credit, float) and off_moodle_grades([credit]):
        nearest = " or ".join(percent(g) for g in nearest_moodle_grades(credit))
        raise ValidationError(f"Use one of Moodle's grades (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, "
                              f"33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5 or 0, or minus "
                              f"one of them), so the question can go to Moodle and back: the nearest is {nearest}.")


class EvidenceRow(Form):
    paragraph = SelectField("Paragraph", coerce=int, validate_choice=False)  # the evidence check speaks
    quote = StringField("Quote", description="Copy the words exactly as the paragraph prints them.")


class ChoiceRow(Form):
    """A single-choice option; the right one is marked by the form's radio group, not in the row."""

    id = HiddenField()  # the option's id travels with it, so stored answers keep naming it
    text = StringField("Option")
    feedback = StringField("Feedback", description="Shown to a student who chose this option.")


class CreditChoiceRow(Form):
    id = HiddenField()
    text = StringField("Option")
    correct = BooleanField("Right answer")
    credit = StringField("Credit %", [moodle_grade], description="Optional: give every option one (right ones add "
                                                                 "up to 100, wrong ones 0 or less) or none.")
    feedback = StringField("Feedback", description="Shown to a student who ticked this option.")


class AnswerRow(Form):
    text = StringField("Accepted answer", description="Case and punctuation do not matter; * matches anything.")
    credit = StringField("Credit %", [moodle_grade], description="100 when left empty.")
    feedback = StringField("Feedback")


class NumberRow(Form):
    value = StringField("Value")
    tolerance = StringField("Tolerance", description="How far off an answer may be and still count; 0 for exact.")
    credit = StringField("Credit %", [moodle_grade], description="100 when left empty.")
    feedback = StringField("Feedback")


class PairRow(Form):
    item = StringField("Item")
    match = StringField("Its match")


def without_row(formdata: MultiDict, name: str, index: int) -> MultiDict:
    """The posted data with one row of a list taken out and the rows after it renumbered.

    WTForms reads a list's rows from the numbers in the field names and mixes rows up
    when the numbers have a gap, so the rows are renumbered rather than left with one.
    """
    row = re.compile(rf"{re.escape(name)}-(\d+)(-.*)?")
    out: MultiDict = MultiDict()
    for key, value in formdata.items(multi=True):
        m = row.fullmatch(key)
        if m is None:
            out.add(key, value)
        elif int(m[1]) != index:
            n = int(m[1])
            out.add(f"{name}-{n - 1 if n > index else n}{m[2] or ''}", value)
    return out


def choice_data(d: dict[str, Any]) -> dict[str, Any] | None:
    """An option as typed; None for a blank row (clearing an option's words removes it)."""
    filled = filled_in(text=typed_text(d["text"]), credit=typed_number(d.get("credit")), feedback=typed_text(d["feedback"]))
    if not filled and not d["correct"]:
        return None
    # As in a bank file, a credit without the box ticked lets the credit say whether it is right.
    implied = "credit" in filled and not d["correct"]
    return {"id": typed_text(d.get("id")), "text": ""} | filled | ({} if implied else {"correct": bool(d["correct"])})


def marker_after_removal(formdata: MultiDict, marker: str, index: int) -> MultiDict:
    """The posted data with a field that names a row by its number kept on the same row once one is removed."""
    out: MultiDict = MultiDict()
    for key, value in formdata.items(multi=True):
        # ASCII digits only: isdigit() also accepts "²", which int() refuses.
        if key == marker and value.isascii() and value.isdigit() and int(value) >= index:
            if int(value) == index:
                continue  # the marked row itself was removed
            value = str(int(value) - 1)
        out.add(key, value)
    return out


def row_data(d: dict[str, Any], **fields: Any) -> dict[str, Any] | None:
    filled = filled_in(**fields, credit=typed_number(d["credit"]), feedback=typed_text(d["feedback"]))
    return ({"text": ""} | filled) if filled else None


def typed_text(value: str | None) -> str:
    return (value or "").strip()


def typed_number(value: Any) -> Any:
    """A typed number as a float (800,000 and 2,5 read as people mean them); else text for the model to refuse."""
    text = typed_text(value)
    if not text:
        return None
    number = parse_number(text.removesuffix("%"))
    # The model would read "inf", "nan" or 1e400 as floats that JSON cannot store, so anything
    # parse_number refuses goes to it as plain text, which it refuses in its own words.
    return "not a finite number" if number is None else number


def filled_in(**values: Any) -> dict[str, Any]:
    """The values that were filled in: an empty one leaves the model its default."""
    return {k: v for k, v in values.items() if v is not None and v != ""}


def as_typed(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return str(int(value)) if value == int(value) else repr(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return [as_typed(v) for v in value]
    if isinstance(value, dict):
        return {k: as_typed(v) for k, v in value.items()}
    return value


def opening_words(text: str, words: int = 8) -> str:
    head = text.split()
    return " ".join(head[:words]) + ("…" if len(head) > words else "")
