"""Teacher page: the monitor of one assigned quiz while the class sits it (who is where, time left)."""

from __future__ import annotations

from flask import render_template

from lectern.models import utcnow
from lectern.services import class_monitor
from lectern.teacher import bp
from lectern.teacher.classes import _assignment, _classroom


@bp.get("/classes/<int:classroom_id>/assignments/<int:assignment_id>/monitor")
def monitor(classroom_id: int, assignment_id: int):
    """Every student on the roster: status, answers saved so far, time left, last save, score once submitted."""
    assignment = _assignment(_classroom(classroom_id), assignment_id)
    now = utcnow()
    return render_template(
        "teacher/classes/monitor.html", assignment=assignment, classroom=assignment.classroom, now=now,
        rows=class_monitor.monitor(assignment, now), labels=class_monitor.STATUS_LABELS,
        time_left=class_monitor.time_left_text)
