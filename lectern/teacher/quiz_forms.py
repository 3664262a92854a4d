"""The quiz settings form: which questions, and how the quiz runs when taken on its own (each class
that gets it has its own settings: lectern.teacher.assignment_forms)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from flask_wtf import FlaskForm
from pydantic import ValidationError as SpecInvalid
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from lectern.core.grading_methods import GRADING_METHODS
from lectern.core.questions import QUESTION_TYPES, SKILLS, QuestionDefinition
from lectern.core.quizzes import QuizSpec
from lectern.core.review_policy import REVIEW_TIMES
from lectern.core.run_settings import ARTICLE_AIDS

SETTING_FIELDS = (
    "shuffle_questions", "shuffle_options", "questions_per_page", "time_limit_minutes", "attempts_allowed",
    "grading_method", "review_correctness", "review_right_answers", "review_explanations", "practice_allowed",
    "article_aids",
)
# A quiz taken on its own has no teacher to release results: that choice belongs to a class's settings.
QUIZ_REVIEW_TIMES = {when: label for when, label in REVIEW_TIMES.items() if when != "released"}


class CheckboxesField(SelectMultipleField):
    """Any number of choices, as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _choices(pairs: Any) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _review_field(label: str) -> SelectField:
    return SelectField(label, choices=_choices(QUIZ_REVIEW_TIMES.items()), default="immediately")


class QuizSettingsForm(FlaskForm):
    """A quiz's settings; the selection is checked with the bank loader's rules (QuizSpec.problems)."""

    title = StringField("Title", validators=[DataRequired(message="Give the quiz a title."), Length(max=200)],
                        filters=[lambda s: " ".join(s.split()) if s else s])
    description = TextAreaField("Description", validators=[Optional(), Length(max=2000)],
                                description="Optional: shown to students before they start.")
    skills = CheckboxesField("Only these skills", choices=_choices((s, s.capitalize()) for s in SKILLS),
                             description="Leave every box empty to use questions of every skill.")
    tags = CheckboxesField("Only questions with one of these tags", choices=[],
                           description="Leave every box empty to ignore tags.")
    types = CheckboxesField("Only these question types", choices=_choices((n, c.label) for n, c in QUESTION_TYPES.items()),
                            description="Leave every box empty to use every type.")
    draw = IntegerField("Questions drawn at random for each attempt", validators=[
        Optional(), NumberRange(min=1, max=500, message="Draw at least 1 question.")],
        description="Leave empty to ask every question that matches.")
    one_per_skill = BooleanField("Draw at least one question of each skill")
    shuffle_questions = BooleanField("Shuffle the order of the questions for each attempt")
    shuffle_options = BooleanField("Shuffle the options of choice questions for each attempt")
    questions_per_page = IntegerField("Questions per page", default=0, validators=[
        Optional(), NumberRange(min=0, max=100, message="Use 0 to 100 (0 puts every question on one page).")],
        description="0 puts every question on one page.")
    time_limit_minutes = IntegerField("Time limit in minutes", validators=[
        Optional(), NumberRange(min=1, max=600, message="Use 1 to 600 minutes, or leave it empty for no limit.")],
        description="Leave empty for no limit. When time runs out, the answers saved by then are submitted.")
    attempts_allowed = IntegerField("Attempts allowed", validators=[
        Optional(), NumberRange(min=1, max=100, message="Allow 1 to 100 attempts, or leave it empty for unlimited.")],
        description="Leave empty for unlimited attempts.")
    grading_method = SelectField("Grade from several attempts", choices=_choices(GRADING_METHODS.items()),
                                 default="highest")
    review_correctness = _review_field("Show whether answers are right, and the score")
    review_right_answers = _review_field("Show the right answers")
    review_explanations = _review_field("Show explanations, evidence and feedback")
    practice_allowed = BooleanField(
        "Students may practise this quiz", default=True,
        description="Practice shows each answer as soon as it is checked, so it is offered only while the review "
                    "above shows right answers and explanations. Untick it for a quiz used as a test: its questions "
                    "are then also left out of practice on the whole article.")
    article_aids = SelectField("What the article shows during an attempt", choices=_choices(ARTICLE_AIDS.items()),
                               default="all", description="Key-term definitions answer vocabulary questions almost "
                               "word for word. Closed book hides the article from the attempt page (a student can "
                               "still open it in another tab).")
    clear_dates = BooleanField("Clear the quiz's own open and close dates",
                               description="Dates now belong to each class's assignment of the quiz.")
    submit = SubmitField("Save the quiz")

    def __init__(self, *args: Any, questions: Sequence[QuestionDefinition], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.tags.choices = _choices((t, t) for t in sorted({t for q in self.questions for t in q.tags}, key=str.casefold))

    def validate_one_per_skill(self, field: BooleanField) -> None:
        if field.data and not self.draw.data:
            raise ValidationError("To draw one question of each skill, give the number of questions to draw.")

    def validate(self, extra_validators: Any = None) -> bool:
        """The fields' own checks, then the selection against the bank's questions (all reported at once)."""
        ok = super().validate(extra_validators)
        if any(f.errors for f in (self.skills, self.tags, self.types, self.draw, self.one_per_skill)):
            return False
        try:  # the title is checked above; a stand-in keeps a missing one from hiding selection problems
            problems = self.spec("new-quiz", title=self.title.data or "Untitled").problems(self.questions)
        except SpecInvalid as e:
            problems = [err["msg"].removeprefix("Value error, ") for err in e.errors()]
        for problem in problems:
            self._field_for(problem).errors.append(_readable(problem))
        return ok and not problems

    def _field_for(self, problem: str):
        """The field a selection problem belongs next to."""
        if "per skill" in problem or "every skill" in problem:
            return self.one_per_skill
        return self.draw if "draws" in problem else self.skills

    def spec(self, key: str, title: str | None = None) -> QuizSpec:
        """The selection as the QuizSpec stored in Quiz.spec (the same shape as a bank file's quiz)."""
        return QuizSpec(id=key, title=title or self.title.data, description=self.description.data or None,
                        skills=self.skills.data or None, tags=self.tags.data or None, types=self.types.data or None,
                        draw=self.draw.data, one_per_skill=self.one_per_skill.data)

    def settings(self) -> dict[str, Any]:
        """The settings columns' new values."""
        values = {name: self[name].data for name in SETTING_FIELDS}
        values["questions_per_page"] = values["questions_per_page"] or 0
        if self.clear_dates.data:
            values.update(opens_at=None, closes_at=None)
        return values

    @classmethod
    def values_of(cls, quiz: Any) -> dict[str, Any]:
        """A stored quiz as form data, to edit it."""
        spec = quiz.spec or {}
        return {"title": quiz.title, "description": quiz.description, "skills": spec.get("skills") or [],
                "tags": spec.get("tags") or [], "types": spec.get("types") or [], "draw": spec.get("draw"), "one_per_skill": spec.get("one_per_skill"),
                **{name: getattr(quiz, name) for name in SETTING_FIELDS}}


def _readable(problem: str) -> str:
    """A QuizSpec problem without the quiz id it starts with (the form is about one quiz)."""
    text = re.sub(r"^quiz '[^']*' ", "", problem)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
