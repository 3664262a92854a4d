"""Teacher pages for results: an assignment's gradebook and its CSV downloads, one attempt as
the student saw it and as the teacher sees it, and the queue of essays to grade.

Everything here hangs off a class, so, as on the class pages, any other teacher gets
404 on every URL, exactly as for a class that does not exist.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response as HttpResponse

from lectern.core.review_policy import SHOW_ALL
from lectern.extensions import db
from lectern.models import Assignment, Attempt, Classroom, Response
from lectern.rendering import points
from lectern.services import attempt_results, classes, grading, results_export
from lectern.services import attempts as attempt_service
from lectern.services import gradebook as gradebook_service
from lectern.teacher import bp, current_teacher
from lectern.teacher.grading_forms import GradeForm

REFUSED = 400


def _classroom(classroom_id: int) -> Classroom:
    return classes.owned_classroom(current_teacher(), classroom_id) or abort(404)


def _assignment(classroom_id: int, assignment_id: int) -> Assignment:
    return classes.assignment_in(_classroom(classroom_id), assignment_id) or abort(404)


def _csv(text: str, filename: str) -> HttpResponse:
    """A CSV download: the text is already UTF-8-with-BOM ready; the browser saves it under filename."""
    return HttpResponse(text.encode("utf-8"), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@bp.get("/classes/<int:classroom_id>/assignments/<int:assignment_id>/gradebook")
def gradebook(classroom_id: int, assignment_id: int):
    """Each student on the roster with their attempts, grade by the quiz's method, time taken and status."""
    assignment = _assignment(classroom_id, assignment_id)
    return render_template("teacher/gradebook/gradebook.html", book=gradebook_service.build_gradebook(assignment),
                           assignment=assignment, classroom=assignment.classroom,
                           labels=gradebook_service.STATUS_LABELS, duration=gradebook_service.duration_text)


@bp.get("/classes/<int:classroom_id>/assignments/<int:assignment_id>/gradebook.csv")
def gradebook_csv(classroom_id: int, assignment_id: int):
    """The gradebook as a CSV file for a spreadsheet."""
    assignment = _assignment(classroom_id, assignment_id)
    return _csv(results_export.gradebook_csv(assignment), results_export.export_filename(assignment, "gradebook"))


@bp.get("/classes/<int:classroom_id>/assignments/<int:assignment_id>/responses.csv")
def responses_csv(classroom_id: int, assignment_id: int):
    """Every submitted answer, one row per student and question, as a CSV file."""
    assignment = _assignment(classroom_id, assignment_id)
    return _csv(results_export.responses_csv(assignment), results_export.export_filename(assignment, "responses"))


def _render_attempt(classroom: Classroom, attempt: Attempt, status: int = 200,
                    refused: tuple[int, GradeForm] | None = None) -> ResponseReturnValue:
    """The attempt page; a refused grade form replaces its blank twin so its message shows in place."""
    submitted = attempt.submitted_at is not None
    forms = {r.position: GradeForm(r.max_points, formdata=None, data={
        "marks": points(r.points) if r.fraction is not None else "", "comment": r.comment or "", "back": "attempt"})
        for r in attempt.responses if submitted and r.question_version.type == grading.ESSAY}
    if refused:
        forms[refused[0]] = refused[1]
    return render_template(
        "teacher/gradebook/attempt.html", classroom=classroom, attempt=attempt, forms=forms,
        responses={r.position: r for r in attempt.responses},
        name=gradebook_service.roster_name(classroom, attempt),
        items=attempt_service.review_items(attempt) if submitted else [],
        show=attempt_results.review_show_for(attempt) if submitted else None, everything=SHOW_ALL,
        duration=gradebook_service.duration_text,
    ), status


@bp.get("/classes/<int:classroom_id>/attempts/<int:attempt_id>")
def attempt(classroom_id: int, attempt_id: int):
    """One attempt: the review as its student may see it now, and everything, with essay grading, for the teacher."""
    classroom = _classroom(classroom_id)
    found = gradebook_service.attempt_in(classroom, attempt_id) or abort(404)
    attempt_service.close_if_overdue(found)
    return _render_attempt(classroom, found)


def _render_queue(classroom: Classroom, status: int = 200,
                  refused: tuple[int, GradeForm] | None = None) -> ResponseReturnValue:
    pages, items = grading.grading_queue(classroom, request.args.get("page", 1, type=int))
    forms = {i.response.id: GradeForm(i.response.max_points, formdata=None, data={"back": "queue"}) for i in items}
    if refused and refused[0] in forms:
        forms[refused[0]] = refused[1]
    return render_template("teacher/gradebook/queue.html", classroom=classroom, pages=pages, items=items,
                           forms=forms), status


@bp.get("/classes/<int:classroom_id>/grading")
def grading_queue(classroom_id: int):
    """Every written answer in this class waiting for its marks, oldest first."""
    return _render_queue(_classroom(classroom_id))


@bp.post("/classes/<int:classroom_id>/responses/<int:response_id>/grade")
def grade_response(classroom_id: int, response_id: int):
    """Give an essay its marks and comment (again, to change them); the attempt's score follows."""
    classroom = _classroom(classroom_id)
    response: Response = grading.gradable_response(classroom, response_id) or abort(404)
    form = GradeForm(response.max_points)
    if not form.validate_on_submit():
        if form.back.data == "queue":
            return _render_queue(classroom, REFUSED, refused=(response.id, form))
        return _render_attempt(classroom, response.attempt, REFUSED, refused=(response.position, form))
    grading.grade_essay(response, form.marks_value, form.comment.data, current_teacher())
    db.session.commit()
    name = gradebook_service.roster_name(classroom, response.attempt)
    flash(f"Saved {points(response.points)} / {points(response.max_points)} for {name}'s answer "
          f"to question {response.position}.", "info")
    if form.back.data == "queue":
        return redirect(url_for("teacher.grading_queue", classroom_id=classroom.id, page=request.args.get("page")))
    return redirect(url_for("teacher.attempt", classroom_id=classroom.id, attempt_id=response.attempt_id,
                            _anchor=f"question-{response.position}"))
