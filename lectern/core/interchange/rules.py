"""What every format's reader decides the same way: how Moodle's marking maps onto Lectern's.

GIFT and Moodle XML describe the same Moodle questions, so the rules for turning
weights into single-choice or multiple-response options, for matchings and for
orderings live here once. Refused means Moodle itself would refuse the question;
Unsupported means it is valid Moodle that Lectern cannot represent faithfully.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

# Moodle's grades for an answer (question_bank::fraction_options_full), in percent.
MOODLE_GRADES = tuple(sorted({100.0, 0.0, *(s * g for s in (1, -1) for g in (
    90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571,
    12.5, 11.11111, 10, 5, 100))}))
# Moodle's importers match a grade to that list within 0.00001 of a fraction (match_grade_options
# in 'error' mode), which is 0.001 of a percent: 33.333 is 33.33333%, 33.33 is not on the list.
MOODLE_GRADE_TOLERANCE = 0.001
# Lectern's own rule for multiple response (the model's validator): within 0.01%.
SUM_TOLERANCE = 0.01
_LECTERN_ORDERING = {"RELATIVE_NEXT_EXCLUDE_LAST", "RELATIVE", "REL"}
# A number as Moodle's answers write it (PHP's is_numeric, without inf, nan or '1_000').
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
# Lectern's essay needs a model answer; an imported essay without one gets this, and a note.
ESSAY_PLACEHOLDER = "(No model answer came with the imported question: write one before grading.)"


class Refused(Exception):
    """The question is malformed; Moodle's importer refuses it too."""


class Unsupported(Exception):
    """Valid Moodle for a question Lectern cannot represent faithfully."""


def off_moodle_grades(weights: list[float]) -> list[float]:
    """The weights that are not among Moodle's grades (so Moodle refuses them)."""
    return [w for w in weights if all(abs(w - g) >= MOODLE_GRADE_TOLERANCE for g in MOODLE_GRADES)]


def nearest_moodle_grades(weight: float) -> list[float]:
    """The allowed grades on either side of a weight (one if it lies beyond the list's ends)."""
    below = [g for g in MOODLE_GRADES if g < weight]
    above = [g for g in MOODLE_GRADES if g > weight]
    return [g for g in (below[-1] if below else None, above[0] if above else None) if g is not None]


def off_grade_message(weights: list[tuple[float, str]]) -> str:
    """What to say about grades (weight, answer text) that are not on Moodle's list."""
    described = "; ".join(
        f"{percent(w)} for {text!r} is not one of Moodle's grades (the nearest are "
        + " and ".join(percent(g) for g in nearest_moodle_grades(w)) + ")" for w, text in weights)
    return (described + "; give each answer one of Moodle's grades (100%, 90%, 83.33333%, 80%, 75%, 70%, "
            "66.66667%, 60%, 50%, 40%, 33.33333%, 30%, 25%, 20%, 16.66667%, 14.28571%, 12.5%, 11.11111%, "
            "10%, 5% or 0%, or minus one of them), as Moodle's importer requires")


def percent(value: float) -> str:
    """A percentage as Moodle writes grades: up to five decimals ('33.33333%', '50%')."""
    return f"{value:.5f}".rstrip("0").rstrip(".") + "%"


def _in_range(value: float, text: str) -> None:
    if abs(value) > 100:
        raise Refused(f"the grade {percent(value)} of {text!r} is out of range; grades go from -100% to 100%")


def check_weight(value: float, text: str) -> float:
    """A grade (in percent) if Moodle's importer would accept it; Refused, saying what to write, if not."""
    _in_range(value, text)
    if off_moodle_grades([value]):
        raise Refused(off_grade_message([(value, text)]))
    return value


def choice_data(options: list[dict[str, Any]], single: bool, notes: list[str]) -> dict[str, Any]:
    """Single-choice or multiple-response data from options with text, weight (%) and feedback."""
    for o in options:
        _in_range(o["weight"], o["text"])
    odd = [(o["weight"], o["text"]) for o in options if off_moodle_grades([o["weight"]])]
    if odd:
        message = off_grade_message(odd)
        total = sum(o["weight"] for o in options if o["weight"] > 0)
        if not single and abs(total - 100) > SUM_TOLERANCE:
            message += f"; the right answers' grades also add up to {percent(total)}, not 100%"
        raise Refused(message)
    if len(options) < 2:
        raise Refused("a multiple-choice question needs at least two answers, so that there is a choice; "
                      "add another answer")
    return _single(options, notes) if single else _multiple(options)


def _single(options: list[dict[str, Any]], notes: list[str]) -> dict[str, Any]:
    right = [o for o in options if o["weight"] >= 100 - MOODLE_GRADE_TOLERANCE]
    partial = [o for o in options if 0 < o["weight"] < 100 - MOODLE_GRADE_TOLERANCE]
    if len(right) > 1:
        raise Unsupported(f"{len(right)} answers are fully right; Lectern's single choice has exactly one "
                          "right answer (a multiple-response question can have several)")
    if partial:
        o = partial[0]
        raise Unsupported(f"partial credit ({o['weight']:g}% for {o['text']!r}) in a single-choice question; "
                          "Lectern's single choice gives full credit or none")
    if not right:
        raise Refused("no answer is marked right (100%); mark the right answer with '=' (GIFT) or "
                      "give it the grade 100%")
    if any(o["weight"] < 0 for o in options):
        notes.append("negative grades on wrong answers were dropped: in Lectern a wrong choice scores 0")
    return {"type": "single_choice", "options": [
        {"text": o["text"], "correct": o["weight"] > 0, "feedback": o["feedback"]} for o in options]}


def _multiple(options: list[dict[str, Any]]) -> dict[str, Any]:
    positive = [o["weight"] for o in options if o["weight"] > 0]
    if not positive:
        raise Refused("no answer is marked right: mark the right answer with '=' (single choice) or give "
                      "the right answers weights such as ~%50% (multiple response)")
    total = sum(positive)
    if abs(total - 100) > SUM_TOLERANCE:
        raise Refused(f"the grades of the right answers add up to {percent(total)}, not 100%; change them "
                      "so that they add up to 100%, e.g. ~%50% and ~%50% for two right answers")
    share = 100 / len(positive)
    if all(abs(abs(o["weight"]) - share) < 1e-9 for o in options):
        # Lectern's default marking (the right ones share 100%, each wrong one costs a
        # share): keep it as plain right/wrong flags, as a teacher would write it.
        return {"type": "multiple_response", "options": [
            {"text": o["text"], "correct": o["weight"] > 0, "feedback": o["feedback"]} for o in options]}
    return {"type": "multiple_response", "options": [
        {"text": o["text"], "credit": o["weight"], "feedback": o["feedback"]} for o in options]}


def matching_data(pairs: list[dict[str, str]], distractors: list[str]) -> dict[str, Any]:
    """Matching data, refusing what Lectern's matching cannot hold (a repeated item or match)."""
    matches = [p["match"] for p in pairs] + distractors
    for what, values in (("match", matches), ("item", [p["item"] for p in pairs])):
        twice = next((v for n, v in enumerate(values) if v in values[:n]), None)
        if twice is not None:
            raise Unsupported(f"the {what} {twice!r} is used twice; in Lectern's matching each item "
                              "and each match is different")
    return {"type": "matching", "pairs": pairs, "distractors": distractors}


def ordering_notes(items: int, count: int | None, select: str, grading: str, notes: list[str]) -> None:
    """Notes for qtype_ordering settings Lectern does not share (it asks for all items, graded one way)."""
    if select not in ("ALL", "EXACT") and count is not None and 2 < count < items:
        notes.append(f"Moodle showed {count} of the {items} items; Lectern asks for all of them")
    if grading not in _LECTERN_ORDERING:
        notes.append(f"Moodle graded this by {grading}; Lectern gives a share for each item "
                     "followed by the item that should follow it")


def catch_all_note(feedback: str | None, notes: list[str]) -> None:
    if feedback:
        notes.append(f"the feedback for any other answer ({feedback!r}) was not imported: "
                     "Lectern's numeric questions have no catch-all answer")


def fill_model_answer(data: dict[str, Any], notes: list[str]) -> None:
    """Give an imported essay without a model answer the placeholder, and say so."""
    if data.get("type") == "essay" and not data.get("model_answer"):
        data["model_answer"] = ESSAY_PLACEHOLDER
        notes.append("the file gives no model answer for this essay; write one before grading")


def exact_decimal(text: str) -> Decimal:
    """A number written in an answer ('1822', '-0.5', '1e-3') as written; Refused for anything else."""
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        raise Refused(f"{text!r} is not a number; write digits, with a '.' for decimals (e.g. 3.14)")
    return Decimal(text)


def decimal(text: str) -> float:
    """A number written in an answer, as the float nearest to it (see exact_decimal)."""
    return float(exact_decimal(text))
