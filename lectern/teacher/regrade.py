"""Regrading a class's assignment after a question's key was fixed: a dry run, then the regrade.

As on every class page, another teacher gets 404 here, exactly as for a class that does not exist.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from lectern.extensions import db
from lectern.models import Assignment
from lectern.services import classes, regrading
from lectern.teacher import bp, current_teacher
from lectern.teacher.grading_forms import RegradeForm

REFUSED = 400


def _assignment(classroom_id: int, assignment_id: int) -> Assignment:
    classroom = classes.owned_classroom(current_teacher(), classroom_id) or abort(404)
    return classes.assignment_in(classroom, assignment_id) or abort(404)


@bp.route("/classes/<int:classroom_id>/assignments/<int:assignment_id>/regrade", methods=["GET", "POST"])
def regrade(classroom_id: int, assignment_id: int):
    """The questions answered in an older version than their latest; what regrading them changes; doing it.

    The GET is the dry run (it writes nothing); the POST regrades, with the choices the dry run showed.
    """
    assignment = _assignment(classroom_id, assignment_id)
    stale = regrading.stale_questions(assignment)
    choices = [(q.question_id, q.prompt) for q in stale]
    if request.method == "POST":
        form = RegradeForm(choices)
        if form.validate_on_submit():
            plan = regrading.regrade(assignment, set(form.questions.data), form.include_overridden.data,
                                     current_teacher())
            db.session.commit()
            count = len(plan.attempt_ids)
            flash(f"Regraded: the marks of {count} attempt{'' if count == 1 else 's'} changed.", "info")
            return redirect(url_for("teacher.gradebook", classroom_id=classroom_id, assignment_id=assignment_id))
        status = REFUSED
    else:  # the dry run: choices sent with "Show what would change", else every question ticked
        sent = "preview" in request.args
        form = RegradeForm(choices, formdata=request.args if sent else None, meta={"csrf": False},
                           data=None if sent else {"questions": [q for q, _ in choices]})
        form.validate()
        status = 200
    rows = regrading.dry_run(assignment, set(form.questions.data), form.include_overridden.data) \
        if choices and not form.questions.errors else []
    return render_template("teacher/gradebook/regrade.html", assignment=assignment, classroom=assignment.classroom,
                           stale=stale, form=form, rows=rows,
                           attempts=len({r.diff.attempt_id for r in rows if r.diff.applies})), status
