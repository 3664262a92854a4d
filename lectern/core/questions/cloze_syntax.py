"""Moodle's cloze ("embedded answers") syntax: read a text with gaps, and write one back.

A gap is written `{weight:KIND:answers}`, e.g. `{2:SHORTANSWER:=Berlin#Right~*#No, Berlin}`:
the weight (empty means 1) counts the gap in the question's mark, KIND says how it is
answered, and answers are separated by `~`. Each answer may start with `=` (full credit)
or `%50%` (that percentage), and may end with `#feedback`. Inside answers and feedback
`\\}` `\\#` `\\~` `\\/` `\\"` and `\\\\` stand for the character itself, as Moodle's
documentation says (and `\\=` `\\%` `\\&` where an answer starts or ends with one); a `#` right after
`&` belongs to an HTML entity (`&#39;`), as in Moodle's own parser
(qtype_multianswer_extract_question), whose rules this follows.

Parsing gives the text with each gap replaced by `{#n}` (the placeholder Moodle itself
stores) and a list of gaps as plain data; `write_cloze` turns that back into the syntax.
What parses is written back character for character when it was written the way
`write_cloze` writes (full kind names, the weight always given).
"""

from __future__ import annotations

import re
from typing import Any

# Each kind Moodle knows, by every name it accepts: (kind, layout, shuffled, case-sensitive).
_KINDS: dict[str, tuple[str, str | None, bool, bool]] = {}
for _names, _spec in (
    (("SHORTANSWER", "SA", "MW"), ("short_answer", None, False, False)),
    (("SHORTANSWER_C", "SAC", "MWC"), ("short_answer", None, False, True)),
    (("NUMERICAL", "NM"), ("numeric", None, False, False)),
    (("MULTICHOICE", "MC"), ("single_choice", "dropdown", False, False)),
    (("MULTICHOICE_S", "MCS"), ("single_choice", "dropdown", True, False)),
    (("MULTICHOICE_V", "MCV"), ("single_choice", "vertical", False, False)),
    (("MULTICHOICE_VS", "MCVS"), ("single_choice", "vertical", True, False)),
    (("MULTICHOICE_H", "MCH"), ("single_choice", "horizontal", False, False)),
    (("MULTICHOICE_HS", "MCHS"), ("single_choice", "horizontal", True, False)),
    (("MULTIRESPONSE", "MR"), ("multiple_response", "vertical", False, False)),
    (("MULTIRESPONSE_S", "MRS"), ("multiple_response", "vertical", True, False)),
    (("MULTIRESPONSE_H", "MRH"), ("multiple_response", "horizontal", False, False)),
    (("MULTIRESPONSE_HS", "MRHS"), ("multiple_response", "horizontal", True, False)),
):
    for _name in _names:
        _KINDS[_name] = _spec
# The full name written back for each (kind, layout, shuffled, case-sensitive).
_CODES = {spec: name for name, spec in reversed(list(_KINDS.items()))}
KIND_NAMES = "SHORTANSWER (SA), SHORTANSWER_C (SAC), NUMERICAL (NM), MULTICHOICE (MC, MCV, MCH), MULTIRESPONSE (MR, MRH)"

PLACEHOLDER = re.compile(r"\{#(\d+)\}")
# Where a gap starts: `{`, digits, `:`, a word, then `:` or `}`. Other braces are ordinary text.
_GAP_START = re.compile(r"\{(\d*):([A-Za-z_]+)([:}])")
_NUMBER = re.compile(r"-?(?:[0-9]+[.,]?[0-9]*|[.,][0-9]+)(?:[eE][-+]?[0-9]+)?")
_PERCENT = re.compile(r"%(-?[0-9]+(?:[.,][0-9]*)?)%")
_UNESCAPE = re.compile(r"\\([}#~/\"\\=%&])")
EXAMPLE = "The capital of Germany is {1:SHORTANSWER:=Berlin#Right~*#No: paragraph 2 names Berlin}."


class ClozeSyntaxError(ValueError):
    """Text whose gaps do not follow the syntax; the message names the gap and what to fix."""


def parse_cloze(source: str) -> tuple[str, list[dict[str, Any]]]:
    """The text with `{#n}` placeholders and the gaps as plain data, or ClozeSyntaxError."""
    if PLACEHOLDER.search(source):
        raise ClozeSyntaxError(f"the text contains {PLACEHOLDER.search(source).group()}, which marks a gap "
                               "inside Lectern; write each gap in full, such as " + EXAMPLE)
    text, gaps, at = [], [], 0
    while (start := _GAP_START.search(source, at)) is not None:
        number = len(gaps) + 1
        end = _closing_brace(source, start.end() - 1) if start.group(3) == ":" else start.end() - 1
        if end is None:
            raise ClozeSyntaxError(f"gap {number} ({_quote(source[start.start():start.start() + 30])}) is not "
                                   "closed with }; a } inside an answer is written \\}")
        gaps.append(_gap(number, start.group(1), start.group(2), source[start.end():end]))
        text.append(source[at:start.start()] + f"{{#{number}}}")
        at = end + 1
    if not gaps:
        raise ClozeSyntaxError("the text has no gap; write at least one, such as " + EXAMPLE)
    return "".join(text) + source[at:], gaps


def _closing_brace(source: str, after: int) -> int | None:
    i = after + 1
    while i < len(source):
        if source[i] == "\\":
            i += 2
            continue
        if source[i] == "}":
            return i
        i += 1
    return None


def _quote(text: str) -> str:
    return "'" + " ".join(text.split()) + "…'"


def _gap(number: int, weight: str, code: str, body: str) -> dict[str, Any]:
    where = f"gap {number}"
    spec = _KINDS.get(code)
    if spec is None:
        hint = " (write it in capitals)" if code.upper() in _KINDS else ""
        raise ClozeSyntaxError(f"{where}: {code!r} is not a kind of gap{hint}; use one of {KIND_NAMES}")
    kind, layout, shuffled, case_sensitive = spec
    # Moodle's parser allows a "~" before every answer, the first too ({1:MC:~=yes~no}), and
    # people used to GIFT put one there; it separates nothing.
    body = body.removeprefix("~")
    answers = [_answer(where, n, part, kind) for n, part in enumerate(_split(body, "~"), start=1)] if body else []
    if not answers:
        raise ClozeSyntaxError(f"{where}: {code} has no answers; write them after a second colon, "
                               f"such as {{1:{code}:=right~wrong}}")
    if weight and int(weight) > 100:
        raise ClozeSyntaxError(f"{where}: its weight {int(weight)} is more than 100; use a smaller number")
    gap: dict[str, Any] = {"kind": kind, "weight": int(weight) if weight else 1, "answers": answers}
    if layout and layout != ("dropdown" if kind == "single_choice" else "vertical"):  # the default is left out
        gap["layout"] = layout
    if shuffled:
        gap["shuffle"] = True
    if case_sensitive:
        gap["case_sensitive"] = True
    return gap


def _split(body: str, separator: str) -> list[str]:
    """body cut at each `separator` not escaped with a backslash (nor, for `#`, part of an HTML entity)."""
    parts, current, i = [], [], 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            current.append(body[i:i + 2])
            i += 2
            continue
        if char == separator and not (separator == "#" and current and current[-1] == "&"):
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    return parts + ["".join(current)]


def _answer(where: str, n: int, part: str, kind: str) -> dict[str, Any]:
    credit, percent = 0.0, False
    if part.startswith("="):
        credit, part = 100.0, part[1:]
    elif match := _PERCENT.match(part):
        credit, percent, part = float(match.group(1).replace(",", ".")), True, part[match.end():]
    text, *rest = _split(part, "#") if "#" in part else [part]
    # Spaces around an answer or its feedback mean nothing (Moodle trims them too).
    feedback = unescape("#".join(rest)).strip() if rest else None
    text = unescape(text).strip()
    if not text:
        raise ClozeSyntaxError(f"{where}: answer {n} is empty; write its text after the "
                               + ("=" if credit == 100 and not percent else "~" if n > 1 else "colon"))
    if not -100 <= credit <= 100:
        raise ClozeSyntaxError(f"{where}: answer {n} ({text!r}) has credit {credit:g}%; "
                               "use a percentage between -100 and 100")
    if credit < 0 and kind != "multiple_response":
        raise ClozeSyntaxError(f"{where}: answer {n} ({text!r}) has a negative credit, which only "
                               "a MULTIRESPONSE gap can give; use 0 or more")
    answer: dict[str, Any] = {"text": text, "credit": credit}
    if kind == "numeric":
        answer |= _numeric(where, text)
    if percent:
        answer["percent"] = True
    if feedback:
        answer["feedback"] = feedback
    return answer


def _numeric(where: str, text: str) -> dict[str, Any]:
    value, _, tolerance = text.strip().partition(":")
    if value == "*" and not tolerance:
        return {"text": "*"}
    if not _NUMBER.fullmatch(value) or (tolerance and not _NUMBER.fullmatch(tolerance)):
        raise ClozeSyntaxError(f"{where}: NUMERICAL answer {text.strip()!r} is not a number; write it "
                               "as =3.14 or with a tolerance as =3.14:0.01 (or * for any other number)")
    return {"text": value} | ({"tolerance": tolerance} if tolerance else {})


def unescape(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


def escape(text: str) -> str:
    """Answer or feedback text written so that parse_cloze reads it back as it is.

    A leading = or % would read as a credit, and a trailing & as part of an HTML entity, so they are
    escaped too (Lectern's addition: Moodle has no way to write them).
    """
    text = re.sub(r"([\\}#~])", r"\\\1", text)
    if text.endswith("&"):  # '&#' reads as the start of an HTML entity, not as the feedback's '#'
        text = text[:-1] + "\\&"
    return "\\" + text if text[:1] in ("=", "%") else text


def write_cloze(text: str, gaps: list[dict[str, Any]]) -> str:
    """The text in Moodle's syntax: each `{#n}` placeholder replaced by gap n written out."""
    return PLACEHOLDER.sub(lambda m: write_gap(gaps[int(m.group(1)) - 1]) if 0 < int(m.group(1)) <= len(gaps)
                           else m.group(), text)


def write_gap(gap: dict[str, Any]) -> str:
    """One gap in Moodle's syntax, e.g. `{1:MULTICHOICE:=Berlin#Right~Paris}`."""
    kind = gap["kind"]
    layout = gap.get("layout") or ("dropdown" if kind == "single_choice" else
                                   "vertical" if kind == "multiple_response" else None)
    code = _CODES[(kind, layout, bool(gap.get("shuffle")), bool(gap.get("case_sensitive")))]
    answers = "~".join(_write_answer(a, kind) for a in gap["answers"])
    return f"{{{gap.get('weight', 1)}:{code}:{answers}}}"


def _write_answer(answer: dict[str, Any], kind: str) -> str:
    credit = answer.get("credit", 0)
    mark = f"%{number_text(credit)}%" if answer.get("percent") or credit not in (0, 100) else "=" if credit == 100 else ""
    if kind == "numeric":
        body = answer["text"] + (f":{answer['tolerance']}" if answer.get("tolerance") else "")
    else:
        body = escape(answer["text"])
    feedback = answer.get("feedback")
    return mark + body + (f"#{escape(feedback)}" if feedback else "")


def number_text(value: float) -> str:
    """A credit as a short decimal: 50, 33.33333, -25."""
    return format(value, ".10g")
