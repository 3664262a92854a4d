"""The student's pages: banks, articles, taking a quiz, and reviewing attempts."""

from __future__ import annotations

import click
from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lectern.article_panel import article_panel
from lectern.core.attempt_rules import overdue, seconds_left
from lectern.core.attempt_summary import Summary
from lectern.core.questions import TamperedResponse
from lectern.extensions import db
from lectern.models import Assignment, Attempt, Bank, Quiz, Student
from lectern.question_fragments import fieldset_of, question_fieldset, review_fragment
from lectern.rendering import when
from lectern.request_input import bounded_int
from lectern.services import attempt_results, attempt_summary, cards, mark_overrides, review_queue
from lectern.services import attempts as attempt_service
from lectern.services.attempt_review import review_items
from lectern.services.attempt_slots import Slot, slots_of
from lectern.services.overdue_attempts import close_overdue_attempts, shown_as_closed
from lectern.services.reading import article_view
from lectern.student.forms import (
    AttemptButtonsForm,
    FinishForm,
    StartForm,
    answer_form,
    page_answers,
    page_flags,
)
from lectern.student.identity import current_student, own_attempt, student_named
from lectern.student.study_forms import ConfirmStartForm

# The blueprint's command group is `flask attempts …` (close-overdue, below).
bp = Blueprint("student", __name__, cli_group="attempts")

TAMPERED = "The answers sent do not match the questions of this quiz. Reload the page and try again."
ALREADY_SUBMITTED = "This attempt was already submitted; its answers cannot change."


@bp.get("/")
def home():
    """Every bank with its quizzes."""
    banks = db.session.scalars(select(Bank).order_by(Bank.title).options(selectinload(Bank.quizzes))).all()
    student, now = current_student(), attempt_service.clock()
    practice_open = {q.id for b in banks for q in b.quizzes if not cards.quiz_practice_refusal(q, now)}
    return render_template("student/home.html", banks=banks, student=student, practice_open=practice_open,
                           queue=review_queue.build_queue(student, now))


@bp.get("/articles/<slug>")
def article(slug: str):
    """The article with numbered paragraphs; ?p=N&q=quote highlights evidence."""
    bank = db.first_or_404(select(Bank).where(Bank.slug == slug))
    view = article_view(bank, request.args.get("p", type=bounded_int), request.args.get("q"))
    return render_template("student/article.html", bank=bank, view=view)


@bp.route("/quizzes/<slug>/<key>", methods=["GET", "POST"])
def start(slug: str, key: str):
    """Ask for a display name, then start an attempt, or resume the one in progress.

    ?assignment=<id> takes the quiz as set for a class: the student must be in that class,
    and the assignment's dates apply.
    """
    quiz = db.first_or_404(
        select(Quiz).join(Bank).where(Bank.slug == slug, Quiz.key == key, Quiz.retired.is_(False))
    )
    student = current_student()
    assignment = _assignment(quiz, student) or attempt_service.class_assignment_of(quiz, student)
    # A GET only reads: an attempt whose time ran out is closed by this POST, or by overdue_attempts.
    unfinished = attempt_service.unfinished_attempt(quiz, student, assignment=assignment,
                                                    close=request.method == "POST")
    if unfinished is not None and request.method == "POST":
        return redirect(url_for("student.attempt", attempt_id=unfinished.id))
    refusal = None if unfinished else attempt_service.start_refusal(quiz, student, assignment)
    form = StartForm(data={"display_name": student.display_name if student else ""})
    if refusal is None and unfinished is None and form.validate_on_submit():
        attempt = attempt_service.start_once(quiz, student_named(form.display_name.data), assignment)
        return redirect(url_for("student.attempt", attempt_id=attempt.id))
    status = 403 if refusal and request.method == "POST" else 200
    return render_template("student/start.html", quiz=quiz, form=form, student=student, refusal=refusal,
                           unfinished=unfinished, assignment=assignment,
                           settings=attempt_service.settings_of(quiz, assignment)), status


def _assignment(quiz: Quiz, student: Student | None) -> Assignment | None:
    """The class assignment the ?assignment= parameter names, or None without one; 404 if not the student's."""
    if "assignment" not in request.args:
        return None
    try:
        return attempt_service.assignment_for(quiz, request.args.get("assignment", -1, type=bounded_int), student)
    except attempt_service.NotAssigned:
        abort(404)


def _time_ran_out(attempt: Attempt) -> bool:
    """Past the deadline and its grace: a POST submits the saved answers now (it writes anyway);
    a GET only says so, and overdue_attempts closes the attempt in the background."""
    if request.method == "POST":
        return attempt_service.close_if_overdue(attempt)
    return attempt.submitted_at is None and overdue(attempt.deadline, attempt_service.clock())


def _own_attempt(attempt_id: int) -> Attempt:
    """The attempt, if it belongs to this browser's student; 404 otherwise, so ids leak nothing."""
    attempt = own_attempt(attempt_id)
    if attempt is None:
        abort(404)
    return attempt


@bp.route("/attempts/<int:attempt_id>", methods=["GET", "POST"])
def attempt(attempt_id: int):
    """One page of the attempt. Save, Previous, Next and the question numbers store its answers and flags;
    Finish attempt… stores them too and opens the summary, where the student submits.

    Past the deadline (and its grace) any request submits the answers saved before it.
    """
    attempt = _own_attempt(attempt_id)
    if _time_ran_out(attempt):  # the review says so
        return redirect(url_for("student.review", attempt_id=attempt.id))
    if attempt.submitted_at is not None:
        if request.method == "POST":
            abort(409, description=ALREADY_SUBMITTED)
        return redirect(url_for("student.review", attempt_id=attempt.id))
    slots = slots_of(attempt.id)
    sheet = attempt_service.sheet(attempt, request.args.get("page", 1, type=bounded_int), slots)
    standing = attempt_summary.summary(attempt, slots)
    if request.method == "GET":
        return _attempt_page(attempt, sheet, standing, AttemptButtonsForm(), sent=False)
    form = answer_form(sheet.questions, sheet.option_orders)
    try:
        if form.validate_on_submit():
            return _save_or_submit(attempt, sheet, form, slots)
    except TamperedResponse:
        abort(400, description=TAMPERED)
    except attempt_service.AlreadySubmitted:
        abort(409, description=ALREADY_SUBMITTED)
    if form.errors:
        flash("Some answers need fixing; see the messages next to them. Nothing was saved.", "error")
    # Sent back as the student sent it, with the messages (a form without its CSRF token too).
    return _attempt_page(attempt, sheet, standing, form, sent=True)


def _attempt_page(attempt: Attempt, sheet: attempt_service.Sheet, standing: Summary, form: FlaskForm,
                  *, sent: bool) -> str:
    aids = attempt_service.settings_of(attempt.quiz, attempt.assignment).article_aids
    return render_template("student/attempt.html", attempt=attempt, sheet=sheet, questions=sheet.questions,
                           form=form, sent=sent, progress=standing, flagged={m.position for m in standing.flagged},
                           question_fieldset=question_fieldset, fieldset_of=fieldset_of,
                           aids=aids, article_panel=article_panel(attempt.quiz.bank, aids))


def _save_or_submit(attempt: Attempt, sheet: attempt_service.Sheet, form: FlaskForm,
                    slots: list[Slot]) -> ResponseReturnValue:
    """Store the page's answers and flags, then act on the button pressed.

    Only action=finish (what countdown.js sends at zero) submits from here; every other way of
    sending the form, Finish attempt… included, saves and moves on, so nothing is submitted unconfirmed.
    """
    answers = page_answers(form, sheet.questions)
    action = request.form.get("action")
    if action == "finish":
        attempt_service.submit_attempt(attempt, answers)
        return redirect(url_for("student.review", attempt_id=attempt.id))
    attempt_service.save_answers(attempt, answers, flags=_page_flags(form, sheet), slots=slots)
    if action == "save":
        flash(f"Your answers were saved at {when(attempt.last_saved_at)}.", "info")
    if action in ("save", "previous", "next"):
        page = sheet.page + {"previous": -1, "next": 1}.get(action, 0)
        return redirect(url_for("student.attempt", attempt_id=attempt.id, page=page))
    if "goto" in request.form:  # a question number in the navigation: its page, scrolled to it
        marks = {mark.position: mark for mark in attempt_summary.summary(attempt).marks}
        mark = marks.get(request.form.get("goto", type=bounded_int))  # a number not in the attempt stays here
        return redirect(url_for("student.attempt", attempt_id=attempt.id, page=mark.page if mark else sheet.page,
                                _anchor=f"question-{mark.position}" if mark else None))
    return redirect(url_for("student.summary", attempt_id=attempt.id))


def _page_flags(form: FlaskForm, sheet: attempt_service.Sheet) -> tuple[set[int], list[int]]:
    """The page's ticked flag boxes, and the page's positions (whose boxes were all sent)."""
    return page_flags(form, sheet.questions), [pos for pos, _ in sheet.questions]


@bp.route("/attempts/<int:attempt_id>/summary", methods=["GET", "POST"])
def summary(attempt_id: int):
    """Before submitting: how many questions are answered, which are blank or flagged (each linked
    back to its page), and the button that submits the answers saved. Shows nothing right or wrong."""
    attempt = _own_attempt(attempt_id)
    if _time_ran_out(attempt) or attempt.submitted_at is not None:
        return redirect(url_for("student.review", attempt_id=attempt.id))
    form = FinishForm()
    if form.validate_on_submit():
        try:
            attempt_service.submit_attempt(attempt)
        except attempt_service.AlreadySubmitted:  # a second click, or another tab, got there first
            pass
        return redirect(url_for("student.review", attempt_id=attempt.id))
    return render_template("student/summary.html", attempt=attempt, form=form,
                           progress=attempt_summary.summary(attempt),
                           seconds_left=seconds_left(attempt.deadline, attempt_service.clock()))


@bp.post("/attempts/<int:attempt_id>/save")
def save_attempt(attempt_id: int):
    """Store a page's answers and flags without scoring them; autosave.js posts the form here in the background.

    Fields that fail validation keep their previous saved answer and are listed as skipped.
    """
    attempt = _own_attempt(attempt_id)
    review_url = url_for("student.review", attempt_id=attempt.id)
    if attempt_service.close_if_overdue(attempt) or attempt.submitted_at is not None:
        return jsonify(error=ALREADY_SUBMITTED, review=review_url), 409
    slots = slots_of(attempt.id)
    sheet = attempt_service.sheet(attempt, request.args.get("page", 1, type=bounded_int), slots)
    form = answer_form(sheet.questions, sheet.option_orders)
    try:
        form.validate()
        answers = page_answers(form, sheet.questions, skip_invalid=True)
        attempt_service.save_answers(attempt, answers, flags=_page_flags(form, sheet), slots=slots)
    except TamperedResponse:
        abort(400, description=TAMPERED)
    except attempt_service.AlreadySubmitted:
        return jsonify(error=ALREADY_SUBMITTED, review=review_url), 409
    skipped = sorted(pos for pos, _ in sheet.questions if pos not in answers)
    return jsonify(saved_at=attempt.last_saved_at.isoformat() + "Z", skipped=skipped)


@bp.get("/attempts/<int:attempt_id>/review")
def review(attempt_id: int):
    """The submitted attempt: score, and per question the answer, the right answer, why, and the evidence,
    each shown as the quiz's review settings allow now."""
    attempt = _own_attempt(attempt_id)
    shown_as_closed(attempt)  # past its deadline: as the deadline submits it, without writing
    if attempt.submitted_at is None:
        return redirect(url_for("student.attempt", attempt_id=attempt.id))
    items = review_items(attempt)
    show = attempt_results.review_show_for(attempt)
    missed = [i for i in items if i.state in ("incorrect", "partial", "unanswered")
              and i.definition.type not in cards.NOT_PRACTISED]
    return render_template("student/review.html", attempt=attempt, items=items, show=show,
                           closes_at=attempt_results.closes_at_of(attempt), practise_form=ConfirmStartForm(),
                           band=mark_overrides.score_band(attempt), review_fragment=review_fragment,
                           missed=missed if show.correctness and show.right_answers and show.explanations else [])


@bp.get("/attempts")
def my_attempts():
    """This browser's past attempts (closing any whose time ran out), and quiz grades over several attempts."""
    student = current_student()
    attempts = attempt_results.attempts_of(student)
    for attempt in attempts:
        shown_as_closed(attempt)
    shows = {a.id: attempt_results.review_show_for(a) for a in attempts if a.submitted_at}
    return render_template("student/attempts.html", student=student, attempts=attempts, shows=shows,
                           grades=attempt_results.grades_of(student),
                           queue=review_queue.build_queue(student, attempt_service.clock()))


@bp.cli.command("close-overdue")
def close_overdue() -> None:
    """Submit every attempt whose deadline has passed, with its saved answers (for a cron job)."""
    click.echo(f"{close_overdue_attempts()} overdue attempt(s) submitted.")


from lectern.student import joining, progress, study  # noqa: F401  (class-joining, progress and study pages on this blueprint)
