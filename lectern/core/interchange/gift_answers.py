"""The answer part {…} of a GIFT question, read per type as Moodle's qformat_gift reads it.

Each reader takes the text between the braces (general feedback already removed),
the question's text format (answers inherit it) and a list to add notes to, and
returns the type's fields as plain data; rules.Refused and rules.Unsupported say
why it cannot.
"""

from __future__ import annotations

from typing import Any

from lectern.core.interchange.gift_text import Marked, weight, with_format
from lectern.core.interchange.html_text import to_markdown, to_plain
from lectern.core.interchange.rules import (
    Refused,
    Unsupported,
    catch_all_note,
    check_weight,
    choice_data,
    decimal,
    exact_decimal,
    matching_data,
    ordering_notes,
)

# qtype_ordering's GIFT header words (its import_from_gift), upper-cased.
_SELECT = {"ALL", "EXACT", "RANDOM", "REL", "CONTIGUOUS", "CONTIG"}
_LAYOUT = {"HORIZONTAL", "HORI", "H", "1", "VERTICAL", "VERT", "V", "0"}
_GRADING = {"ALL_OR_NOTHING", "ABSOLUTE_POSITION", "ABSOLUTE", "ABS", "RELATIVE_NEXT_EXCLUDE_LAST",
            "RELATIVE_NEXT_INCLUDE_LAST", "RELATIVE_ONE_PREVIOUS_AND_NEXT", "RELATIVE_ALL_PREVIOUS_AND_NEXT",
            "RELATIVE_TO_CORRECT", "RELATIVE", "REL", "LONGEST_ORDERED_SUBSET", "LONGEST_CONTIGUOUS_SUBSET"}
_SHOW = {"SHOW", "TRUE", "YES", "HIDE", "FALSE", "NO"}


def _text(part: Marked, fmt: str, notes: list[str]) -> str:
    text, own = with_format(part, fmt)
    return to_markdown(text, own, notes)


def _answer_and_feedback(part: Marked, fmt: str, notes: list[str]) -> tuple[Marked, str | None]:
    """Split 'answer#feedback' at the first unescaped '#'; the feedback as Lectern text."""
    bits = part.split("#", 1)
    feedback = _text(bits[1], fmt, notes) if len(bits) > 1 else ""
    return bits[0], feedback or None


def _split_markers(answer: Marked, markers: str) -> list[tuple[str | None, Marked]]:
    """Pieces of the answer text, each with the marker (~ or =) that started it."""
    pieces: list[tuple[str | None, Marked]] = []
    start, marker = 0, None
    for i, char in enumerate(answer.text):
        if char in markers and answer.mask[i] == "0":
            pieces.append((marker, answer[start:i]))
            start, marker = i + 1, char
    pieces.append((marker, answer[start:]))
    if pieces[0][1].strip().text == "":
        pieces.pop(0)
    return pieces


def multichoice(answer: Marked, fmt: str, notes: list[str]) -> dict[str, Any]:
    """Single choice when an answer is marked '=', else multiple response by weights."""
    single = answer.has("=")
    options: list[dict[str, Any]] = []
    for marker, part in _split_markers(answer, "~="):
        given, rest = (None, part.strip()) if marker == "=" else weight(part)
        text_part, feedback = _answer_and_feedback(rest, fmt, notes)
        text = _text(text_part, fmt, notes)
        value = 100.0 if marker == "=" else (given or 0.0)
        options.append({"text": text, "weight": value, "feedback": feedback})
    return choice_data(options, single, notes)


def matching(answer: Marked, fmt: str, notes: list[str]) -> dict[str, Any]:
    """'=item -> match' pairs; '= -> text' (no item) is a distractor."""
    parts = [part for _, part in _split_markers(answer, "=")]
    if len(parts) < 2:
        raise Refused("a matching question needs at least two pairs written '=item -> match', "
                      "so that there is something to match; add another pair")
    pairs: list[dict[str, str]] = []
    distractors: list[str] = []
    for part in parts:
        part = part.strip()
        arrow = part.find("->")
        if arrow == -1:
            raise Refused(f"{part.text!r} is not a pair: write '=item -> match'")
        # Items and matches are shown as plain text (in a list and a menu): no Markdown.
        item_text, own = with_format(part[:arrow], fmt)
        item = to_plain(item_text, own)
        match = part[arrow + 2:].strip().text
        if item:
            pairs.append({"item": item, "match": match})
        else:
            distractors.append(match)
    return matching_data(pairs, distractors)


def true_false(answer: Marked, fmt: str, notes: list[str]) -> dict[str, Any]:
    """{T}, {TRUE#feedback if wrong#feedback if right}: Moodle shows the first feedback
    to a student who answered wrongly and the second to one who answered rightly."""
    bits = answer.split("#", 2)
    value = bits[0].strip().text in ("T", "TRUE")
    wrong = _text(bits[1], fmt, notes) or None if len(bits) > 1 else None
    right = _text(bits[2], fmt, notes) or None if len(bits) > 2 else None
    return {"type": "true_false", "answer": value,
            "feedback_true": right if value else wrong, "feedback_false": wrong if value else right}


def short_answer(answer: Marked, fmt: str, notes: list[str]) -> dict[str, Any]:
    """'=answer' alternatives, each full credit unless weighted ('=%50%answer')."""
    answers: list[dict[str, Any]] = []
    for _, part in _split_markers(answer, "="):
        given, rest = weight(part)
        text_part, feedback = _answer_and_feedback(rest, fmt, notes)
        text, _ = with_format(text_part, fmt)  # typed answers are plain text: the tag goes, nothing else
        credit = check_weight(100.0 if given is None else given, text)
        if credit < 0:
            notes.append(f"the negative weight of {text!r} became 0: short answers earn no less than nothing")
            credit = 0.0
        answers.append({"text": text, "credit": credit, "feedback": feedback})
    if not answers:
        raise Refused("a short-answer question needs at least one answer, e.g. {=Paris}")
    if len(answers) == 1 and answers[0]["text"].upper() in ("T", "TRUE", "F", "FALSE"):
        notes.append(f"{{{answers[0]['text']}}} was read as a short answer, as Moodle reads it; "
                     "write {TRUE} or {FALSE} in capitals for a true/false question")
    return {"type": "short_answer", "answers": answers}


def numeric(answer: Marked, fmt: str, notes: list[str]) -> dict[str, Any]:
    """{#value:tolerance}, {#min..max}, several answers '=%50%value:tolerance', '~#feedback' for the rest."""
    body = answer[1:]
    other = body.find("~")
    if other != -1:
        _, rest_feedback = _answer_and_feedback(body[other + 1:], fmt, notes)
        body = body[:other]
        catch_all_note(rest_feedback, notes)
    parts = [part for _, part in _split_markers(body, "=")]
    if not parts:
        raise Refused("a numeric question needs at least one answer, e.g. {#42:0.5} or {#40..44}")
    answers: list[dict[str, Any]] = []
    for part in parts:
        given, rest = weight(part)
        value_part, feedback = _answer_and_feedback(rest, fmt, notes)
        spec = value_part.strip().text
        credit = check_weight(100.0 if given is None else given, spec)
        if spec == "*":
            if credit > 0:
                raise Unsupported("the answer '*' gives credit for any number, which Lectern cannot express")
            catch_all_note(feedback, notes)
            continue
        value, tolerance = _value_and_tolerance(spec)
        answers.append({"value": value, "tolerance": tolerance, "credit": max(credit, 0.0), "feedback": feedback})
    if not answers:
        raise Refused("a numeric question needs at least one number as an answer, e.g. {#42} or {#40..44}")
    return {"type": "numeric", "answers": answers}


def _value_and_tolerance(spec: str) -> tuple[float, float]:
    if spec.find("..") > 0:
        # In decimals, so that 3.141..3.142 is 3.1415 ± 0.0005 exactly, not 3.1414999999999997.
        low, high = (exact_decimal(s) for s in spec.split("..", 1))
        if low > high:
            raise Refused(f"in the range {spec!r} the smaller number comes first; write it as "
                          f"{high}..{low}")
        return float((low + high) / 2), float((high - low) / 2)
    if spec.find(":") > 0:
        value, tolerance = (decimal(s) for s in spec.split(":", 1))
        if tolerance < 0:
            raise Refused(f"the tolerance in {spec!r} is negative; write it without the minus sign")
        return value, tolerance
    return decimal(spec), 0.0




def ordering(raw: str, notes: list[str]) -> dict[str, Any]:
    """qtype_ordering's GIFT: '{>count [select] [layout] [grading] [show]' then one item a line.

    The items are read as written, without GIFT escapes, as qtype_ordering does.
    """
    header, _, rest = raw.partition("\n")
    words = header.split()
    count = int(words.pop(0)) if words and words[0].isdigit() else None
    found: dict[str, str] = {}
    for name, allowed in (("select", _SELECT), ("layout", _LAYOUT), ("grading", _GRADING), ("show", _SHOW)):
        if words and words[0].upper() in allowed:
            found[name] = words.pop(0).upper()
    items = [line.strip() for line in ([" ".join(words)] if words else []) + rest.split("\n")]
    items = [item for item in items if item]
    ordering_notes(len(items), count, found.get("select", "RANDOM"),
                   found.get("grading", "RELATIVE_NEXT_EXCLUDE_LAST"), notes)
    return {"type": "ordering", "items": items}
