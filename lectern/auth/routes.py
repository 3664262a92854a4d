"""Teachers sign in and out. Students never need an account."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from lectern.auth.forms import SignInForm
from lectern.extensions import limiter
from lectern.services.teachers import authenticate, end_sessions

bp = Blueprint("auth", __name__, url_prefix="/teacher")

SIGN_IN_LIMIT_PER_ACCOUNT = "5 per minute"
SIGN_IN_LIMIT_PER_ADDRESS = "20 per minute"


def _account_key() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()


def _failed(response) -> bool:
    """Only refused sign-ins count against the limits (a success redirects)."""
    return response.status_code != 302


@bp.route("/sign-in", methods=["GET", "POST"])
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


@bp.post("/sign-out")
@login_required
def sign_out():
    """End the session completely: a copy of the old cookie no longer signs anyone in."""
    end_sessions(current_user._get_current_object())
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.sign_in"))


def _safe_next(target: str | None) -> str:
    """Only local paths are followed after sign-in, so a link cannot bounce a teacher elsewhere."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("teacher.dashboard")
