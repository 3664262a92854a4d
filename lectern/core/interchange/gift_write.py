"""Write Lectern questions as GIFT that Moodle imports and Lectern reads back losslessly.

Every type is written in the syntax Moodle's importer knows: ordering in
qtype_ordering's '{>count ALL VERTICAL RELATIVE_NEXT_EXCLUDE_LAST SHOW' form (the
grading Lectern uses), so Moodle 4.4+ (where ordering is a standard type) imports
it as ordering. Prompts are marked [markdown], which is what Lectern stores, and
answers inherit that format in Moodle.

What GIFT cannot hold goes on a `// lectern: {json}` line above the question:
skill, difficulty, evidence, points and tags always; option ids when they are not
a, b, c…; a numeric unit; an essay's model answer and rubric; an ordering's explanation (its
syntax has no general feedback), and its items or a matching's pairs in the rare
case their text cannot be written in the answer syntax (a line break in an
ordering item, '->' in a matching item or a short answer). Moodle ignores comment lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from lectern.core.images import referenced_digests
from lectern.core.interchange import metadata
from lectern.core.interchange.gift_text import escape, number
from lectern.core.questions import QuestionDefinition

HEADER = ("// Questions exported by Lectern in GIFT, Moodle's text format.\n"
          "// The '// lectern:' lines carry what GIFT cannot (skill, evidence…); other tools ignore them.\n")
# A picture's ![alt](media:…) mark stays in the text (Lectern reads it back); its bytes cannot come along.
NO_PICTURES = "Pictures are not included: GIFT cannot carry them. Export as Moodle XML to keep them."
_MOODLE_TAG = re.compile(r"^[^\[\]<>`\\\x00-\x1f]+$")


def write_gift(questions: Sequence[QuestionDefinition]) -> str:
    """GIFT text for the questions, one block each, separated by blank lines."""
    return HEADER + "".join("\n" + _question(q) + "\n" for q in questions)


def _part(text: str) -> str:
    """Answer or feedback text; a leading '[' gets an explicit [markdown] tag so it is not read as one."""
    return ("[markdown]" if text.startswith("[") else "") + escape(text)


def _feedback(text: str | None) -> str:
    text = (text or "").strip()
    return "#" + _part(text) if text else ""


def _general(question: QuestionDefinition, indent: str = "\t") -> str:
    if not question.explanation:
        return ""
    return f"{indent}####{_part(question.explanation)}" + ("\n" if indent else "")


def _question(q: QuestionDefinition) -> str:
    if q.type == "cloze":
        return (f"// The cloze question {q.id} is left out: GIFT has no form for cloze (embedded answers) "
                "questions. Export the bank as Moodle XML to keep it.")
    meta = metadata.common_metadata(q)
    writer = _WRITERS[q.type]
    answers, extra = writer(q)
    meta.update(extra)
    option_ids = metadata.option_ids_if_custom(q)
    if option_ids:
        meta["option_ids"] = option_ids
    lines = []
    tags = [t for t in q.tags if _MOODLE_TAG.match(t)]
    if tags:
        lines.append("// " + " ".join(f"[tag:{t}]" for t in tags))
    if meta:
        lines.append("// " + metadata.GIFT_PREFIX + " " + metadata.encode(meta))
    if referenced_digests([json.dumps(q.to_data())]):
        lines.append("// " + NO_PICTURES)
    lines.append(f"::{escape(q.id)}::[markdown]{escape(q.prompt)}{answers}")
    return "\n".join(lines)


def _single_choice(q: Any) -> tuple[str, dict[str, Any]]:
    out = "{\n"
    for o in q.options:
        # A wrong answer whose text starts with '%' gets an explicit 0% so it is not read as a weight.
        marker = "=" if o.correct else ("~%0%" if o.text.startswith("%") else "~")
        out += f"\t{marker}{_part(o.text)}{_feedback(o.feedback)}\n"
    return out + _general(q) + "}", {}


def _multiple_response(q: Any) -> tuple[str, dict[str, Any]]:
    fractions = q.fractions()
    out = "{\n"
    for o in q.options:
        weight = o.credit if o.credit is not None else fractions[o.id] * 100
        out += f"\t~%{number(weight)}%{_part(o.text)}{_feedback(o.feedback)}\n"
    return out + _general(q) + "}", {}


def _true_false(q: Any) -> tuple[str, dict[str, Any]]:
    # Moodle's order: the feedback for a wrong answer first, then for a right one.
    right = (q.feedback_true if q.answer else q.feedback_false) or ""
    wrong = (q.feedback_false if q.answer else q.feedback_true) or ""
    out = "{" + ("TRUE" if q.answer else "FALSE")
    if wrong.strip():
        out += _feedback(wrong)
    elif right.strip():
        out += "#"
    out += _feedback(right)
    return out + _general(q, indent="") + "}", {}


def _short_answer(q: Any) -> tuple[str, dict[str, Any]]:
    # Moodle reads answers holding both '=' and '->' as a matching question; such
    # answers are written with '- >' and kept exactly in the metadata.
    arrows = any("->" in a.text or "->" in (a.feedback or "") for a in q.answers)
    out = "{\n"
    for a in q.answers:
        text, feedback = (a.text.replace("->", "- >"), (a.feedback or "").replace("->", "- >")) if arrows \
            else (a.text, a.feedback)
        out += f"\t=%{number(a.credit)}%{_part(text)}{_feedback(feedback)}\n"
    extra = {"answers": [a.model_dump(exclude_defaults=True) for a in q.answers]} if arrows else {}
    if q.case_sensitive:  # GIFT has no case setting (Moodle reads it as case-insensitive)
        extra["case_sensitive"] = True
    return out + _general(q) + "}", extra


def _numeric(q: Any) -> tuple[str, dict[str, Any]]:
    out = "{#\n"
    for a in q.answers:
        out += f"\t=%{number(a.credit)}%{number(a.value)}:{number(a.tolerance)}{_feedback(a.feedback)}\n"
    return out + _general(q) + "}", ({"unit": q.unit} if q.unit else {})


def _matching(q: Any) -> tuple[str, dict[str, Any]]:
    extra: dict[str, Any] = {}
    if any("->" in p.item for p in q.pairs):
        # Moodle splits a pair at its first '->': such an item cannot be written; keep it exactly here.
        extra = {"pairs": [p.model_dump() for p in q.pairs], "distractors": list(q.distractors)}
    out = "{\n"
    for p in q.pairs:
        out += f"\t={_part(p.item.replace('->', '- >'))} -> {escape(p.match)}\n"
    for d in q.distractors:
        out += f"\t= -> {escape(d)}\n"
    return out + _general(q) + "}", extra


def _ordering(q: Any) -> tuple[str, dict[str, Any]]:
    # qtype_ordering reads the items as written, one a line, with no escapes and no general feedback.
    extra: dict[str, Any] = {"explanation": q.explanation} if q.explanation else {}
    if any(not _raw_line_ok(item) for item in q.items):
        extra["items"] = list(q.items)
    items = "".join(_raw_line(item) + "\n" for item in q.items)
    return f"{{>{len(q.items)} ALL VERTICAL RELATIVE_NEXT_EXCLUDE_LAST SHOW\n{items}}}", extra


def _raw_line_ok(item: str) -> bool:
    # Anything _raw_line would change (a non-breaking space, a run of spaces) goes in the metadata too.
    return _raw_line(item) == item and not item.startswith("//")


def _raw_line(item: str) -> str:
    """An item as one safe line for other tools; the exact text is in the metadata when this changes it."""
    line = " ".join(item.split())
    line = "/ /" + line[2:] if line.startswith("//") else line
    return line.replace("{", "(").replace("}", ")")


def _essay(q: Any) -> tuple[str, dict[str, Any]]:
    rubric = {"rubric": q.to_data()["rubric"]} if q.rubric else {}
    return "{" + _general(q, indent="") + "}", {"model_answer": q.model_answer} | rubric


_WRITERS = {
    "single_choice": _single_choice, "multiple_response": _multiple_response, "true_false": _true_false,
    "short_answer": _short_answer, "numeric": _numeric, "matching": _matching, "ordering": _ordering,
    "essay": _essay,
}
