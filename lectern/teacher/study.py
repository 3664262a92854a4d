"""The teacher's view of a class's study: practice, reviews, the questions missed in practice, and mastery.

Like every class page, any other teacher gets 404 here.
"""

from __future__ import annotations

from flask import abort, render_template

from lectern.core import mastery
from lectern.services import attempts as attempt_service
from lectern.services import classes
from lectern.services.class_study import MIN_PRACTICE_ANSWERS, class_study
from lectern.teacher import bp, current_teacher


@bp.get("/classes/<int:classroom_id>/study")
def class_study_page(classroom_id: int):
    """Who practised and how much, what the class misses in practice, and its mastery of each skill."""
    classroom = classes.owned_classroom(current_teacher(), classroom_id) or abort(404)
    return render_template("teacher/classes/study.html", classroom=classroom,
                           study=class_study(classroom, attempt_service.clock()),
                           min_answers=MIN_PRACTICE_ANSWERS, window=mastery.WINDOW_WORDS,
                           min_mastery=mastery.MIN_ANSWERS)
