"""The student's study pages (on the student blueprint): starting practice, Review today, and the
practice screen where each answer is checked at once."""

from __future__ import annotations

import random

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lectern.core import term_cards
from lectern.core.questions import TamperedResponse
from lectern.extensions import db
from lectern.models import Bank, Quiz, StudyItem, StudyRun
from lectern.request_input import bounded_int
from lectern.services import attempts as attempt_service
from lectern.services import cards, key_terms, practice, practice_results, review_queue
from lectern.student.forms import field_name, saved_form_data
from lectern.student.identity import current_student, student_named
from lectern.student.routes import _assignment, _own_attempt, bp
from lectern.student.study_forms import (
    NO_ANSWER,
    BankPracticeForm,
    ConfirmStartForm,
    PracticeStartForm,
    question_check_form,
    read_check,
    seconds_since,
    sign_check,
    term_check_form,
)

EMPTY = {
    "quiz": "This quiz has no questions that can be checked at once (essays wait for a teacher).",
    "bank": "No questions match that choice. Pick another part of the article.",
    "missed": "There is nothing to practise: every question you can practise was right.",
    "terms": "This article has no key terms yet.",
    "review": "Nothing is due for review right now.",
}
REPEATED = "That answer was already checked; here is where you are."


def _started(run: StudyRun):
    db.session.commit()
    return redirect(url_for("student.practice_run", run_id=run.id))


@bp.route("/practice/<slug>/<key>", methods=["GET", "POST"])
def practise_quiz(slug: str, key: str):
    """Practise a quiz: every question it can ask, one at a time, checked at once."""
    quiz = db.first_or_404(
        select(Quiz).join(Bank).where(Bank.slug == slug, Quiz.key == key, Quiz.retired.is_(False)))
    student, now = current_student(), attempt_service.clock()
    assignment = _assignment(quiz, student) or attempt_service.class_assignment_of(quiz, student)
    refusal = cards.quiz_practice_refusal(quiz, now, assignment)
    form = PracticeStartForm(data={"display_name": student.display_name if student else ""})
    if refusal is None and form.validate_on_submit():
        try:
            return _started(practice.start_quiz(student_named(form.display_name.data), quiz, now, assignment))
        except practice.NothingToPractise:
            db.session.rollback()
            refusal = EMPTY["quiz"]
    status = 403 if refusal and request.method == "POST" else 200
    return render_template("student/practice_start.html", quiz=quiz, bank=quiz.bank, form=form,
                           student=student, refusal=refusal), status


@bp.route("/practice/<slug>", methods=["GET", "POST"])
def practise_bank(slug: str):
    """Practise an article's questions: all of them, one skill, one paragraph, or its key terms."""
    bank = db.first_or_404(select(Bank).where(Bank.slug == slug))
    student, now = current_student(), attempt_service.clock()
    form = BankPracticeForm(data={"display_name": student.display_name if student else "",
                                  "focus": request.args.get("focus", "all")},
                            paragraphs=len(bank.paragraphs), has_terms=bool(bank.key_terms))
    if form.validate_on_submit():
        kind, value = form.focus_parts()
        starter = student_named(form.display_name.data)
        try:
            if kind == "terms":
                return _started(practice.start_terms(starter, bank, now))
            return _started(practice.start_bank(starter, bank, now, skill=value if kind == "skill" else None,
                                                paragraph=int(value) if kind == "paragraph" else None))
        except practice.NothingToPractise:
            db.session.rollback()
            form.focus.errors.append(EMPTY["bank"])
    return render_template("student/practice_start.html", bank=bank, form=form, student=student, quiz=None,
                           refusal=None), (400 if form.errors else 200)


@bp.post("/attempts/<int:attempt_id>/practice")
def practise_missed(attempt_id: int):
    """Practise the questions this attempt got wrong or partly right."""
    attempt = _own_attempt(attempt_id)
    if not ConfirmStartForm().validate_on_submit():
        abort(400, description="The form has expired. Go back, reload the page and try again.")
    try:
        return _started(practice.start_missed(attempt.student, attempt, attempt_service.clock()))
    except (practice.NothingToPractise, practice.PracticeClosed) as refusal:
        db.session.rollback()
        flash(EMPTY["missed"] if isinstance(refusal, practice.NothingToPractise) else str(refusal), "info")
        return redirect(url_for("student.review", attempt_id=attempt.id))


@bp.route("/review", methods=["GET", "POST"])
def review_today():
    """Review today: how many cards are due, and a session of them."""
    student, now = current_student(), attempt_service.clock()
    form = ConfirmStartForm()
    if student is not None and form.validate_on_submit():
        try:
            return _started(practice.start_review(student, now))
        except practice.NothingToPractise:
            db.session.rollback()
            flash(EMPTY["review"], "info")
            return redirect(url_for("student.review_today"))
    queue = review_queue.build_queue(student, now)
    banks = {b.id: b for b in db.session.scalars(select(Bank).where(Bank.id.in_({e.bank_id for e in queue.entries})))}
    return render_template("student/review_today.html", student=student, queue=queue, banks=banks, form=form)


def _own_run(run_id: int) -> StudyRun:
    """The practice session, if it is this browser's student's; 404 otherwise."""
    student = current_student()
    run = db.session.scalar(select(StudyRun).where(StudyRun.id == run_id).options(
        selectinload(StudyRun.items).selectinload(StudyItem.question_version)))
    if run is None or student is None or run.student_id != student.id:
        abort(404)
    return run


def _term_view(run: StudyRun, item: StudyItem) -> practice.TermView:
    bank = db.session.get(Bank, item.bank_id)
    term = practice.bank_term(bank, item.term)
    if term is None:
        abort(404, description="That key term has been removed from the article.")
    terms = key_terms.terms_of(bank)
    rng = random.Random(f"{run.id}:{item.id}")  # the same choices on every reload and on the check
    choices = term_cards.definition_choices(term, terms, rng)
    face = item.face or term_cards.face(practice.card_stage(run.student_id, item) == 2, len(choices) - 1)
    return practice.TermView(term, term_cards.in_context(term, bank.paragraphs), face, choices)


@bp.route("/practice/runs/<int:run_id>", methods=["GET", "POST"])
def practice_run(run_id: int):
    """The practice screen: the current question or term, its hint after a wrong try, or how the session went.

    ?after=<item> shows that item's marked answer, explanation and evidence, with a Next button.
    """
    run, now = _own_run(run_id), attempt_service.clock()
    after = next((i for i in run.items if i.id == request.args.get("after", type=bounded_int) and i.done_at), None)
    if after is not None and request.method == "GET":
        return _render(run, after, None)
    item = practice.current_item(run, now)
    if item is None:
        if request.method == "POST":
            flash(REPEATED, "info")
            return redirect(url_for("student.practice_run", run_id=run.id))
        return render_template("student/practice_done.html", run=run, summary=practice_results.summary(run),
                               queue=review_queue.build_queue(run.student, now))
    view = _term_view(run, item) if item.kind == "term" else None
    form = _check_form(item, view)
    if request.method == "POST":
        return _check(run, item, view, form) or _render(run, item, view, form, status=400)
    return _render(run, item, view, form)


def _check_form(item: StudyItem, view: practice.TermView | None):
    if view is not None:
        return term_check_form(view.face, view.choices)
    definition = practice.item_definition(item)
    data = saved_form_data([(item.position, definition)], {item.position: item.answer}) if item.tries else None
    return question_check_form(definition, item.position, data=data if request.method == "GET" else None)


def _check(run: StudyRun, item: StudyItem, view: practice.TermView | None, form):
    """Act on a check or a reveal; a redirect, or None to show the form again with its message."""
    token = read_check(request.form.get("token"))
    if token is None:
        abort(400, description="This answer did not come from its practice page. Reload the page and try again.")
    if token["item"] not in {i.id for i in run.items}:
        abort(400, description="This answer belongs to another practice. Reload the page and try again.")
    if token["item"] != item.id or token["tries"] != item.tries:
        flash(REPEATED, "info")
        return redirect(url_for("student.practice_run", run_id=run.id))
    now = attempt_service.clock()
    try:
        if not form.validate_on_submit():
            return None
        if form.reveal.data and item.tries:
            practice.reveal(item, item.tries, now)
        elif view is not None:
            answer = (form.term_answer.data or "").strip()
            if not answer:
                form.term_answer.errors.append(NO_ANSWER)
                return None
            right = (term_cards.chose_right(view.term, answer) if view.face == "choose"
                     else term_cards.typed_right(view.term, answer, view.context))
            practice.check_term(item, view.face, right, answer, seconds_since(token, now), now)
        else:
            field = form[field_name(item.position)]
            response = practice.item_definition(item).response_from_form(field.data)
            if response is None:
                field.errors.append(NO_ANSWER)
                return None
            result = practice.check_question(item, response, item.tries, seconds_since(token, now), now)
            if not result.finished:
                db.session.commit()
                return redirect(url_for("student.practice_run", run_id=run.id, _anchor="hint"))
        db.session.commit()
    except TamperedResponse:
        abort(400, description="The answer sent is not one of this question's options. Reload the page.")
    except practice.AlreadyChecked:
        flash(REPEATED, "info")
        return redirect(url_for("student.practice_run", run_id=run.id))
    return redirect(url_for("student.practice_run", run_id=run.id, after=item.id, _anchor="result"))


def _render(run: StudyRun, item: StudyItem, view: practice.TermView | None, form=None, status: int = 200):
    """The practice page for one item: its form (with the hint after a wrong try), or its result."""
    if view is None and item.kind == "term":
        view = _term_view(run, item)
    token = sign_check(item.id, item.tries, attempt_service.clock(), view.face if view else None) if form else None
    total = len(run.items)
    return render_template(
        "student/practice.html", run=run, item=item, view=view, form=form, token=token, total=total,
        definition=practice.item_definition(item) if item.kind == "question" else None, field_name=field_name,
        position=run.items.index(item) + 1, result=practice_results.item_result(item) if item.done_at else None,
        hint=practice_results.hint(run, item) if item.kind == "question" and item.hinted and not item.done_at else None,
        next_item=None if form else practice.current_item(run, attempt_service.clock()),
    ), status
