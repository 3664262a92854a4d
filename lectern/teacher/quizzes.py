"""Teacher pages: creating a quiz over a bank and editing its settings."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from lectern.extensions import db
from lectern.models import Quiz
from lectern.services import quiz_settings as settings_service
from lectern.teacher import bp, current_teacher
from lectern.teacher.bank_guard import editable_bank, require_editor
from lectern.teacher.class_forms import ConfirmForm
from lectern.teacher.quiz_forms import QuizSettingsForm


@bp.route("/banks/<slug>/quizzes/new", methods=["GET", "POST"])
def new_quiz(slug: str):
    """A new quiz over the bank: which questions, how it runs, what the review shows, when."""
    bank = editable_bank(slug)
    form = QuizSettingsForm(questions=settings_service.bank_questions(bank))
    if form.validate_on_submit():
        quiz = settings_service.create_quiz(bank, current_teacher(), form.spec("new-quiz"), form.settings())
        db.session.commit()
        flash(f"The quiz “{quiz.title}” was created.", "info")
        return redirect(url_for("teacher.quiz_settings", quiz_id=quiz.id))
    return render_template("teacher/quizzes/settings.html", form=form, bank=bank, quiz=None)


@bp.route("/quizzes/<int:quiz_id>", methods=["GET", "POST"])
def quiz_settings(quiz_id: int):
    """Edit a quiz's title, selection and settings: its bank's owner and co-owners may."""
    quiz = db.get_or_404(Quiz, quiz_id)
    require_editor(quiz.bank)
    # Stored values fill the form only when it is first shown; a POST is read as sent.
    data = QuizSettingsForm.values_of(quiz) if request.method == "GET" else None
    form = QuizSettingsForm(questions=settings_service.bank_questions(quiz.bank), data=data)
    if form.validate_on_submit():
        settings_service.update_quiz(quiz, form.spec(quiz.key), form.settings())
        db.session.commit()
        flash("The quiz settings were saved.", "info")
        return redirect(url_for("teacher.quiz_settings", quiz_id=quiz.id))
    return render_template("teacher/quizzes/settings.html", form=form, bank=quiz.bank, quiz=quiz,
                           duplicate=ConfirmForm(formdata=None))
