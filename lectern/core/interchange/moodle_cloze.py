"""Cloze questions in Moodle XML: `<question type="cloze">` (Moodle's qtype_multianswer).

Moodle keeps a cloze question's gaps in its question text, in the cloze syntax
(`{1:SHORTANSWER:=Berlin#Right}`), and exports nothing else about them; its importer
reads the gaps out of the text with qtype_multianswer_extract_question and refuses a
question whose gaps are broken (no gap at all, a MULTICHOICE with fewer than two
options or none fully right, a NUMERICAL answer that is not a number). Lectern reads
the gaps the same way (core.questions.cloze_syntax), then turns the text around them,
and each answer and feedback, from the question's format into Lectern's text; a broken
question is skipped with the gap and what is wrong named, so the rest of the file comes in.
Without a <defaultgrade> (Moodle writes none for cloze) the question is worth the sum of
its gaps' weights, as in Moodle.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # writing only
from typing import Any

from lectern.core.interchange.html_text import to_plain
from lectern.core.interchange.rules import Refused
from lectern.core.questions.cloze import gap_problems
from lectern.core.questions.cloze_syntax import PLACEHOLDER, ClozeSyntaxError, parse_cloze

XML_TYPES = ("cloze", "multianswer")  # Moodle writes "cloze"; older files and the docs say "multianswer"
# A gap's place while the text around it is converted: letters and digits only, which no
# conversion of HTML, plain text or Markdown changes.
_TOKEN = "LECTERNGAP{}END"
_TOKENS = re.compile(r"LECTERNGAP(\d+)END")


def read_cloze(node: Any, fmt: str, notes: list[str]) -> dict[str, Any]:
    """The plain data of a cloze question from its <question> node; Refused, as Moodle refuses it, when a gap is broken."""
    from lectern.core.interchange.moodle_xml import _formatted  # moodle_xml imports this module

    text_node = node.child("questiontext")
    source = text_node.value("text") if text_node is not None else ""
    try:
        text, gaps = parse_cloze(source)
    except ClozeSyntaxError as e:
        raise Refused(f"its cloze text cannot be read: {e}") from None
    problems = [f"gap {n}: {p}" for n, gap in enumerate(gaps, start=1) for p in gap_problems(gap)]
    if problems:
        raise Refused("fix its cloze gaps and import the file again (Moodle refuses them too): " + "; ".join(problems))
    marked = PLACEHOLDER.sub(lambda m: _TOKEN.format(m.group(1)), text)
    prompt = _TOKENS.sub(lambda m: f"{{#{m.group(1)}}}", _formatted(text_node, fmt, notes, marked))
    for gap in gaps:
        for answer in gap["answers"]:
            if gap["kind"] in ("short_answer", "numeric"):
                # Typed answers are compared as plain text: Markdown escapes would become part of them.
                answer["text"] = to_plain(answer["text"], fmt) or answer["text"]
            else:
                answer["text"] = _formatted(text_node, fmt, notes, answer["text"]) or answer["text"]
            if answer.get("feedback"):
                answer["feedback"] = _formatted(text_node, fmt, notes, answer["feedback"]) or None
                if answer["feedback"] is None:
                    del answer["feedback"]
    data: dict[str, Any] = {"type": "cloze", "prompt": prompt, "gaps": gaps}
    weights = sum(g["weight"] for g in gaps)
    if 0 < weights <= 100:
        data["points"] = float(weights)
    return data


def write_cloze_text(element: ET.Element, q: Any) -> None:
    """Put the gaps back in the written question text, as Moodle's exporter writes a cloze question."""
    text = element.find("questiontext/text")
    if text is not None:
        text.text = q.source()
