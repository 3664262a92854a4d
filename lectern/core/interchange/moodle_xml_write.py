"""Write Lectern questions as Moodle XML, for Moodle's question bank import.

Each type is written as Moodle's own exporter writes it (ordering as qtype_ordering,
graded RELATIVE_NEXT_EXCLUDE_LAST like Lectern). Texts are marked format="markdown",
which is what Lectern stores. The question id goes in <idnumber>, points in
<defaultgrade>, the explanation in <generalfeedback>, an essay's model answer and
rubric (a table, see rubric_html) in <graderinfo>, tags in <tags>; skill, difficulty, evidence and custom option ids in
a <lectern> element of JSON, which Moodle ignores.

Moodle accepts only its own list of grades (100, 50, 33.33333…); a multiple-response
question whose credits are not on that list (say 35%) is written faithfully and
Moodle's importer will refuse it. XML cannot hold control characters other than
tab and line breaks; they are left out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # writing only: nothing here parses untrusted XML
from collections.abc import Mapping, Sequence
from typing import Any

from lectern.core.images import StoredImage
from lectern.core.interchange import metadata
from lectern.core.interchange.gift_text import number
from lectern.core.interchange.moodle_cloze import write_cloze_text
from lectern.core.interchange.moodle_xml_images import add_picture_files
from lectern.core.interchange.rubric_html import rubric_table
from lectern.core.questions import QuestionDefinition

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TYPES = {"single_choice": "multichoice", "multiple_response": "multichoice", "true_false": "truefalse",
          "short_answer": "shortanswer", "numeric": "numerical", "matching": "matching",
          "ordering": "ordering", "essay": "essay", "cloze": "cloze"}
MARKDOWN = "markdown"


def write_moodle_xml(questions: Sequence[QuestionDefinition],
                     images: Mapping[str, StoredImage] | None = None) -> bytes:
    """A Moodle XML file (UTF-8) holding the questions, and the pictures (by digest) their texts show."""
    quiz = ET.Element("quiz")
    for q in questions:
        quiz.append(ET.Comment(f" question: {_clean(q.id)} "))
        quiz.append(_question(q))
    if images:
        add_picture_files(quiz, images)
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8",
                                                                     xml_declaration=False) + b"\n"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = _clean(text)
    return element


def _text(parent: ET.Element, tag: str, text: str | None, fmt: str | None = MARKDOWN) -> ET.Element:
    """<tag format="markdown"><text>…</text></tag>, Moodle's shape for every text."""
    element = _sub(parent, tag, **({"format": fmt} if fmt else {}))
    _sub(element, "text", text or "")
    return element


def _answer(parent: ET.Element, fraction: float, text: str, feedback: str | None = None,
            fmt: str = MARKDOWN) -> ET.Element:
    answer = _sub(parent, "answer", fraction=number(fraction), format=fmt)
    _sub(answer, "text", text)
    _text(answer, "feedback", (feedback or "").strip())
    return answer


def _question(q: Any) -> ET.Element:
    element = ET.Element("question", type=_TYPES[q.type])
    _text(element, "name", q.id, fmt=None)
    _text(element, "questiontext", q.prompt)
    _text(element, "generalfeedback", q.explanation)
    _sub(element, "defaultgrade", number(q.points))
    _sub(element, "penalty", "1" if q.type == "true_false" else "0.3333333")
    _sub(element, "hidden", "0")
    _sub(element, "idnumber", q.id)
    _WRITERS[q.type](element, q)
    if q.tags:
        tags = _sub(element, "tags")
        for tag in q.tags:
            _text(tags, "tag", tag, fmt=None)
    meta = {k: v for k, v in metadata.common_metadata(q).items() if k not in ("points", "tags")}
    option_ids = metadata.option_ids_if_custom(q)
    if option_ids:
        meta["option_ids"] = option_ids
    if meta:
        _sub(element, "lectern", metadata.encode(meta))
    return element


def _combined_feedback(element: ET.Element) -> None:
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text(element, tag, "")


def _choices(element: ET.Element, q: Any) -> None:
    single = q.type == "single_choice"
    _sub(element, "single", "true" if single else "false")
    _sub(element, "shuffleanswers", "true")
    _sub(element, "answernumbering", "abc")
    _combined_feedback(element)
    fractions = {o.id: (100.0 if o.correct else 0.0) for o in q.options} if single else {
        o.id: o.credit if o.credit is not None else f * 100 for o, f in zip(q.options, q.fractions().values())}
    for o in q.options:
        _answer(element, fractions[o.id], o.text, o.feedback)


def _true_false(element: ET.Element, q: Any) -> None:
    _answer(element, 100 if q.answer else 0, "true", q.feedback_true, fmt="moodle_auto_format")
    _answer(element, 0 if q.answer else 100, "false", q.feedback_false, fmt="moodle_auto_format")


def _short_answer(element: ET.Element, q: Any) -> None:
    _sub(element, "usecase", "1" if q.case_sensitive else "0")
    for a in q.answers:
        _answer(element, a.credit, a.text, a.feedback, fmt="moodle_auto_format")


def _numeric(element: ET.Element, q: Any) -> None:
    for a in q.answers:
        answer = _answer(element, a.credit, number(a.value), a.feedback, fmt="moodle_auto_format")
        _sub(answer, "tolerance", number(a.tolerance))
    if q.unit:
        unit = _sub(_sub(element, "units"), "unit")
        _sub(unit, "multiplier", "1")
        _sub(unit, "unit_name", q.unit)
    _sub(element, "unitgradingtype", "0")
    _sub(element, "unitpenalty", "0.1000000")
    _sub(element, "showunits", "0" if q.unit else "3")
    _sub(element, "unitsleft", "0")


def _matching(element: ET.Element, q: Any) -> None:
    _sub(element, "shuffleanswers", "true")
    _combined_feedback(element)
    for item, match in [(p.item, p.match) for p in q.pairs] + [("", d) for d in q.distractors]:
        sub = _text(element, "subquestion", item)
        _text(sub, "answer", match, fmt=None)


def _ordering(element: ET.Element, q: Any) -> None:
    for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", str(len(q.items))),
                       ("gradingtype", "RELATIVE_NEXT_EXCLUDE_LAST"), ("showgrading", "SHOW"),
                       ("numberingstyle", "none")):
        _sub(element, tag, value)
    _combined_feedback(element)
    for position, item in enumerate(q.items, start=1):
        answer = _sub(element, "answer", fraction=str(position), format=MARKDOWN)
        _sub(answer, "text", item)


def _essay(element: ET.Element, q: Any) -> None:
    for tag, value in (("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "10"),
                       ("attachments", "0"), ("attachmentsrequired", "0")):
        _sub(element, tag, value)
    # The rubric follows the model answer as an HTML table, which Markdown passes through as it is.
    _text(element, "graderinfo", q.model_answer + ("\n\n" + rubric_table(q.rubric) if q.rubric else ""))
    _text(element, "responsetemplate", "")


_WRITERS = {
    "single_choice": _choices, "multiple_response": _choices, "true_false": _true_false,
    "short_answer": _short_answer, "numeric": _numeric, "matching": _matching, "ordering": _ordering,
    "essay": _essay, "cloze": write_cloze_text,
}
