"""Teacher pages: classes, their join codes, and the class page with each quiz's results first.

A class and everything in it belong to the teacher who made it: any other teacher
gets 404 on every URL here, exactly as for a class that does not exist. The roster has
its own module (roster.py); assigning and the settings of an assigned quiz are in assignments.py.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from lectern.core import grade_summary
from lectern.extensions import db
from lectern.models import Assignment, Classroom, Enrollment
from lectern.services import class_summary, classes
from lectern.teacher import bp, current_teacher
from lectern.teacher.class_forms import ClassroomForm, ConfirmForm

REFUSED = 400  # a form that was not accepted: the page again, with the messages next to the fields


def _classroom(classroom_id: int) -> Classroom:
    classroom = classes.owned_classroom(current_teacher(), classroom_id)
    if classroom is None:
        abort(404)
    return classroom


def _enrollment(classroom: Classroom, enrollment_id: int) -> Enrollment:
    return classes.enrollment_in(classroom, enrollment_id) or abort(404)


def _assignment(classroom: Classroom, assignment_id: int) -> Assignment:
    return classes.assignment_in(classroom, assignment_id) or abort(404)


def _committed() -> bool:
    """Commit the request's writes; False, with nothing written, if a simultaneous request won a race."""
    try:
        db.session.commit()
        return True
    except IntegrityError:
        db.session.rollback()
        return False


def _back(classroom: Classroom, anchor: str) -> Response:
    return redirect(url_for("teacher.classroom", classroom_id=classroom.id, _anchor=anchor))


def _render(classroom: Classroom, status: int = 200):
    """The class page: the join code, then each assigned quiz's results (its forms live on their own pages)."""
    return render_template(
        "teacher/classes/classroom.html", classroom=classroom,
        summaries=class_summary.assignment_summaries(classroom), students=len(classroom.enrollments),
        join_url=url_for("student.join", code=classroom.join_code, _external=True),
        text=grade_summary,
    ), status


def confirm_page(*, title: str, question: str, detail: str, action: str, button: str, cancel: str):
    """A page that asks before a destructive action: its red button posts to `action`; Cancel goes back."""
    return render_template("teacher/classes/confirm.html", title=title, question=question, detail=detail,
                           action=action, button=button, cancel=cancel, form=ConfirmForm(formdata=None))


@bp.route("/classes/new", methods=["GET", "POST"])
def new_classroom():
    """Name a new class; it gets its join code straight away."""
    form = ClassroomForm()
    if form.validate_on_submit():
        classroom = classes.create_classroom(current_teacher(), form.name.data)
        if _committed():
            flash(f"Class created. Students join with the code {classroom.join_code}.", "info")
            return redirect(url_for("teacher.classroom", classroom_id=classroom.id))
        form.name.errors.append("The class could not be saved just now. Try again.")
    return render_template("teacher/classes/new.html", form=form), (REFUSED if form.errors else 200)


@bp.get("/classes/<int:classroom_id>")
def classroom(classroom_id: int):
    """The join code, then each assigned quiz: its state, settings, how many submitted and how they did."""
    return _render(_classroom(classroom_id))


@bp.route("/classes/<int:classroom_id>/code", methods=["GET", "POST"])
def regenerate_join_code(classroom_id: int):
    """Ask, then make a new join code, for when the old one was shared too widely."""
    classroom = _classroom(classroom_id)
    if request.method == "GET":  # CSRFProtect has already refused a POST without a valid token
        return confirm_page(
            title=f"New join code for {classroom.name}",
            question=f"Make a new join code for {classroom.name}?",
            detail=f"The code {classroom.join_code} stops working at once. Students already in the class stay.",
            action=url_for("teacher.regenerate_join_code", classroom_id=classroom.id),
            button="Make a new join code", cancel=url_for("teacher.classroom", classroom_id=classroom.id))
    code = classes.regenerate_join_code(classroom)
    if _committed():
        flash(f"The new join code is {code}. The old code no longer works; students already in the class stay.",
              "info")
    else:
        flash("The join code could not be changed just now. Try again.", "error")
    return _back(classroom, "join")
