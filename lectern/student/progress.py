"""A student's own progress page (on the student blueprint): scores over time and results by skill.

It is always this browser's student's: there is no id in the URL, so no one else's
progress can be asked for.
"""

from __future__ import annotations

from flask import render_template
from markupsafe import Markup

from lectern.core import charts
from lectern.core.mastery import MIN_ANSWERS, WINDOW_WORDS
from lectern.core.rounding import percent_text
from lectern.services import attempts as attempt_service
from lectern.services.mastery import student_mastery
from lectern.services.progress import Progress, progress_of
from lectern.student.identity import current_student
from lectern.student.routes import bp

CHART_ATTEMPTS = 20  # more bars than this are too thin to read; the table lists every attempt


def _charts(progress: Progress) -> dict[str, Markup]:
    """The timeline and the skills as bar charts, each summarised in words for those who cannot see it."""
    scored = progress.scored[-CHART_ATTEMPTS:]
    percents = [p.percent for p in scored]
    timeline = charts.bar_chart(
        [(p.submitted_at.strftime("%d %b"), p.percent) for p in scored], chart_id="chart-progress",
        title="Your scores over time",
        description=(f"Bar chart of your last {len(scored)} scored attempts, oldest first, from "
                     f"{scored[0].submitted_at:%d %b %Y} to {scored[-1].submitted_at:%d %b %Y}: lowest "
                     f"{percent_text(min(percents))}, highest {percent_text(max(percents))}, "
                     f"latest {percent_text(percents[-1])}."
                     if scored else "No scores to show yet."),
        y_max=100, unit="%", x_label="Date submitted", y_label="Score (%)", empty="No scores to show yet")
    shown = [s for s in progress.skills if s.percent is not None]
    skills = charts.bar_chart(
        [(s.skill.capitalize(), s.percent) for s in shown], chart_id="chart-skills", title="Your results by skill",
        description=("; ".join(f"{s.skill}: {percent_text(s.percent)}" for s in shown) + "." if shown
                     else "No graded answers yet."),
        y_max=100, unit="%", x_label="Reading skill", y_label="Points earned (%)", empty="No graded answers yet")
    return {"timeline": timeline, "skills": skills}


@bp.get("/progress")
def progress():
    """This browser's student's submitted attempts over time and their results per reading skill."""
    student = current_student()
    found = progress_of(student)  # an attempt whose time ran out counts once overdue_attempts closes it
    return render_template("student/progress.html", student=student, progress=found, charts=_charts(found),
                           mastery=student_mastery(student, attempt_service.clock()), window=WINDOW_WORDS,
                           min_answers=MIN_ANSWERS)
