"""The form that sets a quiz for a class: the class's own time limit, attempts, grading,
review rules, practice and dates. It starts from a test's settings, and says so."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SubmitField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from lectern.core.grading_methods import GRADING_METHODS
from lectern.core.review_policy import REVIEW_TIMES
from lectern.core.run_settings import ARTICLE_AIDS, TEST_DEFAULTS
from lectern.local_time_field import LocalDateTimeField
from lectern.models import Quiz
from lectern.teacher.class_forms import optional_int

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type=datetime-local> sends
SETTING_FIELDS = (
    "opens_at", "closes_at", "time_limit_minutes", "attempts_allowed", "grading_method",
    "review_correctness", "review_right_answers", "review_explanations", "practice_allowed", "article_aids",
)
REVIEW_FIELDS = ("review_correctness", "review_right_answers", "review_explanations")
DEFAULTS_NOTE = ("These start as a test's settings: one attempt, results after the close date, and no practice "
                 "while it runs. Change them for a practice quiz.")


def _review_field(label: str, name: str) -> SelectField:
    return SelectField(label, choices=[SelectChoice(v, t) for v, t in REVIEW_TIMES.items()],
                       default=TEST_DEFAULTS[name])


class AssignmentSettingsForm(FlaskForm):
    """How a quiz runs for one class; other classes of the same quiz are not touched."""

    opens_at = LocalDateTimeField("Opens", format=DATETIME_FORMAT, validators=[Optional()],
                                  description="Leave empty to open it now.")
    closes_at = LocalDateTimeField("Closes", format=DATETIME_FORMAT, validators=[Optional()],
                                   description="Leave empty to keep it open. “After the quiz closes” needs a date here.")
    time_limit_minutes = IntegerField("Time limit in minutes", validators=[
        Optional(), NumberRange(min=1, max=600, message="Use 1 to 600 minutes, or leave it empty for no limit.")],
        description="Leave empty for no limit. When time runs out, the answers saved by then are submitted.")
    attempts_allowed = IntegerField("Attempts allowed", default=TEST_DEFAULTS["attempts_allowed"], validators=[
        Optional(), NumberRange(min=1, max=100, message="Allow 1 to 100 attempts, or leave it empty for unlimited.")],
        description="Leave empty for unlimited attempts.")
    grading_method = SelectField("Grade from several attempts", default=TEST_DEFAULTS["grading_method"],
                                 choices=[SelectChoice(v, t) for v, t in GRADING_METHODS.items()])
    review_correctness = _review_field("Show whether answers are right, and the score", "review_correctness")
    review_right_answers = _review_field("Show the right answers", "review_right_answers")
    review_explanations = _review_field("Show explanations, evidence and feedback", "review_explanations")
    practice_allowed = BooleanField(
        "Students may practise this quiz while it runs", default=TEST_DEFAULTS["practice_allowed"],
        description="Practice shows each answer as soon as it is checked, so it needs the review to show right "
                    "answers and explanations immediately. Left unticked, practice opens once the review shows them.")
    article_aids = SelectField("What the article shows during an attempt", default="all",
                               choices=[SelectChoice(v, t) for v, t in ARTICLE_AIDS.items()],
                               description="Starts as the quiz's own choice. Closed book hides the article from the "
                                           "attempt page (a student can still open it in another tab).")
    submit = SubmitField("Save the settings")

    def validate_closes_at(self, field: LocalDateTimeField) -> None:
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError("The close date must come after the open date.")

    def validate(self, extra_validators: Any = None) -> bool:
        """The fields' own checks, then the ones between fields (an empty field skips its own validators)."""
        ok = super().validate(extra_validators)
        reviews = [self[name].data for name in REVIEW_FIELDS]
        if self.closes_at.data is None and not self.closes_at.errors and "after_close" in reviews:
            self.closes_at.errors.append("You chose to show results after the quiz closes: give it a close date, "
                                         "or choose another time for the results below.")
            ok = False
        if self.practice_allowed.data and any(when != "immediately" for when in reviews[1:]):
            self.practice_allowed.errors.append(
                "Practice shows the answers at once: to allow it, show the right answers and explanations "
                "immediately, or untick this box.")
            ok = False
        return ok

    def settings(self) -> dict[str, Any]:
        """The assignment columns' new values."""
        return {name: self[name].data for name in SETTING_FIELDS}

    @staticmethod
    def defaults_from(quiz: Quiz) -> dict[str, Any]:
        """A new assignment's starting values: a test's, with the quiz's own time limit."""
        return {**TEST_DEFAULTS, "time_limit_minutes": quiz.time_limit_minutes, "article_aids": quiz.article_aids}


class AssignForm(AssignmentSettingsForm):
    """A quiz not yet set for this class, with the class's settings."""

    quiz_id = SelectField("Quiz", coerce=optional_int, validate_choice=False)
    submit = SubmitField("Assign the quiz")

    def __init__(self, quizzes: Iterable[Quiz], assigned_quiz_ids: set[int], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._quizzes = {q.id: q for q in quizzes}
        self._assigned = assigned_quiz_ids
        self.quiz_id.choices = [("", "Choose a quiz")] + [
            (q.id, f"{q.bank.title} – {q.title}") for q in self._quizzes.values() if q.id not in assigned_quiz_ids
        ]

    @property
    def quiz(self) -> Quiz:
        """The chosen quiz (valid only after validation succeeded)."""
        return self._quizzes[self.quiz_id.data]

    def validate_quiz_id(self, field: SelectField) -> None:
        if field.data in self._assigned:
            raise ValidationError("This quiz is already assigned to the class; change its settings there instead.")
        if field.data not in self._quizzes:
            raise ValidationError("Choose a quiz from the list.")


class ReleaseForm(FlaskForm):
    """Release the results (or withdraw a release): only a CSRF token and the button."""

    submit = SubmitField("Release the results now")
