"""An essay's rubric in the question editor: a row per criterion, its levels typed one per line.

A level is written as a teacher would jot it down, "2: Quotes a paragraph for each point"
(the points, a colon, what an answer at that level does), fewest points first. The rows
become the plain data of a questions.yaml rubric, which the essay's model checks; this
module says its errors in a teacher's words, at the criterion or the levels they are about.
"""

from __future__ import annotations

from typing import Any

from wtforms import Form, StringField, TextAreaField

from lectern.teacher.question_form_rows import as_typed, typed_number, typed_text

LEVELS_HINT = ("One level per line, fewest points first: the points, a colon, then what an answer at that "
               "level does, like “2: Quotes a paragraph for each point”.")
LEVEL_EXAMPLE = "like “2: Quotes a paragraph for each point”"
# A line without points (no colon, or words before it) goes to the model as text it refuses as a number.
NO_POINTS = "no points"


class RubricRow(Form):
    criterion = StringField("Criterion", description="What you judge, like “Uses the article's evidence”.")
    levels = TextAreaField("Levels", description=LEVELS_HINT)


def levels_text(levels: list[dict[str, Any]]) -> str:
    """A criterion's saved levels as the editor shows them, one "points: description" per line."""
    return "\n".join(f"{as_typed(level['points'])}: {level['description']}" for level in levels)


def rubric_row_data(row: dict[str, Any]) -> dict[str, Any] | None:
    """A criterion as typed; None for a blank row."""
    criterion, lines = typed_text(row["criterion"]), [line.strip() for line in (row["levels"] or "").splitlines()]
    if not criterion and not any(lines):
        return None
    return {"criterion": criterion, "levels": [_level(line) for line in lines if line]}


def _level(line: str) -> dict[str, Any]:
    points, colon, description = line.partition(":")
    number = typed_number(points) if colon else None
    return {"points": NO_POINTS if number is None else number, "description": description.strip()}


def rubric_problem(loc: tuple[Any, ...], kind: str, data: dict[str, Any]) -> tuple[tuple[Any, ...], str]:
    """Where a rubric error belongs and what it says: loc is inside "rubric", kind pydantic's error type."""
    if len(loc) == 1:
        if kind == "rubric_duplicate":
            names = [str(c.get("criterion", "")).casefold() for c in data.get("rubric") or []]
            row = next((n for n in range(len(names) - 1, -1, -1) if names[n] in names[:n]), None)
            if row is not None:
                return ("rubric", row, "criterion"), "Another criterion has this name; give each a different one."
        if kind == "too_long":
            return loc, "Use at most 10 criteria."
        return loc, "Check the rubric: each criterion needs a name and its levels."
    where = ("rubric", loc[1], "levels")
    if loc[2:3] == ("criterion",):
        return loc, "Say what this criterion judges, or clear its levels to remove it."
    if len(loc) == 3:
        return where, {
            "too_short": "Give at least two levels, one per line: the weakest answer first, the best last.",
            "too_long": "Give at most 6 levels.",
            "levels_order": "List the levels from the fewest points to the most, each with different points.",
        }.get(kind, "Write one level per line, " + LEVEL_EXAMPLE + ".")
    level = f"Level {loc[3] + 1}" if len(loc) > 3 and isinstance(loc[3], int) else "A level"
    if loc[-1] == "description":
        return where, f"{level}: after the colon, say what an answer at this level does."
    if kind in ("greater_than_equal", "less_than_equal"):
        return where, f"{level}: give from 0 to 100 points."
    return where, f"{level}: start with its points and a colon, {LEVEL_EXAMPLE}."
