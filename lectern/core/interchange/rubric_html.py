"""An essay's rubric as an HTML table in Moodle's grader information, and read back from it.

Moodle has no rubric for a question (its rubrics belong to assignments), but it shows an
essay's grader information to whoever grades it. Lectern writes the rubric there as a
table a grader can read: one body per criterion, its name in the first row's header cell,
then a row per level with its points and description. The table is marked
class="lectern-rubric" and data-lectern-rubric, so the importer knows it from any other
table a teacher put there, and takes it out of the text that becomes the model answer.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

from lectern.core.interchange.gift_text import number

MARK = "lectern-rubric"
# The marked table, wherever it sits in the text; other tables are text as before.
_TABLE = re.compile(r"<table\b[^>]*\b(?:data-)?lectern-rubric\b[^>]*>.*?</table\s*>", re.IGNORECASE | re.DOTALL)


def rubric_table(rubric: list[Any]) -> str:
    """The rubric (RubricCriterion objects) as a marked HTML table."""
    rows = [f'<table class="{MARK}" data-{MARK}="1">', "<caption>Rubric</caption>",
            "<thead><tr><th>Criterion</th><th>Points</th><th>Level</th></tr></thead>"]
    for criterion in rubric:
        rows.append("<tbody>")
        for n, level in enumerate(criterion.levels):
            head = (f'<th rowspan="{len(criterion.levels)}">{_escape(criterion.criterion)}</th>' if n == 0 else "")
            rows.append(f"<tr>{head}<td>{number(level.points)}</td><td>{_escape(level.description)}</td></tr>")
        rows.append("</tbody>")
    rows.append("</table>")
    return "\n".join(rows)


def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def take_rubric(text: str) -> tuple[str, list[dict[str, Any]] | None]:
    """The text without its Lectern rubric table, and the rubric's plain data (None without one).

    ValueError, saying what is wrong, when a marked table cannot be read as a rubric.
    """
    match = _TABLE.search(text)
    if match is None:
        return text, None
    reader = _TableReader()
    reader.feed(match.group(0))
    reader.close()
    return (text[:match.start()] + text[match.end():]).strip(), reader.rubric()


class _TableReader(HTMLParser):
    """The bodies of a rubric table as lists of rows, each a list of (tag, text) cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bodies: list[list[list[tuple[str, str]]]] = []
        self.cell: list[str] | None = None
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "thead":
            self.in_head = True
        elif tag == "tbody":
            self.bodies.append([])
        elif tag == "tr" and not self.in_head:
            if not self.bodies:  # a table without <tbody>: one criterion per header cell, as below
                self.bodies.append([])
            self.bodies[-1].append([])
        elif tag in ("td", "th") and not self.in_head and self.bodies and self.bodies[-1]:
            self.bodies[-1][-1].append((tag, ""))
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self.in_head = False
        elif tag in ("td", "th") and self.cell is not None:
            row = self.bodies[-1][-1]
            row[-1] = (row[-1][0], "".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)

    def rubric(self) -> list[dict[str, Any]]:
        rubric: list[dict[str, Any]] = []
        for body in self.bodies:
            for row in body:
                if row and row[0][0] == "th":
                    rubric.append({"criterion": row[0][1], "levels": []})
                    row = row[1:]
                if not row:
                    continue
                if not rubric or len(row) != 2:
                    raise ValueError("each row of the rubric table needs the level's points and its description, "
                                     "after the criterion's name")
                rubric[-1]["levels"].append({"points": _points(row[0][1]), "description": row[1][1]})
        if not rubric:
            raise ValueError("the rubric table has no criteria")
        return rubric


def _points(text: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"the rubric gives {text!r} as points, which is not a number") from None
