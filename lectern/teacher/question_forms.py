"""The teacher's question editor: one WTForms form per question type.

The fields every question shares, and the one-pass check against the type's model,
live in question_form_base; each form here adds its type's own fields and turns them
into the plain data of a questions.yaml entry.
"""

from __future__ import annotations

import re
from typing import Any

from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, FieldList, FormField, RadioField, StringField, TextAreaField

from lectern.core.questions import QuestionDefinition
from lectern.core.questions.choices import assign_option_ids
from lectern.models import Bank
from lectern.teacher.cloze_form import ClozeForm
from lectern.teacher.question_form_base import MARKDOWN_HINT, QuestionForm
from lectern.teacher.question_form_rows import (
    AnswerRow,
    ChoiceRow,
    CreditChoiceRow,
    NumberRow,
    PairRow,
    choice_data,
    filled_in,
    marker_after_removal,
    row_data,
    select_choices,
    typed_number,
    typed_text,
    without_row,
)
from lectern.teacher.rubric_rows import RubricRow, levels_text, rubric_row_data

__all__ = ["FORMS", "QuestionForm", "question_form"]


class ChoiceForm(QuestionForm):
    """What the two choice forms share: options whose ids stay theirs from version to version."""

    rules_at = "options"
    layout = ("options",)
    rows = QuestionForm.rows | {"options": (4, "Add option")}

    def with_ids(self, options: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The options with the ids they had; a new option gets an id this question never used."""
        versions = self.question.versions if self.question is not None else []
        ids_of = [[o.get("id") for o in (v.definition or {}).get("options") or []] for v in versions]
        current = ids_of[-1] if ids_of else []
        ids = assign_option_ids([o.get("id") or None for o in options], current, [i for ids in ids_of for i in ids])
        return [{**o, "id": i} for o, i in zip(options, ids)]


class SingleChoiceForm(ChoiceForm):
    type_name = "single_choice"
    options = FieldList(FormField(ChoiceRow), min_entries=2, label="Options (mark the right one)")
    # One radio group across the rows, so exactly one option can be marked right without JavaScript;
    # its value is the number of the row it marks.
    right_option = StringField("Right answer")

    @classmethod
    def initial_data(cls, definition: QuestionDefinition) -> dict[str, Any]:
        right = next((str(n) for n, o in enumerate(definition.options) if o.correct), "")
        return super().initial_data(definition) | {"right_option": right}

    @classmethod
    def after_removal(cls, formdata: Any, name: str, index: int) -> Any:
        return marker_after_removal(formdata, "right_option", index) if name == "options" else formdata

    def type_data(self) -> dict[str, Any]:
        right = (self.right_option.data or "").strip()
        rows = [{**entry.data, "correct": str(n) == right} for n, entry in enumerate(self.options)]
        return {"options": self.with_ids(self._kept("options", choice_data, rows))}


class MultipleResponseForm(ChoiceForm):
    type_name = "multiple_response"
    options = FieldList(FormField(CreditChoiceRow), min_entries=2, label="Options (mark every right one)")

    def type_data(self) -> dict[str, Any]:
        return {"options": self.with_ids(self._kept("options", choice_data))}


class TrueFalseForm(QuestionForm):
    type_name, layout, rules_at = "true_false", ("answer", "feedback_true", "feedback_false"), "answer"
    answer = RadioField("The statement is", choices=select_choices([("true", "True"), ("false", "False")]),
                        validate_choice=False)
    feedback_true = StringField("Feedback for a student who answers True")
    feedback_false = StringField("Feedback for a student who answers False")

    @classmethod
    def initial_data(cls, definition: QuestionDefinition) -> dict[str, Any]:
        return super().initial_data(definition) | {"answer": "true" if definition.answer else "false"}

    def type_data(self) -> dict[str, Any]:
        answer = {"true": True, "false": False}.get(self.answer.data, self.answer.data)
        return filled_in(answer=answer, feedback_true=typed_text(self.feedback_true.data),
                      feedback_false=typed_text(self.feedback_false.data))


class ShortAnswerForm(QuestionForm):
    type_name, layout, rules_at = "short_answer", ("answers", "case_sensitive"), "answers"
    rows = QuestionForm.rows | {"answers": (2, "Add answer")}
    answers = FieldList(FormField(AnswerRow), min_entries=1, label="Accepted answers")
    case_sensitive = BooleanField("Capital letters must match",
                                  description="Off: “berlin” counts as “Berlin”. Punctuation and spacing never count.")

    def type_data(self) -> dict[str, Any]:
        return {"answers": self._kept("answers", lambda d: row_data(d, text=typed_text(d["text"])))} \
            | ({"case_sensitive": True} if self.case_sensitive.data else {})


class NumericForm(QuestionForm):
    type_name, layout, rules_at = "numeric", ("answers", "unit"), "answers"
    rows = QuestionForm.rows | {"answers": (1, "Add answer")}
    answers = FieldList(FormField(NumberRow), min_entries=1, label="Accepted numbers")
    unit = StringField("Unit", description="Optional; students may type it after the number.")

    def type_data(self) -> dict[str, Any]:
        answers = self._kept("answers", lambda d: filled_in(
            value=typed_number(d["value"]), tolerance=typed_number(d["tolerance"]),
            credit=typed_number(d["credit"]), feedback=typed_text(d["feedback"])) or None)
        return {"answers": answers} | filled_in(unit=typed_text(self.unit.data))


class MatchingForm(QuestionForm):
    type_name, layout, rules_at = "matching", ("pairs", "distractors"), "pairs"
    rows = QuestionForm.rows | {"pairs": (3, "Add pair"), "distractors": (1, "Add distractor")}
    pairs = FieldList(FormField(PairRow), min_entries=2, label="Pairs")
    distractors = FieldList(StringField("Distractor"), label="Distractors (wrong matches offered too)")

    def type_data(self) -> dict[str, Any]:
        pairs = self._kept("pairs", lambda d: ({"item": "", "match": ""} | filled_in(
            item=typed_text(d["item"]), match=typed_text(d["match"]))) if typed_text(d["item"]) or typed_text(d["match"]) else None)
        return {"pairs": pairs, "distractors": self._kept("distractors", lambda d: typed_text(d) or None)}


class OrderingForm(QuestionForm):
    type_name, layout, rules_at = "ordering", ("items",), "items"
    rows = QuestionForm.rows | {"items": (4, "Add item")}
    items = FieldList(StringField("Item"), min_entries=3, label="Items, in the right order")

    def type_data(self) -> dict[str, Any]:
        return {"items": self._kept("items", lambda d: typed_text(d) or None)}


class EssayForm(QuestionForm):
    type_name, layout, rules_at = "essay", ("model_answer", "rubric"), "model_answer"
    rows = QuestionForm.rows | {"rubric": (1, "Add criterion")}
    model_answer = TextAreaField("Model answer", description="Shown to students after submitting. " + MARKDOWN_HINT)
    rubric = FieldList(FormField(RubricRow), min_entries=1,
                       label="Rubric (optional): what you judge, and the points for each level")

    @classmethod
    def initial_data(cls, definition: QuestionDefinition) -> dict[str, Any]:
        rubric = [{"criterion": c["criterion"], "levels": levels_text(c["levels"])}
                  for c in definition.model_dump(mode="json")["rubric"]]
        return super().initial_data(definition) | {"rubric": rubric}

    def type_data(self) -> dict[str, Any]:
        return {"model_answer": typed_text(self.model_answer.data), "rubric": self._kept("rubric", rubric_row_data)}


FORMS: dict[str, type[QuestionForm]] = {form.type_name: form for form in (
    SingleChoiceForm, MultipleResponseForm, TrueFalseForm, ShortAnswerForm,
    NumericForm, MatchingForm, OrderingForm, EssayForm, ClozeForm,
)}

_ADD = re.compile(r"add_([a-z_]+)")
_REMOVE = re.compile(r"remove_([a-z_]+)-(\d+)")


def question_form(type_name: str, bank: Bank, *, formdata: MultiDict | None = None,
                  definition: QuestionDefinition | None = None, key: str | None = None) -> QuestionForm:
    """The editor for a type: as posted, else prefilled from a definition, else blank.

    A press of an Add or Remove button is applied here, without JavaScript: the form
    comes back with a row more or fewer and `rearranged` set, so nothing is saved.
    """
    cls = FORMS[type_name]
    if formdata is None:
        data = cls.initial_data(definition) if definition is not None else cls.blank_data()
        form = cls(bank, key=key, formdata=None, data=data)
        form.definition = definition  # the saved question, for the checks panel of a page not yet posted
        return form
    added = next((m[1] for k in formdata if (m := _ADD.fullmatch(k)) and m[1] in cls.rows), None)
    removed = next(((m[1], int(m[2])) for k in formdata if (m := _REMOVE.fullmatch(k)) and m[1] in cls.rows), None)
    if removed:
        formdata = cls.after_removal(without_row(formdata, *removed), *removed)
    form = cls(bank, key=key, formdata=formdata)
    if added:
        form[added].append_entry()
        form.offer_paragraphs()
    form.rearranged = bool(added or removed)
    return form
