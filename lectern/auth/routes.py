"""The ways in and out: teachers sign in and out, or join by an invitation link; a student on
a shared computer says "Not you?". Students never need an account."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.exc import SQLAlchemyError

from lectern.auth.forms import AcceptInviteForm, ConfirmForm, SignInForm
from lectern.auth.return_path import same_site_path
from lectern.extensions import db, limiter
from lectern.models import Student
from lectern.services import teacher_invites
from lectern.services.teachers import AccountProblem, authenticate, end_sessions
from lectern.student.identity import current_student, forget_student

# No prefix: the teacher pages live under /teacher, the invitation link at /invite/<token>.
bp = Blueprint("auth", __name__)

SIGN_IN_LIMIT_PER_ACCOUNT = "5 per minute"
SIGN_IN_LIMIT_PER_ADDRESS = "20 per minute"


def _account_key() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()


def _failed(response) -> bool:
    """Only refused sign-ins count against the limits (a success redirects)."""
    return response.status_code != 302


@bp.route("/teacher/sign-in", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_LIMIT_PER_ACCOUNT, key_func=_account_key, methods=["POST"], deduct_when=_failed)
@limiter.limit(SIGN_IN_LIMIT_PER_ADDRESS, methods=["POST"], deduct_when=_failed)
def sign_in():
    """Email and password; a new session on success, the same answer for any failure."""
    if current_user.is_authenticated:
        return redirect(url_for("teacher.dashboard"))
    form = SignInForm()
    if form.validate_on_submit():
        teacher = authenticate(form.email.data, form.password.data)
        if teacher is not None:
            session.clear()  # a fresh session: nothing from before sign-in carries over
            login_user(teacher)
            return redirect(_safe_next(request.args.get("next")))
        form.password.errors.append("That email and password do not match an account.")
    return render_template("auth/sign_in.html", form=form), (401 if form.errors and request.method == "POST" else 200)


@bp.post("/teacher/sign-out")
@login_required
def sign_out():
    """End the session completely: a copy of the old cookie no longer signs anyone in."""
    end_sessions(current_user._get_current_object())
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.sign_in"))


def _safe_next(target: str | None) -> str:
    """Only this site's own pages are followed after sign-in, so a link cannot bounce a teacher elsewhere."""
    return same_site_path(target) or url_for("teacher.dashboard")


INVITE_PROBLEMS = {
    teacher_invites.UNKNOWN: (404, ("This invitation link does not work. Check that the whole link was "
                                    "copied, or ask the teacher who sent it for a new one.")),
    teacher_invites.USED: (410, ("This invitation was already used; ask for a new one. If you made your "
                                 "account with it, sign in instead.")),
    teacher_invites.EXPIRED: (410, "This invitation has expired; ask the teacher who sent it for a new one."),
}


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept_invite(token: str):
    """The invited teacher chooses a password; the account is made, the link used up, and they are in."""
    try:
        invite = teacher_invites.usable_invite(token)
    except teacher_invites.InviteUnusable as e:
        return _invite_unusable(e.reason)
    form, problem = AcceptInviteForm(), None
    if form.validate_on_submit():
        try:
            teacher = teacher_invites.accept_invite(token, form.password.data)
            db.session.commit()
        except teacher_invites.InviteUnusable as e:
            db.session.rollback()
            return _invite_unusable(e.reason)
        except AccountProblem as e:
            db.session.rollback()
            problem = f"{e} Sign in with that account instead."
        else:
            session.clear()  # a fresh session, as at sign-in
            login_user(teacher)
            flash("Your teacher account is ready. Welcome to Lectern.", "info")
            return redirect(url_for("teacher.dashboard"))
    status = 409 if problem else (400 if form.errors else 200)
    return render_template("auth/accept_invite.html", form=form, email=invite.email, problem=problem), status


def _invite_unusable(reason: str):
    status, message = INVITE_PROBLEMS[reason]
    return render_template("auth/invite_unusable.html", message=message), status


NOT_YOU_DONE = ("Signed out. The next student starts fresh; to get back to your own record, "
                "use your class code and personal code.")


@bp.post("/not-you")
def not_you():
    """A shared computer: this browser stops being the student it was (their record stays theirs)."""
    form = ConfirmForm()
    if form.validate_on_submit():  # the CSRF token: another site cannot sign a student out
        forget_student()
        flash(NOT_YOU_DONE, "info")
    return redirect(url_for("student.home"))


def _header_student() -> Student | None:
    """This browser's student for the header, or None when the database cannot say (an error
    page about a failed query must still render, not fail a second time)."""
    try:
        return current_student()
    except SQLAlchemyError:
        return None


@bp.app_context_processor
def who_is_here() -> dict[str, Any]:
    """`header_student()` for the header's name and "Not you?"; queried only if a page calls it."""
    return {"header_student": _header_student}
