"""The quiz's overall feedback by score ("from 80%: Well done"), set by the editors of its bank.

A student's review shows the band their score falls in when their teacher wrote no feedback of
their own. Checking the bands is the core's (lectern.core.feedback_bands), so the page and any
other way in agree.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, StringField, SubmitField, TextAreaField

from lectern.core.feedback_bands import band_problems, bands_from_data, bands_from_rows
from lectern.extensions import db
from lectern.models import Quiz
from lectern.teacher import bp
from lectern.teacher.bank_guard import require_editor
from lectern.teacher.grading_forms import parse_marks

BLANK_ROWS = 3  # room for new bands below the ones saved


NOT_A_NUMBER = -1.0  # a score typed as words: the core's range check then asks for 0 to 100


class BandRow(Form):
    """One band as typed: the lowest score it covers, and its feedback."""

    start = StringField("From (percent)")
    text = TextAreaField("Feedback", description="Markdown: *emphasis*, lists and links.")

    @property
    def percent(self) -> float | None:
        """The score typed ("80" or "80%"); None when blank, NOT_A_NUMBER when not a number."""
        text = (self.start.data or "").strip().rstrip("%").strip()
        if not text:
            return None
        value = parse_marks(text)
        return NOT_A_NUMBER if value is None else value


class FeedbackBandsForm(FlaskForm):
    """Every band at once; blank rows are dropped, and every problem shows beside its row."""

    rows = FieldList(FormField(BandRow), min_entries=BLANK_ROWS)
    submit = SubmitField("Save feedback")

    def _typed(self) -> list[tuple[float | None, str]]:
        return [(row.form.percent, row.form.text.data or "") for row in self.rows]

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for problem in band_problems(self._typed()):
            row = self.rows[problem.row].form
            field = row.start if problem.part == "from" else row.text
            field.errors = [*field.errors, problem.message]
            valid = False
        return valid

    def band_data(self) -> list[dict[str, Any]] | None:
        """The bands to store, highest first; None when every row is blank."""
        return [b.to_data() for b in bands_from_rows(self._typed())] or None


@bp.route("/quizzes/<int:quiz_id>/feedback", methods=["GET", "POST"])
def quiz_feedback(quiz_id: int):
    """Set the quiz's feedback by score band: the bank's owner and co-owners may."""
    quiz = db.get_or_404(Quiz, quiz_id)
    require_editor(quiz.bank)
    saved = [{"start": f"{b.start:g}", "text": b.text} for b in bands_from_data(quiz.feedback_bands)]
    form = FeedbackBandsForm(data={"rows": saved + [{}] * BLANK_ROWS}) if request.method == "GET" \
        else FeedbackBandsForm()
    refused = request.method == "POST" and not form.validate_on_submit()
    if request.method == "POST" and not refused:
        quiz.feedback_bands = form.band_data()
        db.session.commit()
        flash("The feedback by score was saved.", "info")
        return redirect(url_for("teacher.quiz_feedback", quiz_id=quiz.id))
    return render_template("teacher/quizzes/feedback.html", quiz=quiz, form=form, refused=refused), \
        400 if refused else 200

