"""Teacher pages: classes, their join codes, rosters and assigned quizzes.

A class and everything in it belong to the teacher who made it: any other teacher
gets 404 on every URL here, exactly as for a class that does not exist.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from lectern.extensions import db
from lectern.models import Assignment, Classroom, Enrollment
from lectern.services import classes
from lectern.teacher import bp, current_teacher
from lectern.teacher.class_forms import (
    AssignForm,
    ClassroomForm,
    ConfirmForm,
    DatesForm,
    MergeForm,
    RenameForm,
)

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


def _assign_form(classroom: Classroom, **kwargs) -> AssignForm:
    return AssignForm(classes.assignable_quizzes(), {a.quiz_id for a in classroom.assignments}, **kwargs)


def _render(classroom: Classroom, status: int = 200, *, rename: tuple[int, RenameForm] | None = None,
            dates: tuple[int, DatesForm] | None = None, merge: MergeForm | None = None,
            assign: AssignForm | None = None):
    """The class page; a form that was refused replaces its blank twin, so its messages show in place."""
    rows = classes.roster(classroom)
    # formdata=None: on a refused POST the other forms must not pick up the posted values.
    rename_forms = {r.enrollment.id: RenameForm(formdata=None, data={"display_name": r.enrollment.display_name})
                    for r in rows}
    dates_forms = {a.id: DatesForm(formdata=None, obj=a) for a in classroom.assignments}
    if rename:
        rename_forms[rename[0]] = rename[1]
    if dates:
        dates_forms[dates[0]] = dates[1]
    return render_template(
        "teacher/classes/classroom.html", classroom=classroom, rows=rows,
        join_url=url_for("student.join", code=classroom.join_code, _external=True),
        assignments=[(a, classes.assignment_state(a.opens_at, a.closes_at)) for a in classroom.assignments],
        rename_forms=rename_forms, dates_forms=dates_forms, confirm=ConfirmForm(formdata=None),
        merge_form=merge or MergeForm(classroom.enrollments, formdata=None),
        assign_form=assign or _assign_form(classroom, formdata=None),
    ), status


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
    """The join code, the roster, and the quizzes assigned to the class."""
    return _render(_classroom(classroom_id))


@bp.post("/classes/<int:classroom_id>/code")
def regenerate_join_code(classroom_id: int):
    """A new join code, for when the old one was shared too widely."""
    classroom = _classroom(classroom_id)
    code = classes.regenerate_join_code(classroom)
    if _committed():
        flash(f"The new join code is {code}. The old code no longer works; students already in the class stay.",
              "info")
    else:
        flash("The join code could not be changed just now. Try again.", "error")
    return _back(classroom, "join")


@bp.post("/classes/<int:classroom_id>/students/<int:enrollment_id>/rename")
def rename_student(classroom_id: int, enrollment_id: int):
    """Change a student's name on the roster."""
    classroom = _classroom(classroom_id)
    enrollment = _enrollment(classroom, enrollment_id)
    form = RenameForm()
    if not form.validate_on_submit():
        return _render(classroom, REFUSED, rename=(enrollment.id, form))
    classes.rename(enrollment, form.display_name.data)
    db.session.commit()
    flash(f"Renamed to {enrollment.display_name}.", "info")
    return _back(classroom, "roster")


@bp.post("/classes/<int:classroom_id>/students/<int:enrollment_id>/remove")
def remove_student(classroom_id: int, enrollment_id: int):
    """Take a student off the roster; their past attempts are kept."""
    classroom = _classroom(classroom_id)
    enrollment = _enrollment(classroom, enrollment_id)
    name = enrollment.display_name
    classes.remove(enrollment)
    db.session.commit()
    flash(f"{name} was removed from the class. Their past attempts are kept.", "info")
    return _back(classroom, "roster")


@bp.post("/classes/<int:classroom_id>/merge")
def merge_students(classroom_id: int):
    """Fold a duplicate roster entry (the same student from another device) into the one kept."""
    classroom = _classroom(classroom_id)
    form = MergeForm(classroom.enrollments)
    if not form.validate_on_submit():
        return _render(classroom, REFUSED, merge=form)
    keep, duplicate = _enrollment(classroom, form.keep.data), _enrollment(classroom, form.duplicate.data)
    names = keep.display_name, duplicate.display_name
    moved = classes.merge(keep, duplicate)
    db.session.commit()
    flash(f"Merged {names[1]} into {names[0]}: {moved} attempt{'' if moved == 1 else 's'} moved.", "info")
    return _back(classroom, "roster")


@bp.post("/classes/<int:classroom_id>/assignments")
def assign_quiz(classroom_id: int):
    """Set a quiz for the class, with optional opening and closing times (UTC)."""
    classroom = _classroom(classroom_id)
    form = _assign_form(classroom)
    if not form.validate_on_submit():
        return _render(classroom, REFUSED, assign=form)
    assignment = classes.assign(classroom, form.quiz, form.opens_at.data, form.closes_at.data)
    if _committed():
        flash(f"Assigned {assignment.quiz.title}.", "info")
    else:
        flash("That quiz is already assigned to the class.", "error")
    return _back(classroom, "assignments")


@bp.post("/classes/<int:classroom_id>/assignments/<int:assignment_id>")
def edit_assignment(classroom_id: int, assignment_id: int):
    """Change when an assigned quiz opens and closes."""
    classroom = _classroom(classroom_id)
    assignment = _assignment(classroom, assignment_id)
    form = DatesForm()
    if not form.validate_on_submit():
        return _render(classroom, REFUSED, dates=(assignment.id, form))
    classes.reschedule(assignment, form.opens_at.data, form.closes_at.data)
    db.session.commit()
    flash(f"Saved the dates of {assignment.quiz.title}.", "info")
    return _back(classroom, "assignments")


@bp.post("/classes/<int:classroom_id>/assignments/<int:assignment_id>/remove")
def unassign_quiz(classroom_id: int, assignment_id: int):
    """Take a quiz off the class; attempts already made are kept."""
    classroom = _classroom(classroom_id)
    assignment = _assignment(classroom, assignment_id)
    title = assignment.quiz.title
    classes.unassign(assignment)
    db.session.commit()
    flash(f"{title} is no longer assigned. Attempts already made are kept.", "info")
    return _back(classroom, "assignments")
