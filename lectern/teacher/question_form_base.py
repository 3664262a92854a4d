"""The question editor's common form: the fields every question has, and checking it all in one pass.

The form adds no rules of its own. It turns what was typed into the plain data a
questions.yaml entry holds and validates it with the type's model and the bank loader's
evidence check, so a question the editor accepts is one the loader accepts. Every
problem is found in the same pass (the model's field errors, its rules about the whole
question, and the evidence check) and shown next to its field in a teacher's words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import pydantic
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import FileStorage
from wtforms import (
    Field,
    FieldList,
    FormField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)

from lectern.core.banks import evidence_problems
from lectern.core.images import EXTENSIONS, ImageRefused, StoredImage, check_image, image_markdown
from lectern.core.item_rules import RULES
from lectern.core.questions import SKILLS, Evidence, QuestionDefinition, question_class
from lectern.core.questions.naming import id_from_prompt
from lectern.models import Bank, Question
from lectern.services.question_editing import article_of
from lectern.teacher.question_form_rows import (
    EvidenceRow,
    as_typed,
    filled_in,
    opening_words,
    select_choices,
    typed_number,
    typed_text,
)
from lectern.teacher.question_messages import plain_problem

MARKDOWN_HINT = "Markdown: *emphasis*, **bold**, `code`, [a link](https://…)."


class QuestionForm(FlaskForm):
    """The fields every question has; each type's form adds its own."""

    type_name: ClassVar[str]
    layout: ClassVar[tuple[str, ...]]  # the type's own fields, in the order shown
    # Each list that grows: (rows a new question starts with, the label of its Add button).
    rows: ClassVar[dict[str, tuple[int, str]]] = {"evidence": (1, "Add evidence")}
    rules_at: ClassVar[str]  # where rules about the question as a whole are shown

    id = StringField("Id", description="Left empty, it is made from the prompt's first words. Lower-case words "
                                       "joined by hyphens, like who-signed-it; it cannot be changed once saved.")
    prompt = TextAreaField("Prompt", description=MARKDOWN_HINT)
    explanation = TextAreaField("Explanation", description="Why the right answer is right; students read it "
                                                           "after submitting. " + MARKDOWN_HINT)
    evidence = FieldList(FormField(EvidenceRow), min_entries=1, label="Evidence in the article")
    # Choices are not checked here: the model refuses anything else, and the message says so plainly.
    skill = SelectField("Skill", choices=select_choices([("", "(none)")] + [(s, s) for s in SKILLS]),
                        validate_choice=False)
    difficulty = SelectField("Difficulty", choices=select_choices([("", "(none)"), ("easy", "easy"),
                                                             ("medium", "medium"), ("hard", "hard")]),
                             validate_choice=False)
    tags = StringField("Tags", description="Separated by commas.")
    points = StringField("Points", description="1 when left empty.")
    # The item-writing warnings kept on purpose; the checks panel offers a box for each one found.
    accept_warnings = SelectMultipleField("Warnings kept on purpose", choices=select_choices((r, r) for r in RULES),
                                          validate_choice=False)
    save = SubmitField("Save question")
    check = SubmitField("Check the question")
    # A picture for the prompt: checked, then ![alt](media:…) is put at the end of the prompt (take_image).
    image = FileField("Add an image", description="A PNG, JPEG, GIF or WebP picture; it goes at the end of the "
                                                   "prompt, where you can move it.",
                      render_kw={"accept": ",".join(EXTENSIONS)})
    image_alt = StringField("Alt text of the image", description="What the picture shows, in a sentence, for "
                                                                  "students who cannot see it.")
    add_image = SubmitField("Add the image")

    def __init__(self, bank: Bank, *, key: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article = article_of(bank)
        self.key = key  # the question's id when editing; a new question's comes from its id field or prompt
        self.taken = {q.key for q in bank.questions}
        self.question: Question | None = next((q for q in bank.questions if q.key == key), None)
        self.definition: QuestionDefinition | None = None
        self.rearranged = False  # an Add or Remove button was pressed: show the form again, save nothing
        self.refused = False
        self.checked = False  # Check was pressed: every message and warning shown, nothing saved
        self.new_image: StoredImage | None = None  # a picture accepted by take_image, to store with the question
        self._image_problem: str | None = None
        self._prompt_before_image: str | None = None
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

    @classmethod
    def after_removal(cls, formdata: Any, name: str, index: int) -> Any:
        """The posted data once a row is removed; a type whose fields point at rows renumbers them."""
        return formdata

    def offer_paragraphs(self) -> None:
        """Let every evidence row choose among the article's paragraphs."""
        choices = select_choices((n, f"¶{n}: {opening_words(text)}") for n, text in enumerate(self.article.paragraphs, 1))
        for row in self.evidence:
            row.form.paragraph.choices = choices

    def take_image(self, max_bytes: int) -> None:
        """Check the picture chosen (if any) and put it at the end of the prompt; a refused one gets its
        message beside the field, and "Add the image" shows the form again without saving the question."""
        upload = self.image.data
        if self.add_image.data:
            self.rearranged = True
        alt = " ".join((self.image_alt.data or "").split())
        if not isinstance(upload, FileStorage) or not upload.filename:
            if self.add_image.data or alt:  # an alt text alone means a picture was meant: never drop it silently
                self._refuse_image("Choose the picture to add (or clear its alt text), then press Add the image.")
            return
        if not alt:
            self._refuse_image("Write its alt text: what the picture shows, for students who cannot see it. "
                               "Then choose the picture again.")
            return
        try:
            self.new_image = check_image(upload.read(), max_bytes=max_bytes)
        except ImageRefused as e:
            self._refuse_image(f"Not added: {e}.")
            return
        self._prompt_before_image = self.prompt.data or ""
        picture = image_markdown(alt, self.new_image.digest)
        self.prompt.data = f"{self._prompt_before_image.rstrip()}\n\n{picture}".lstrip()
        self.image_alt.data = ""

    def undo_image(self) -> None:
        """The question was not saved, so neither is its new picture: the prompt as it was, and why."""
        if self.new_image is not None and self._prompt_before_image is not None:
            self.prompt.data, self.new_image = self._prompt_before_image, None
            self.image.errors = [*self.image.errors, ("The picture was not added, because the question was not "
                                                      "saved. Choose it again once the messages are dealt with.")]

    def _refuse_image(self, message: str) -> None:
        self._image_problem = message
        self.image.errors = [message]  # shown at once when the form is not validated (Add the image)

    def validate_image(self, field: FileField) -> None:
        if self._image_problem:
            raise ValidationError(self._image_problem)

    def validate_id(self, field: StringField) -> None:
        if (field.data or "").strip() in self.taken:
            raise ValidationError("Another question of this bank already has this id; choose another, "
                                  "or leave it empty to have one made from the prompt.")

    def validate_on_submit(self, extra_validators: Any = None) -> bool:
        """True when a Save was posted and the question passes every rule of the bank loader."""
        if self.rearranged or not self.is_submitted():
            return False
        ok = self.validate(extra_validators)
        if self.check.data:
            self.checked = True
            return False
        self.refused = not ok
        return ok

    def validate(self, extra_validators: Any = None) -> bool:
        """All the checks in one pass (WTForms', the type model's, its rules, the evidence); sets self.definition."""
        typed_ok = super().validate(extra_validators)
        data = self.plain_data()
        model = question_class(self.type_name)
        definition: QuestionDefinition | None = None
        try:
            definition = model.model_validate(data)
        except pydantic.ValidationError as e:
            # Pydantic checks a model's rules about the whole question only once every field
            # passes; running them here as well puts every problem on the page at once.
            rules = [{"type": p.type, "loc": (), "msg": p.message(), "ctx": p.context}
                     for p in model.rule_problems(data)]
            errors = [err for err in e.errors() if err["loc"]] + (rules or [err for err in e.errors() if not err["loc"]])
            for err in errors:
                loc, message = plain_problem(err, data)
                self._report(self._form_loc(loc), message)
        evidence_ok = self._check_evidence(data["evidence"])
        self.definition = definition if typed_ok and evidence_ok else None
        return self.definition is not None

    def plain_data(self) -> dict[str, Any]:
        """What was typed, as the plain data of a questions.yaml entry (blank rows left out)."""
        self._row_of = {}
        prompt = typed_text(self.prompt.data)
        data = {
            "id": self.key if self.key is not None else (typed_text(self.id.data) or id_from_prompt(prompt, self.taken)),
            "type": self.type_name,
            "prompt": prompt,
            "explanation": typed_text(self.explanation.data),
            "evidence": self._kept("evidence", lambda d: {"paragraph": d["paragraph"], "quote": typed_text(d["quote"])}
                                   if typed_text(d["quote"]) else None),
            "tags": [t.strip() for t in (self.tags.data or "").split(",") if t.strip()],
            "accept_warnings": list(dict.fromkeys(self.accept_warnings.data or [])),
        }
        return data | filled_in(skill=self.skill.data, difficulty=self.difficulty.data,
                             points=typed_number(self.points.data)) | self.type_data()

    def type_data(self) -> dict[str, Any]:
        raise NotImplementedError

    def _kept(self, name: str, build: Callable[[Any], Any], values: list[Any] | None = None) -> list[Any]:
        # Blank rows are dropped so spare rows cost nothing; _row_of remembers which form
        # row each kept one came from, to put a message about "options.1" on the right row.
        kept, self._row_of[name] = [], []
        for i, value in enumerate([entry.data for entry in self[name]] if values is None else values):
            value = build(value)
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
        if message not in field.errors:
            field.errors = [*field.errors, message]  # a tuple until validated

    def _field_at(self, loc: tuple[Any, ...]) -> Field:
        name = loc[0] if loc and isinstance(loc[0], str) and loc[0] in self else self.rules_at
        field = self[name]
        if isinstance(field, FieldList) and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(field.entries):
            entry = field.entries[loc[1]]
            if not isinstance(entry, FormField):
                return entry
            if len(loc) > 2 and loc[2] in entry.form and entry.form[loc[2]].type != "HiddenField":
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
