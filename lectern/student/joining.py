"""Students join a class with its code (pages on the student blueprint).

No account: joining puts this browser's student on the roster and gives them a personal
code, shown once, that brings them back to the same record from another device.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, session, url_for
from sqlalchemy.exc import IntegrityError

from lectern.core import join_codes
from lectern.extensions import db, limiter
from lectern.models import Student
from lectern.services import classes
from lectern.student.identity import SESSION_KEY, current_student, student_named
from lectern.student.join_forms import NO_MATCH, JoinForm, RejoinForm
from lectern.student.routes import bp

# The personal code waits here between the join and the page that shows it, then is
# popped: shown once, never stored in clear on the server.
PENDING_CODE_KEY = "new_personal_code"
# Only refused tries count, so a whole class behind one school address can join at once,
# while guessing codes (31^6 × 31^8 combinations) stays hopeless.
JOIN_LIMIT = "20 per minute"
REJOIN_LIMIT = "10 per minute"


def _failed(response) -> bool:
    return response.status_code != 302


def _become(student: Student) -> None:
    """Make this browser that student (their token in the signed session)."""
    session[SESSION_KEY] = student.token
    session.permanent = True
    session.pop(PENDING_CODE_KEY, None)


@bp.context_processor
def class_helpers() -> dict[str, Any]:
    """`my_class_list()` for student pages (the home page lists assigned quizzes); queried only if called."""
    return {"my_class_list": lambda: classes.classes_of(current_student())}


@bp.route("/join", methods=["GET", "POST"])
@bp.route("/join/<code>", methods=["GET", "POST"])
@limiter.limit(JOIN_LIMIT, methods=["POST"], deduct_when=_failed)
def join(code: str | None = None):
    """Class code and name: this browser's student goes on the class roster."""
    student = current_student()
    form = JoinForm(data={"class_code": code or "", "display_name": student.display_name if student else ""})
    if form.validate_on_submit():
        classroom = classes.classroom_by_code(form.class_code.data)
        if classroom is None:
            form.class_code.errors.append(f"No class has the code {join_codes.normalise(form.class_code.data)}. "
                                          "Check it with your teacher.")
        elif classes.enrollment_of(classroom, student) is not None:
            flash(f"This browser is already in {classroom.name}.", "info")
            return redirect(url_for("student.my_classes"))
        else:
            joined = classes.join(classroom, student_named(form.display_name.data), form.display_name.data)
            try:
                db.session.commit()
            except IntegrityError:  # the same form sent twice at once: the first one joined
                db.session.rollback()
                return redirect(url_for("student.my_classes"))
            if joined.personal_code:
                session[PENDING_CODE_KEY] = joined.personal_code
            flash(f"You joined {classroom.name}.", "info")
            return redirect(url_for("student.my_classes"))
    return render_template("student/join.html", form=form, student=student), (400 if form.errors else 200)


@bp.route("/join/return", methods=["GET", "POST"])
@limiter.limit(REJOIN_LIMIT, methods=["POST"], deduct_when=_failed)
def rejoin():
    """Class code and personal code: this browser becomes that student again, attempts and all."""
    form = RejoinForm()
    if form.validate_on_submit():
        student = classes.returning_student(form.class_code.data, form.personal_code.data)
        if student is None:
            form.personal_code.errors.append(NO_MATCH)
        else:
            _become(student)
            flash(f"Welcome back, {student.display_name}. Your classes and attempts are on this device now.",
                  "info")
            return redirect(url_for("student.my_classes"))
    return render_template("student/join_return.html", form=form), (400 if form.errors else 200)


@bp.get("/classes")
def my_classes():
    """The student's classes and their assigned quizzes; right after joining, the personal code, once."""
    student = current_student()
    personal_code = session.pop(PENDING_CODE_KEY, None)
    page = render_template("student/my_classes.html", student=student, personal_code=personal_code,
                           classes=classes.classes_of(student))
    # The code must not come back from a cache or the back button either.
    return page, 200, ({"Cache-Control": "no-store"} if personal_code else {})
