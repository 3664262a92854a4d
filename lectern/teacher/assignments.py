"""Teacher pages: setting a quiz for a class with the class's own settings, changing them,
updating its questions from the bank, releasing the results, and taking it off the class.

Everything here belongs to the class's teacher: anyone else gets 404, as for a class
that does not exist.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from lectern.extensions import db
from lectern.models import Assignment, Classroom, Quiz
from lectern.request_input import bounded_int
from lectern.services import assignments, classes
from lectern.teacher import bp, current_teacher
from lectern.teacher.assignment_forms import (
    DEFAULTS_NOTE,
    AssignForm,
    AssignmentSettingsForm,
    ReleaseForm,
)
from lectern.teacher.class_forms import ConfirmForm
from lectern.teacher.classes import confirm_page

REFUSED = 400
ASSIGNMENT_URL = "/classes/<int:classroom_id>/assignments/<int:assignment_id>"


def _classroom(classroom_id: int) -> Classroom:
    return classes.owned_classroom(current_teacher(), classroom_id) or abort(404)


def _assignment(classroom_id: int, assignment_id: int) -> tuple[Classroom, Assignment]:
    classroom = _classroom(classroom_id)
    return classroom, classes.assignment_in(classroom, assignment_id) or abort(404)


def _class_page(classroom: Classroom) -> Response:
    return redirect(url_for("teacher.classroom", classroom_id=classroom.id, _anchor="assignments"))


def _assign_form(classroom: Classroom, **kwargs) -> AssignForm:
    return AssignForm(assignments.assignable_quizzes(), {a.quiz_id for a in classroom.assignments}, **kwargs)


def _assign_page(classroom: Classroom, form: AssignForm, quiz: Quiz | None, status: int = 200):
    quizzes = [q for q in assignments.assignable_quizzes() if q.id not in {a.quiz_id for a in classroom.assignments}]
    return render_template("teacher/assignments/assign.html", classroom=classroom, form=form, quiz=quiz,
                           quizzes=quizzes, defaults_note=DEFAULTS_NOTE), status


@bp.get("/classes/<int:classroom_id>/assign")
def assign_page(classroom_id: int):
    """Choose a quiz for the class, then its settings (they start as a test's)."""
    classroom = _classroom(classroom_id)
    quizzes = {q.id: q for q in assignments.assignable_quizzes()}
    quiz = quizzes.get(request.args.get("quiz", type=bounded_int) or 0)
    data = {"quiz_id": quiz.id, **AssignForm.defaults_from(quiz)} if quiz else None
    return _assign_page(classroom, _assign_form(classroom, formdata=None, data=data), quiz)


@bp.post("/classes/<int:classroom_id>/assignments")
def assign_quiz(classroom_id: int):
    """Set a quiz for the class with its settings; its published questions are snapshot now."""
    classroom = _classroom(classroom_id)
    form = _assign_form(classroom)
    if not form.validate_on_submit():
        quiz = form._quizzes.get(form.quiz_id.data) if form.quiz_id.data else None
        return _assign_page(classroom, form, quiz, REFUSED)
    assignment = assignments.assign(classroom, form.quiz, form.settings())
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        flash("That quiz is already assigned to the class.", "error")
        return _class_page(classroom)
    flash(f"Assigned {assignment.quiz.title} to {classroom.name}.", "info")
    return _class_page(classroom)


def _settings_page(classroom: Classroom, assignment: Assignment, form: AssignmentSettingsForm, status: int = 200):
    return render_template(
        "teacher/assignments/settings.html", classroom=classroom, assignment=assignment, form=form,
        changes=assignments.snapshot_changes(assignment), confirm=ConfirmForm(formdata=None),
        release=ReleaseForm(formdata=None), uses_release="released" in (
            assignment.review_correctness, assignment.review_right_answers, assignment.review_explanations),
    ), status


@bp.route(ASSIGNMENT_URL + "/settings", methods=["GET", "POST"])
def assignment_settings(classroom_id: int, assignment_id: int):
    """The class's settings of an assigned quiz: time limit, attempts, grading, review, practice, dates."""
    classroom, assignment = _assignment(classroom_id, assignment_id)
    form = AssignmentSettingsForm(obj=assignment)
    if form.validate_on_submit():
        assignments.change_settings(assignment, form.settings())
        db.session.commit()
        flash(f"Saved the settings of {assignment.quiz.title} for {classroom.name}. "
              "Attempts already started keep their deadline.", "info")
        return _class_page(classroom)
    return _settings_page(classroom, assignment, form, REFUSED if form.errors else 200)


@bp.post(ASSIGNMENT_URL)
def edit_assignment(classroom_id: int, assignment_id: int):
    """The settings form posted to the assignment itself (as older pages do)."""
    return assignment_settings(classroom_id, assignment_id)


@bp.post(ASSIGNMENT_URL + "/questions")
def update_assignment_questions(classroom_id: int, assignment_id: int):
    """Take the bank's current published questions for the class's new attempts."""
    classroom, assignment = _assignment(classroom_id, assignment_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form expired. Open the settings page again and retry.")
    assignments.update_snapshot(assignment)
    db.session.commit()
    flash("New attempts now get the bank's current questions. Attempts already started keep theirs.", "info")
    return redirect(url_for("teacher.assignment_settings", classroom_id=classroom.id, assignment_id=assignment.id))


@bp.post(ASSIGNMENT_URL + "/release")
def release_results(classroom_id: int, assignment_id: int):
    """Release the results: the review parts set to "when I release" show from now on."""
    classroom, assignment = _assignment(classroom_id, assignment_id)
    if not ReleaseForm().validate_on_submit():
        abort(400, description="The form expired. Open the settings page again and retry.")
    if request.form.get("withdraw"):
        assignments.withdraw_results(assignment)
        message = f"The results of {assignment.quiz.title} are hidden again."
    else:
        assignments.release_results(assignment)
        message = f"Released the results of {assignment.quiz.title} to {classroom.name}."
    db.session.commit()
    flash(message, "info")
    return redirect(url_for("teacher.assignment_settings", classroom_id=classroom.id, assignment_id=assignment.id))


@bp.route(ASSIGNMENT_URL + "/remove", methods=["GET", "POST"])
def unassign_quiz(classroom_id: int, assignment_id: int):
    """Ask first, then take the quiz off the class; attempts already made are kept."""
    classroom, assignment = _assignment(classroom_id, assignment_id)
    title = assignment.quiz.title
    if request.method == "GET":  # CSRFProtect has already refused a POST without a valid token
        return confirm_page(
            title=f"Unassign {title}?", question=f"Unassign {title} from {classroom.name}?",
            detail=("Students can no longer start it for this class. Attempts already made are kept, with their marks; "
                    "attempts in progress are submitted with the answers saved so far."),
            action=url_for("teacher.unassign_quiz", classroom_id=classroom.id, assignment_id=assignment.id),
            button=f"Unassign {title}",
            cancel=url_for("teacher.assignment_settings", classroom_id=classroom.id, assignment_id=assignment.id))
    assignments.unassign(assignment)
    db.session.commit()
    flash(f"{title} is no longer assigned. Attempts already made are kept.", "info")
    return _class_page(classroom)
