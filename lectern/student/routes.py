"""The student's pages: banks, articles, taking a quiz, and reviewing attempts."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from lectern.core.questions import TamperedResponse
from lectern.extensions import db
from lectern.models import Attempt, Bank, Quiz
from lectern.services import attempts as attempt_service
from lectern.services.reading import article_view
from lectern.student.forms import StartForm, answer_form, field_name
from lectern.student.identity import current_student, student_named

bp = Blueprint("student", __name__)


@bp.get("/")
def home():
    """Every bank with its quizzes."""
    banks = db.session.scalars(select(Bank).order_by(Bank.title)).all()
    return render_template("student/home.html", banks=banks, student=current_student())


@bp.get("/articles/<slug>")
def article(slug: str):
    """The article with numbered paragraphs; ?p=N&q=quote highlights evidence."""
    bank = db.first_or_404(select(Bank).where(Bank.slug == slug))
    view = article_view(bank, request.args.get("p", type=int), request.args.get("q"))
    return render_template("student/article.html", bank=bank, view=view)


@bp.route("/quizzes/<slug>/<key>", methods=["GET", "POST"])
def start(slug: str, key: str):
    """Ask for a display name, then start an attempt."""
    quiz = db.first_or_404(
        select(Quiz).join(Bank).where(Bank.slug == slug, Quiz.key == key, Quiz.retired.is_(False))
    )
    student = current_student()
    form = StartForm(data={"display_name": student.display_name if student else ""})
    if form.validate_on_submit():
        attempt = attempt_service.start_attempt(quiz, student_named(form.display_name.data))
        db.session.commit()
        return redirect(url_for("student.attempt", attempt_id=attempt.id))
    return render_template("student/start.html", quiz=quiz, form=form, student=student)


def _own_attempt(attempt_id: int) -> Attempt:
    """The attempt, if it belongs to this browser's student; 404 otherwise, so ids leak nothing."""
    student = current_student()
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or student is None or attempt.student_id != student.id:
        abort(404)
    return attempt


@bp.route("/attempts/<int:attempt_id>", methods=["GET", "POST"])
def attempt(attempt_id: int):
    """Answer the questions; submitting scores the attempt once."""
    attempt = _own_attempt(attempt_id)
    if attempt.submitted_at is not None:
        if request.method == "POST":
            abort(409, description="This attempt was already submitted; its answers cannot change.")
        return redirect(url_for("student.review", attempt_id=attempt.id))
    questions = [(r.position, attempt_service.definition_of(r.question_version)) for r in attempt.responses]
    form = answer_form(questions)
    try:
        if form.validate_on_submit():
            answers = {pos: q.response_from_form(form[field_name(pos)].data) for pos, q in questions}
            attempt_service.submit_attempt(attempt, answers)
            return redirect(url_for("student.review", attempt_id=attempt.id))
    except TamperedResponse:
        abort(400, description="The answers sent do not match the questions of this quiz. Reload the page and try again.")
    except attempt_service.AlreadySubmitted:
        abort(409, description="This attempt was already submitted; its answers cannot change.")
    if form.errors:
        flash("Some answers need fixing; see the messages next to them.", "error")
    return render_template("student/attempt.html", attempt=attempt, questions=questions, form=form,
                           field_name=field_name)


@bp.get("/attempts/<int:attempt_id>/review")
def review(attempt_id: int):
    """The submitted attempt: score, and per question the answer, the right answer, why, and the evidence."""
    attempt = _own_attempt(attempt_id)
    if attempt.submitted_at is None:
        return redirect(url_for("student.attempt", attempt_id=attempt.id))
    return render_template("student/review.html", attempt=attempt, items=attempt_service.review_items(attempt))


@bp.get("/attempts")
def my_attempts():
    """This browser's past attempts."""
    student = current_student()
    return render_template("student/attempts.html", student=student,
                           attempts=attempt_service.attempts_of(student))


from lectern.student import joining  # noqa: E402,F401  (class-joining pages on this blueprint)
