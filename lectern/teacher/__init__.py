"""The teacher blueprint. Every route in it is guarded here, in one place.

The routes live in one module per area (banks, questions, quizzes, classes), each
adding to this blueprint, so a route added to any of them is guarded too.
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, request, url_for
from flask_login import current_user

from lectern.student.identity import current_student

bp = Blueprint("teacher", __name__, url_prefix="/teacher")


@bp.before_request
def require_teacher():
    """Anonymous visitors go to sign in; a student's browser is refused outright."""
    if current_user.is_authenticated:
        return None
    if current_student() is not None:
        abort(403, description="This page is for teachers. Ask your teacher if you need something changed.")
    return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))


def current_teacher():
    """The signed-in teacher (the guard above guarantees there is one)."""
    return current_user._get_current_object()


from lectern.live import teacher as live_pages  # noqa: F401  (the live pages, on this blueprint)
from lectern.teacher import (  # noqa: F401
    analysis,
    assignments,
    bank_sharing,
    banks,
    classes,
    dashboard,
    drafts,
    feedback_bands,
    gradebook,
    imports,
    key_terms,
    lti_platforms,
    monitor,
    printing,
    questions,
    quizzes,
    regrade,
    roster,
    study,
    teachers,
)
