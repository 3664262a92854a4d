"""The question editor's messages: each of the type model's errors in a teacher's words, and where it goes.

The bank loader speaks to people editing questions.yaml ("correct: true", "options.1.text");
the editor says the same thing about the fields on the page. Every error is placed in the
plain data of the question (a loc such as ("options", 1, "text")); the form then finds
the field for it. No pydantic wording, field path or pattern reaches the page: an error
this module does not know gets a general message rather than pydantic's own.
"""

from __future__ import annotations

from typing import Any

from lectern.teacher.rubric_rows import rubric_problem

Loc = tuple[Any, ...]

# What to say when a field is left blank, by (list, field) for the rows of a list, else by field.
BLANK: dict[Any, str] = {
    "id": "Give the question an id, or leave it empty to have one made from the prompt.",
    "prompt": "Write the question the students answer.",
    "explanation": "Say why the right answer is right; students read it after submitting.",
    "answer": "Choose whether the statement is true or false.",
    "model_answer": "Write a model answer.",
    ("options", "text"): "Give the option a text.",
    ("options", "id"): "This option lost its place; reload the editor and make your change again.",
    ("answers", "text"): "Write the accepted answer.",
    ("answers", "value"): "Write the number a student should give.",
    ("answers", "tolerance"): "Give a tolerance: how far off an answer may be and still count (0 for exact).",
    ("pairs", "item"): "Give the item a text.",
    ("pairs", "match"): "Give the item its match.",
    ("evidence", "quote"): "Copy the words of the passage that proves the answer.",
    ("evidence", "paragraph"): "Choose the paragraph the quote comes from.",
    "items": "Give the item a text.",
    "distractors": "Give the distractor a text.",
}
TOO_FEW = {
    "options": "Give at least two options.",
    "pairs": "Give at least two pairs.",
    "items": "Give at least three items to put in order.",
    "answers": "Give at least one accepted answer.",
    "evidence": "Quote at least one passage of the article that proves the answer.",
}
OUT_OF_RANGE = {
    "points": "Give more than 0 and at most 100 points.",
    ("options", "credit"): "Use a credit from -100 to 100.",
    ("answers", "credit"): "Use a credit from 0 to 100.",
    ("answers", "tolerance"): "The tolerance cannot be less than 0.",
    ("evidence", "paragraph"): "Choose one of the article's paragraphs.",
}
CHOOSE = {
    "skill": "Choose one of the listed skills.",
    "difficulty": "Choose easy, medium or hard.",
    "answer": "Choose whether the statement is true or false.",
}
ID_PATTERN = "The id may use only lower-case letters, digits and single hyphens, like who-signed-it."
NUMBER = "Write a number, like 2 or 2.5."
GENERAL = "This is not accepted as it is; check it and try again."

BLANK_KINDS = {"missing", "string_too_short", "string_type", "none_required"}
NUMBER_KINDS = {"float_parsing", "float_type", "finite_number", "int_parsing", "int_type", "int_from_float"}
RANGE_KINDS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
CHOICE_KINDS = {"literal_error", "bool_parsing", "bool_type", "enum"}


def plain_problem(err: dict[str, Any], data: dict[str, Any]) -> tuple[Loc, str]:
    """Where in the question's data a validation error belongs, and what it says to a teacher."""
    loc, kind, ctx = tuple(err.get("loc") or ()), err["type"], err.get("ctx") or {}
    if not loc:
        return _rule_problem(kind, ctx, data)
    if loc[0] == "rubric":  # an essay's rubric is typed in its own way (rubric_rows)
        return rubric_problem(loc, kind, data)
    keys = [_name(loc), loc[0]]
    if kind in BLANK_KINDS:
        return loc, _first(BLANK, keys) or "Fill this in."
    if kind == "too_short":
        return loc, TOO_FEW.get(loc[0]) or "Add more of these."
    if kind == "unknown_warning":  # only a tampered form sends a name the checks panel did not offer
        return ("accept_warnings",), (f"{ctx.get('name')!r} is not the name of a warning; "
                                      "tick only the boxes the checks offer.")
    if kind == "string_pattern_mismatch" and loc == ("id",):
        return loc, ID_PATTERN
    if kind == "string_too_long":
        return loc, f"Keep this to {ctx.get('max_length', 'fewer')} characters or fewer."
    if kind in NUMBER_KINDS:
        return loc, "Choose one of the article's paragraphs." if _name(loc) == ("evidence", "paragraph") else NUMBER
    if kind in RANGE_KINDS:
        return loc, _first(OUT_OF_RANGE, keys) or "That number is out of range."
    if kind in CHOICE_KINDS:
        return loc, _first(CHOOSE, keys) or "Choose one of the listed values."
    return loc, GENERAL


def _rule_problem(kind: str, ctx: dict[str, Any], data: dict[str, Any]) -> tuple[Loc, str]:
    """A rule about the question as a whole, placed at the row it is about when there is one."""
    if kind == "one_right":
        return ("options",), "Mark exactly one answer as right, or switch to Multiple response."
    if kind == "none_right":
        return ("options",), "Mark at least one option as right."
    if kind == "credit_contradicts":
        row = _last_row(data.get("options"), lambda o: o.get("id") == ctx.get("option"))
        return (("options", row, "credit") if row is not None else ("options",),
                "A right option needs a credit above 0, and a wrong one 0 or less.")
    if kind == "credits_all_or_none":
        return ("options",), "Give every option a credit, or leave all the credits empty."
    if kind == "credits_total":
        return ("options",), (f"The right options' credits add up to {ctx.get('total', 0):g}%; "
                              "make them add up to 100%.")
    if kind == "full_answer":
        return ("answers",), "Give at least one accepted answer full credit (100, the default)."
    if kind == "star_only":
        return ("answers", ctx.get("answer", 0), "text"), \
            "An answer of only * would accept anything: give it credit 0, or remove it."
    if kind == "duplicate":
        return _duplicate(ctx.get("what"), ctx.get("value"), data)
    return (), GENERAL


def _duplicate(what: Any, value: Any, data: dict[str, Any]) -> tuple[Loc, str]:
    if what == "option text":
        row = _last_row(data.get("options"), lambda o: o.get("text") == value)
        return ("options", row, "text"), "Another option says the same; make each option different."
    if what == "option id":
        return ("options",), "Two options carry the same hidden id; reload the editor and make your change again."
    if what == "item" and "pairs" in data:
        row = _last_row(data.get("pairs"), lambda p: p.get("item") == value)
        return ("pairs", row, "item"), "Another item says the same; make each item different."
    if what == "item":
        row = _last_row(data.get("items"), lambda item: item == value)
        return ("items", row), "Another item says the same; make each item different."
    if what == "match":
        row = _last_row(data.get("distractors"), lambda d: d == value)
        if row is not None:
            return ("distractors", row), "This is already one of the matches or distractors; make each different."
        row = _last_row(data.get("pairs"), lambda p: p.get("match") == value)
        return ("pairs", row, "match"), "Another pair has the same match; make each match different."
    return (), GENERAL


def _name(loc: Loc) -> Any:
    """A field's key in the tables above: (list, field) inside a row of a list, else the field."""
    fields = [p for p in loc if isinstance(p, str)]
    return (fields[0], fields[-1]) if len(fields) > 1 else fields[0] if fields else None


def _first(table: dict[Any, str], keys: list[Any]) -> str | None:
    return next((table[k] for k in keys if k in table), None)


def _last_row(rows: Any, is_it: Any) -> int | None:
    matches = [n for n, row in enumerate(rows or []) if is_it(row)]
    return matches[-1] if matches else None
