"""The teacher's home: banks, quizzes and classes at a glance."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Bank
from lectern.teacher import bp, current_teacher


@bp.get("/")
def dashboard():
    """Every bank (shared by all teachers) and this teacher's classes."""
    banks = db.session.scalars(select(Bank).order_by(Bank.title)).all()
    return render_template("teacher/dashboard.html", banks=banks, classrooms=current_teacher().classrooms)
