"""Teacher pages: the class roster on its own page, one student's page (rename, remove), and merging
two entries of the same student. Removing asks first, on a page of its own, so it works without script."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from lectern.extensions import db
from lectern.models import Classroom, Enrollment
from lectern.services import classes
from lectern.teacher import bp
from lectern.teacher.class_forms import MergeForm, RenameForm
from lectern.teacher.classes import REFUSED, _classroom, _enrollment, confirm_page


def _to_roster(classroom: Classroom) -> Response:
    return redirect(url_for("teacher.roster", classroom_id=classroom.id))


def _render_roster(classroom: Classroom, status: int = 200, merge: MergeForm | None = None):
    return render_template(
        "teacher/classes/roster.html", classroom=classroom, rows=classes.roster(classroom),
        merge_form=merge or MergeForm(classroom.enrollments, formdata=None)), status


def _render_student(classroom: Classroom, enrollment: Enrollment, status: int = 200, form: RenameForm | None = None):
    # formdata=None: a blank page shows the name as it is, not whatever was posted elsewhere.
    form = form or RenameForm(formdata=None, data={"display_name": enrollment.display_name})
    return render_template("teacher/classes/student.html", classroom=classroom, enrollment=enrollment,
                           form=form), status


@bp.get("/classes/<int:classroom_id>/roster")
def roster(classroom_id: int):
    """The students in the class: name, when they joined, attempts made; each with a link to change it."""
    return _render_roster(_classroom(classroom_id))


@bp.get("/classes/<int:classroom_id>/students/<int:enrollment_id>")
def roster_student(classroom_id: int, enrollment_id: int):
    """One student on the roster: rename them, or remove them from the class."""
    classroom = _classroom(classroom_id)
    return _render_student(classroom, _enrollment(classroom, enrollment_id))


@bp.post("/classes/<int:classroom_id>/students/<int:enrollment_id>/rename")
def rename_student(classroom_id: int, enrollment_id: int):
    """Change a student's name on the roster."""
    classroom = _classroom(classroom_id)
    enrollment = _enrollment(classroom, enrollment_id)
    form = RenameForm()
    if not form.validate_on_submit():
        return _render_student(classroom, enrollment, REFUSED, form)
    classes.rename(enrollment, form.display_name.data)
    db.session.commit()
    flash(f"Renamed to {enrollment.display_name}.", "info")
    return _to_roster(classroom)


@bp.route("/classes/<int:classroom_id>/students/<int:enrollment_id>/remove", methods=["GET", "POST"])
def remove_student(classroom_id: int, enrollment_id: int):
    """Ask, then take a student off the roster; their past attempts are kept."""
    classroom = _classroom(classroom_id)
    enrollment = _enrollment(classroom, enrollment_id)
    name = enrollment.display_name
    if request.method == "GET":  # CSRFProtect has already refused a POST without a valid token
        return confirm_page(
            title=f"Remove {name}", question=f"Remove {name} from {classroom.name}?",
            detail="Their past attempts are kept. They can join again with the class's join code.",
            action=url_for("teacher.remove_student", classroom_id=classroom.id, enrollment_id=enrollment.id),
            button=f"Remove {name}",
            cancel=url_for("teacher.roster_student", classroom_id=classroom.id, enrollment_id=enrollment.id))
    classes.remove(enrollment)
    db.session.commit()
    flash(f"{name} was removed from the class. Their past attempts are kept.", "info")
    return _to_roster(classroom)


@bp.post("/classes/<int:classroom_id>/merge")
def merge_students(classroom_id: int):
    """Fold a duplicate roster entry (the same student from another device) into the one kept."""
    classroom = _classroom(classroom_id)
    form = MergeForm(classroom.enrollments)
    if not form.validate_on_submit():
        return _render_roster(classroom, REFUSED, form)
    keep, duplicate = _enrollment(classroom, form.keep.data), _enrollment(classroom, form.duplicate.data)
    names = keep.display_name, duplicate.display_name
    moved = classes.merge(keep, duplicate)
    db.session.commit()
    flash(f"Merged {names[1]} into {names[0]}: {moved} attempt{'' if moved == 1 else 's'} moved.", "info")
    return _to_roster(classroom)
