"""The teacher's question editor: one WTForms form per question type.

The forms add no rules of their own. They turn what was typed into the plain data a
questions.yaml entry holds, validate it with the type's model and the bank loader's
evidence check, and show each message next to the field it is about, so a question
the editor accepts is one the loader accepts, and the other way round.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

import pydantic
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    Field,
    FieldList,
    FormField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)

from lectern.core.banks import describe_error, evidence_problems
from lectern.core.questions import SKILLS, Evidence, QuestionDefinition, question_class
from lectern.models import Bank
from lectern.services.question_editing import article_of
from lectern.teacher.question_form_rows import (
    AnswerRow,
    ChoiceRow,
    CreditChoiceRow,
    EvidenceRow,
    NumberRow,
    PairRow,
    as_typed,
    choice_data,
    filled_in,
    opening_words,
    row_data,
    select_choices,
    typed_number,
    typed_text,
    without_row,
)

MARKDOWN_HINT = "Markdown: *emphasis*, **bold**, `code`, [a link](https://…)."


class QuestionForm(FlaskForm):
    """The fields every question has; each type's form adds its own."""

    type_name: ClassVar[str]
    layout: ClassVar[tuple[str, ...]]  # the type's own fields, in the order shown
    # Each list that grows: (rows a new question starts with, the label of its Add button).
    rows: ClassVar[dict[str, tuple[int, str]]] = {"evidence": (1, "Add evidence")}
    rules_at: ClassVar[str]  # where rules about the question as a whole are shown

    id = StringField("Id", description="Lowercase words joined by hyphens, e.g. troop-deployment. "
                                       "It cannot be changed later.")
    prompt = TextAreaField("Prompt", description=MARKDOWN_HINT)
    explanation = TextAreaField("Explanation", description="Why the right answer is right; students read it "
                                                           "after submitting. " + MARKDOWN_HINT)
    evidence = FieldList(FormField(EvidenceRow), min_entries=1, label="Evidence in the article")
    # Choices are not checked here: the model refuses anything else, in the loader's words.
    skill = SelectField("Skill", choices=select_choices([("", "(none)")] + [(s, s) for s in SKILLS]),
                        validate_choice=False)
    difficulty = SelectField("Difficulty", choices=select_choices([("", "(none)"), ("easy", "easy"),
                                                             ("medium", "medium"), ("hard", "hard")]),
                             validate_choice=False)
    tags = StringField("Tags", description="Separated by commas.")
    points = StringField("Points", description="1 when left empty.")
    save = SubmitField("Save question")

    def __init__(self, bank: Bank, *, key: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article = article_of(bank)
        self.key = key  # the question's id when editing; a new question types its own
        self.taken = {q.key for q in bank.questions}
        self.definition: QuestionDefinition | None = None
        self.rearranged = False  # an Add or Remove button was pressed: show the form again, save nothing
        self.refused = False
        self._row_of: dict[str, list[int]] = {}
        if key is not None:
            del self.id
        self.offer_paragraphs()

    @classmethod
    def blank_data(cls) -> dict[str, Any]:
        """A new question's starting data: a few empty rows in each list."""
        return {name: [None] * count for name, (count, _) in cls.rows.items()}

    @classmethod
    def initial_data(cls, definition: QuestionDefinition) -> dict[str, Any]:
        """A saved definition as the form shows it, numbers written as a teacher would type them."""
        data = as_typed(definition.model_dump(mode="json"))
        data["tags"] = ", ".join(definition.tags)
        return data

    def offer_paragraphs(self) -> None:
        """Let every evidence row choose among the article's paragraphs."""
        choices = select_choices((n, f"¶{n}: {opening_words(text)}") for n, text in enumerate(self.article.paragraphs, 1))
        for row in self.evidence:
            row.form.paragraph.choices = choices

    def validate_id(self, field: StringField) -> None:
        if (field.data or "").strip() in self.taken:
            raise ValidationError("the id is already used by another question of this bank; "
                                  "give each question its own id")

    def validate_on_submit(self, extra_validators: Any = None) -> bool:
        """True when a Save was posted and the question passes every rule of the bank loader."""
        if self.rearranged or not self.is_submitted():
            return False
        self.refused = not self.validate(extra_validators)
        return not self.refused

    def validate(self, extra_validators: Any = None) -> bool:
        """WTForms' checks, then the type's model and the evidence check; sets self.definition."""
        typed_ok = super().validate(extra_validators)
        data = self.plain_data()
        try:
            definition: QuestionDefinition | None = question_class(self.type_name).model_validate(data)
        except pydantic.ValidationError as e:
            definition = None
            for err in e.errors():
                loc = self._form_loc(err["loc"])
                self._report(loc, describe_error({**err, "loc": loc}))
        evidence_ok = self._check_evidence(data["evidence"])
        self.definition = definition if typed_ok and evidence_ok else None
        return self.definition is not None

    def plain_data(self) -> dict[str, Any]:
        """What was typed, as the plain data of a questions.yaml entry (blank rows left out)."""
        self._row_of = {}
        data = {
            "id": self.key if self.key is not None else typed_text(self.id.data),
            "type": self.type_name,
            "prompt": typed_text(self.prompt.data),
            "explanation": typed_text(self.explanation.data),
            "evidence": self._kept("evidence", lambda d: {"paragraph": d["paragraph"], "quote": typed_text(d["quote"])}
                                   if typed_text(d["quote"]) else None),
            "tags": [t.strip() for t in (self.tags.data or "").split(",") if t.strip()],
        }
        return data | filled_in(skill=self.skill.data, difficulty=self.difficulty.data,
                             points=typed_number(self.points.data)) | self.type_data()

    def type_data(self) -> dict[str, Any]:
        raise NotImplementedError

    def _kept(self, name: str, build: Callable[[Any], Any]) -> list[Any]:
        # Blank rows are dropped so spare rows cost nothing; _row_of remembers which form
        # row each kept one came from, to put a message about "options.1" on the right row.
        kept, self._row_of[name] = [], []
        for i, entry in enumerate(self[name]):
            value = build(entry.data)
            if value is not None:
                kept.append(value)
                self._row_of[name].append(i)
        return kept

    def _form_loc(self, loc: tuple[Any, ...]) -> tuple[Any, ...]:
        rows = self._row_of.get(loc[0]) if loc else None
        if rows and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(rows):
            return (loc[0], rows[loc[1]], *loc[2:])
        return tuple(loc)

    def _report(self, loc: tuple[Any, ...], message: str) -> None:
        field = self._field_at(loc)
        field.errors = [*field.errors, message]  # a tuple until validated

    def _field_at(self, loc: tuple[Any, ...]) -> Field:
        name = loc[0] if loc and isinstance(loc[0], str) and loc[0] in self else self.rules_at
        field = self[name]
        if isinstance(field, FieldList) and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(field.entries):
            entry = field.entries[loc[1]]
            if not isinstance(entry, FormField):
                return entry
            if len(loc) > 2 and loc[2] in entry.form:
                return entry.form[loc[2]]
        return field

    def _check_evidence(self, rows: list[dict[str, Any]]) -> bool:
        ok = True
        for n, row in enumerate(rows):
            try:
                evidence = Evidence.model_validate(row)
            except pydantic.ValidationError:
                continue  # the model's message is already next to the row
            for _, message in evidence_problems([evidence], self.article):
                self._report(("evidence", self._row_of["evidence"][n], "quote"), message)
                ok = False
        return ok


class SingleChoiceForm(QuestionForm):
    type_name, layout, rules_at = "single_choice", ("options",), "options"
    rows = QuestionForm.rows | {"options": (4, "Add option")}
    options = FieldList(FormField(ChoiceRow), min_entries=2, label="Options (mark exactly one right)")

    def type_data(self) -> dict[str, Any]:
        return {"options": self._kept("options", choice_data)}


class MultipleResponseForm(QuestionForm):
    type_name, layout, rules_at = "multiple_response", ("options",), "options"
    rows = QuestionForm.rows | {"options": (4, "Add option")}
    options = FieldList(FormField(CreditChoiceRow), min_entries=2, label="Options (mark every right one)")

    def type_data(self) -> dict[str, Any]:
        return {"options": self._kept("options", choice_data)}


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
    type_name, layout, rules_at = "short_answer", ("answers",), "answers"
    rows = QuestionForm.rows | {"answers": (2, "Add answer")}
    answers = FieldList(FormField(AnswerRow), min_entries=1, label="Accepted answers")

    def type_data(self) -> dict[str, Any]:
        return {"answers": self._kept("answers", lambda d: row_data(d, text=typed_text(d["text"])))}


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
    type_name, layout, rules_at = "essay", ("model_answer",), "model_answer"
    model_answer = TextAreaField("Model answer", description="Shown to students after submitting. " + MARKDOWN_HINT)

    def type_data(self) -> dict[str, Any]:
        return {"model_answer": typed_text(self.model_answer.data)}


FORMS: dict[str, type[QuestionForm]] = {form.type_name: form for form in (
    SingleChoiceForm, MultipleResponseForm, TrueFalseForm, ShortAnswerForm,
    NumericForm, MatchingForm, OrderingForm, EssayForm,
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
        return cls(bank, key=key, formdata=None, data=data)
    added = next((m[1] for k in formdata if (m := _ADD.fullmatch(k)) and m[1] in cls.rows), None)
    removed = next(((m[1], int(m[2])) for k in formdata if (m := _REMOVE.fullmatch(k)) and m[1] in cls.rows), None)
    if removed:
        formdata = without_row(formdata, *removed)
    form = cls(bank, key=key, formdata=formdata)
    if added:
        form[added].append_entry()
        form.offer_paragraphs()
    form.rearranged = bool(added or removed)
    return form
