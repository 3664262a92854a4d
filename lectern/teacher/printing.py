"""Teacher pages: a quiz to print for a lesson without devices, and its answer key."""

from __future__ import annotations

from flask import abort, render_template, request

from lectern.extensions import db
from lectern.models import Quiz
from lectern.services.quiz_printing import printed_quiz
from lectern.student.forms import answer_form, field_name
from lectern.teacher import bp


@bp.get("/quizzes/<int:quiz_id>/print")
def print_quiz(quiz_id: int):
    """The quiz as a printable page (the print stylesheet drops the site's chrome); ?answers=1 adds the key."""
    quiz = db.session.get(Quiz, quiz_id) if 0 < quiz_id < 2**63 else None
    if quiz is None:
        abort(404)
    printed = printed_quiz(quiz)
    # formdata=None: a blank paper copy, whatever the query string holds.
    form = answer_form(printed.questions, formdata=None)
    return render_template("teacher/quizzes/print.html", printed=printed, quiz=quiz, bank=quiz.bank, form=form,
                           field_name=field_name, with_answers=request.args.get("answers") == "1")
