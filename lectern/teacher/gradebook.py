"""Teacher pages for results: an assignment's gradebook and its CSV downloads, one attempt as
the student saw it and as the teacher sees it, and the queue of essays to grade.

Everything here hangs off a class, so, as on the class pages, any other teacher gets
404 on every URL, exactly as for a class that does not exist.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as HttpResponse

from lectern.core.review_policy import SHOW_ALL
from lectern.extensions import db
from lectern.models import Assignment, Attempt, Classroom, Response
from lectern.rendering import points
from lectern.request_input import bounded_int
from lectern.services import (
    attempt_results,
    class_monitor,
    classes,
    grading,
    lti_scores,
    mark_overrides,
    results_export,
)
from lectern.services import gradebook as gradebook_service
from lectern.services.attempt_review import review_items
from lectern.services.attempts import close_if_overdue
from lectern.services.overdue_attempts import shown_as_closed
from lectern.services.question_versions import definition_of
from lectern.teacher import bp, current_teacher
from lectern.teacher.grading_forms import FeedbackForm, GradeForm, MarkForm, grade_form

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
    book = gradebook_service.build_gradebook(assignment)
    return render_template("teacher/gradebook/gradebook.html", book=book,
                           assignment=assignment, classroom=assignment.classroom,
                           labels=gradebook_service.STATUS_LABELS, duration=gradebook_service.duration_text,
                           progress=class_monitor.progress_of(assignment),
                           from_course=lti_scores.opened_from_a_course(assignment))


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


def _mark_forms(attempt: Attempt) -> dict[int, FlaskForm]:
    """A blank form per response of a submitted attempt: marks for an essay, a mark change for the rest."""
    if attempt.submitted_at is None:
        return {}
    return {r.position: _essay_form(r, formdata=None, data={
                "marks": points(r.points) if r.fraction is not None else "", "comment": r.comment or "",
                "back": "attempt"}) if r.question_version.type == grading.ESSAY
            else MarkForm(r.max_points, r.points, formdata=None, data={
                "marks": points(r.points), "comment": r.comment or ""})
            for r in attempt.responses}


def _essay_form(response: Response, **kwargs: Any) -> GradeForm:
    """The grading form of an essay response: by its version's rubric, if it has one, else by marks."""
    rubric = getattr(definition_of(response.question_version), "rubric", [])
    return grade_form(response.max_points, rubric, response.rubric_marks, **kwargs)


def _render_attempt(classroom: Classroom, attempt: Attempt, status: int = 200,
                    refused: tuple[int, FlaskForm] | None = None,
                    feedback_form: FeedbackForm | None = None) -> ResponseReturnValue:
    """The attempt page; a refused form replaces its blank twin so its message shows in place."""
    submitted = attempt.submitted_at is not None
    forms = _mark_forms(attempt)
    if refused:
        forms[refused[0]] = refused[1]
    responses = {r.position: r for r in attempt.responses}
    return render_template(
        "teacher/gradebook/attempt.html", classroom=classroom, attempt=attempt, forms=forms,
        responses=responses, overridden=mark_overrides.overridden_ids({r.id for r in attempt.responses}),
        feedback_form=feedback_form or FeedbackForm(formdata=None, data={"feedback": attempt.feedback or ""}),
        changes=mark_overrides.changes_of(attempt), positions={r.id: r.position for r in attempt.responses},
        name=gradebook_service.roster_name(classroom, attempt),
        items=review_items(attempt) if submitted else [],
        show=attempt_results.review_show_for(attempt) if submitted else None, everything=SHOW_ALL,
        duration=gradebook_service.duration_text,
    ), status


@bp.get("/classes/<int:classroom_id>/attempts/<int:attempt_id>")
def attempt(classroom_id: int, attempt_id: int):
    """One attempt: the review as its student may see it now, and everything, with essay grading, for the teacher."""
    classroom = _classroom(classroom_id)
    found = gradebook_service.attempt_in(classroom, attempt_id) or abort(404)
    shown_as_closed(found)  # past its deadline: as the deadline submits it, without writing
    return _render_attempt(classroom, found)


def _render_queue(classroom: Classroom, status: int = 200,
                  refused: tuple[int, GradeForm] | None = None) -> ResponseReturnValue:
    pages, items = grading.grading_queue(classroom, request.args.get("page", 1, type=bounded_int))
    forms = {i.response.id: _essay_form(i.response, formdata=None, data={"back": "queue"}) for i in items}
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
    form = _essay_form(response)
    if not form.validate_on_submit():
        if form.back.data == "queue":
            return _render_queue(classroom, REFUSED, refused=(response.id, form))
        return _render_attempt(classroom, response.attempt, REFUSED, refused=(response.position, form))
    grading.grade_essay(response, form.marks_value, form.comment.data, current_teacher(), levels=form.levels)
    db.session.commit()
    name = gradebook_service.roster_name(classroom, response.attempt)
    flash(f"Saved {points(response.points)} / {points(response.max_points)} for {name}'s answer "
          f"to question {response.position}.", "info")
    if form.back.data == "queue":
        return redirect(url_for("teacher.grading_queue", classroom_id=classroom.id, page=request.args.get("page")))
    return redirect(url_for("teacher.attempt", classroom_id=classroom.id, attempt_id=response.attempt_id,
                            _anchor=f"question-{response.position}"))


IN_PROGRESS = "This attempt is still in progress: its marks can change once the student submits it."


@bp.post("/classes/<int:classroom_id>/responses/<int:response_id>/mark")
def change_mark(classroom_id: int, response_id: int):
    """Override an answer's mark (with the reason) and/or comment on it; the attempt's score follows."""
    classroom = _classroom(classroom_id)
    response: Response = mark_overrides.response_in(classroom, response_id) or abort(404)
    close_if_overdue(response.attempt)  # a POST writes: one whose time ran out is submitted first
    if response.attempt.submitted_at is None:
        abort(409, description=IN_PROGRESS)
    form = MarkForm(response.max_points, response.points)
    if not form.validate_on_submit():
        return _render_attempt(classroom, response.attempt, REFUSED, refused=(response.position, form))
    changed = mark_overrides.change_mark(response, form.marks_value, form.reason.data, form.comment.data,
                                         current_teacher())
    db.session.commit()
    flash(f"Saved question {response.position}: {points(response.points)} / {points(response.max_points)} points."
          if changed else f"Nothing changed on question {response.position}.", "info")
    return redirect(url_for("teacher.attempt", classroom_id=classroom.id, attempt_id=response.attempt_id,
                            _anchor=f"question-{response.position}"))


@bp.post("/classes/<int:classroom_id>/attempts/<int:attempt_id>/feedback")
def attempt_feedback(classroom_id: int, attempt_id: int):
    """Save the teacher's overall feedback on the attempt, shown at the top of the student's review."""
    classroom = _classroom(classroom_id)
    found = gradebook_service.attempt_in(classroom, attempt_id) or abort(404)
    close_if_overdue(found)  # a POST writes: one whose time ran out is submitted first
    if found.submitted_at is None:
        abort(409, description=IN_PROGRESS)
    form = FeedbackForm()
    if not form.validate_on_submit():
        return _render_attempt(classroom, found, REFUSED, feedback_form=form)
    mark_overrides.set_feedback(found, form.feedback.data, current_teacher())
    db.session.commit()
    flash("The overall feedback was saved.", "info")
    return redirect(url_for("teacher.attempt", classroom_id=classroom.id, attempt_id=found.id, _anchor="overall-feedback"))
