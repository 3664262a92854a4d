"""Teacher pages: the item analysis of a quiz assigned to a class, and its CSV.

As everywhere under a class, another teacher gets 404, exactly as for a class that does not exist.
"""

from __future__ import annotations

from flask import Response, abort, render_template
from markupsafe import Markup

from lectern.core import charts
from lectern.core.distractors import (
    MIN_ANSWERS_TO_JUDGE,
    MIN_DISCRIMINATION,
    TOO_EASY_FACILITY,
    TOO_HARD_FACILITY,
)
from lectern.core.rounding import percent_text
from lectern.models import Assignment
from lectern.services import classes
from lectern.services import item_analysis as analysis_service
from lectern.teacher import bp, current_teacher

ANALYSIS_URL = "/classes/<int:classroom_id>/assignments/<int:assignment_id>/analysis"
THRESHOLDS = {"easy": 100 * TOO_EASY_FACILITY, "hard": 100 * TOO_HARD_FACILITY,
              "discrimination": MIN_DISCRIMINATION, "min_answers": MIN_ANSWERS_TO_JUDGE}


def _owned_assignment(classroom_id: int, assignment_id: int) -> Assignment:
    classroom = classes.owned_classroom(current_teacher(), classroom_id)
    assignment = classes.assignment_in(classroom, assignment_id) if classroom else None
    if assignment is None:
        abort(404)
    return assignment


def _pct(value: float | None) -> str:
    return "not enough data" if value is None else percent_text(value)


def _charts(analysis: analysis_service.ItemAnalysis) -> dict[str, Markup]:
    """The page's three charts, each with a summary in words for those who cannot see it."""
    quiz, bins = analysis.quiz, analysis.histogram
    fullest = max(bins, key=lambda b: b[1])
    histogram = charts.histogram(
        analysis.percents, chart_id="chart-scores", title="Scores of the analysed attempts",
        description=(f"Histogram of {len(analysis.percents)} attempts' scores in bins of 10 percentage points; "
                     f"the fullest bin is {fullest[0]}% with {fullest[1]}. Mean {_pct(quiz.mean)}, "
                     f"median {_pct(quiz.median)}." if analysis.percents else "No attempt has been analysed yet."))
    plotted = [q for q in analysis.questions
               if q.stats.facility is not None and q.stats.discrimination is not None]
    flagged = ", ".join(f"{q.number}" for q in plotted if q.flags) or "none"
    scatter = charts.scatter_chart(
        [charts.Point(str(q.number), 100 * q.stats.facility, q.stats.discrimination,
                      f"Question {q.number} (“{q.short_prompt}”): facility {percent_text(100 * q.stats.facility)}, "
                      f"discrimination {percent_text(q.stats.discrimination)}") for q in plotted],
        chart_id="chart-questions", title="Facility against discrimination, by question",
        description=(f"{len(plotted)} of {len(analysis.questions)} questions plotted, facility across and "
                     f"discrimination index up; dashed lines mark facility {percent_text(THRESHOLDS['hard'])} and "
                     f"{percent_text(THRESHOLDS['easy'])} and discrimination "
                     f"{percent_text(THRESHOLDS['discrimination'])}. "
                     f"Flagged questions plotted: {flagged}."),
        x_range=(0, 100), y_range=(-100, 100), unit="%",
        x_lines=[(THRESHOLDS["hard"], "too hard"), (THRESHOLDS["easy"], "too easy")],
        y_lines=[(THRESHOLDS["discrimination"], "discriminates above")],
        x_label="Facility (%)", y_label="Discrimination index (%)",
        empty="Not enough data: a question needs at least 2 attempts with different scores")
    known = [s for s in analysis.skills if s.percent is not None]
    skills = charts.bar_chart(
        [(s.skill, s.percent) for s in known], chart_id="chart-skills", title="Class results by skill",
        description="Share of the marks the class earned, by skill: "
                    + ("; ".join(f"{s.skill} {percent_text(s.percent)}" for s in known) or "no results yet") + ".",
        y_max=100, unit="%", x_label="Skill", y_label="Marks earned (%)")
    return {"histogram": histogram, "scatter": scatter, "skills": skills}


@bp.get(ANALYSIS_URL)
def item_analysis(classroom_id: int, assignment_id: int):
    """Which questions of the assignment are too easy, too hard or misleading, and why."""
    analysis = analysis_service.build_item_analysis(_owned_assignment(classroom_id, assignment_id))
    return render_template("teacher/analysis/item_analysis.html", analysis=analysis,
                           assignment=analysis.assignment, bank=analysis.assignment.quiz.bank,
                           which=analysis_service.WHICH_ATTEMPTS, thresholds=THRESHOLDS, charts=_charts(analysis))


@bp.get(ANALYSIS_URL + ".csv")
def item_analysis_csv(classroom_id: int, assignment_id: int):
    """The per-question figures and flags as a CSV file for a spreadsheet."""
    assignment = _owned_assignment(classroom_id, assignment_id)
    body = analysis_service.item_analysis_csv(assignment)
    name = f"item-analysis-{assignment.quiz.key}-{assignment.classroom_id}.csv"
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})
