"""LTI platforms (the admin registers the school's LMS) and, per assignment, the grade sync state."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from lectern.auth.forms import ConfirmForm
from lectern.extensions import db
from lectern.lti.cli import tool_urls
from lectern.lti.forms import PlatformForm
from lectern.services import classes, lti_platforms, lti_scores
from lectern.teacher import bp, current_teacher


def _require_admin() -> None:
    if not current_teacher().is_admin:
        abort(403, description="Only an admin can register LTI platforms. Ask the person who runs this Lectern.")


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@bp.route("/lti", methods=["GET", "POST"])
def lti_platforms_page():
    """The registered platforms, the URLs each LMS needs from Lectern, and the form to register one."""
    _require_admin()
    form = PlatformForm()
    if form.validate_on_submit():
        details = lti_platforms.PlatformDetails(
            form.name.data, form.issuer.data, form.client_id.data, _lines(form.deployment_ids.data),
            form.auth_login_url.data, form.token_url.data, form.jwks_url.data, _lines(form.frame_origins.data))
        try:
            platform, created = lti_platforms.register(details)
        except lti_platforms.PlatformProblem as e:
            form.form_errors.append(str(e))
        else:
            db.session.commit()
            flash(f"{platform.name} is {'registered' if created else 'updated'}.", "info")
            return redirect(url_for("teacher.lti_platforms_page"))
    return render_template("teacher/lti_platforms.html", form=form, urls=tool_urls(), remove_form=ConfirmForm(),
                           platforms=lti_platforms.all_platforms(), waiting=lti_scores.waiting_count()), \
        (400 if form.errors or form.form_errors else 200)


@bp.post("/lti/<int:platform_id>/remove")
def remove_lti_platform(platform_id: int):
    """Forget a platform: its launches stop working; its classes, students and attempts stay."""
    _require_admin()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if lti_platforms.remove(platform_id):
        db.session.commit()
        flash("The platform is removed; its launches no longer work.", "info")
    return redirect(url_for("teacher.lti_platforms_page"))


@bp.get("/classes/<int:classroom_id>/assignments/<int:assignment_id>/lms-grades")
def lti_grade_sync(classroom_id: int, assignment_id: int):
    """Per student: whether their score reached the course's gradebook, is waiting, or keeps failing (and why)."""
    classroom = classes.owned_classroom(current_teacher(), classroom_id)
    assignment = classes.assignment_in(classroom, assignment_id) if classroom else None
    if assignment is None:
        abort(404)
    return render_template("teacher/lti_grade_sync.html", classroom=classroom, assignment=assignment,
                           states=lti_scores.sync_states(assignment))
