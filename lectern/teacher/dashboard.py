"""The teacher's home: the latest results, each class in a line, and the banks."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Bank
from lectern.services import class_summary
from lectern.teacher import bp, current_teacher


@bp.get("/")
def dashboard():
    """The last results in this teacher's classes, their classes with what needs doing, and every bank."""
    teacher = current_teacher()
    banks = db.session.scalars(select(Bank).order_by(Bank.title)).all()
    return render_template("teacher/dashboard.html", banks=banks,
                           recent=class_summary.recent_results(teacher),
                           overviews=class_summary.class_overviews(teacher))
