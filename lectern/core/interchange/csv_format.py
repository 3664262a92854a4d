"""Questions as a spreadsheet: one row per question, for teachers who write in Excel.

Columns (a header row names them, in any order; only type and prompt are required):

  type         single_choice, multiple_response, true_false, short_answer, numeric,
               matching, ordering, essay or cloze
  id           optional; made from the prompt when empty
  prompt       the question; for cloze the text with its gaps in Moodle's syntax
               ({1:SHORTANSWER:=Berlin#Right~*#Wrong}), options and answers left empty
  options      choices, separated by "|"; for matching "item -> match" pairs (a pair
               with no item, "-> text", is a distractor); for ordering the items in
               the right order. In multiple response "%50%text" gives an option its
               credit (negative for wrong ones), instead of letters in answers.
  answers      the right answers, separated by "|": letters (A, C) or option texts
               for choices; true or false; accepted texts for short answers
               ("%50%text" for partial credit, * as a wildcard); numbers for numeric
               ("800000", "800000 ± 5000", "1..5", "%50%…"); the model answer of an essay
  feedback     feedback per option (or per accepted answer), separated by "|" in the
               same order; for true/false "if true | if false"
  explanation, skill (locate, understand, evaluate), difficulty (easy, medium, hard),
  tags         (separated by "|"), points, unit (of a numeric answer, e.g. km)

A "|" inside a text is written "\\|". Evidence, option ids, catch-all
feedback, accepted warnings and an essay's rubric do not fit in a row: use GIFT or Moodle XML to move
questions losslessly.

Exported cells that start with = + - @ are prefixed with an apostrophe, so that a
spreadsheet shows them as text instead of running them as formulas ("CSV
injection"); the import removes that apostrophe again. Save exports with
encoding "utf-8-sig" so that Excel reads the accents right.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Sequence
from typing import Any

from lectern.core.csv_safety import neutralise, restore
from lectern.core.interchange.gift_text import number
from lectern.core.interchange.result import Collector, ImportResult
from lectern.core.questions import QuestionDefinition
from lectern.core.questions.cloze_syntax import parse_cloze
from lectern.core.questions.numeric import parse_number

COLUMNS = ("type", "id", "prompt", "options", "answers", "feedback", "explanation", "skill", "difficulty",
           "tags", "points", "unit")
_ALIASES = {"right answers": "answers", "right answer": "answers", "answer": "answers", "correct": "answers",
            "question": "prompt", "text": "prompt", "general feedback": "explanation"}
_TYPE_ALIASES = {"multiple_choice": "single_choice", "multichoice": "single_choice", "single": "single_choice",
                 "multiple": "multiple_response", "truefalse": "true_false", "tf": "true_false",
                 "shortanswer": "short_answer", "numerical": "numeric", "number": "numeric",
                 "match": "matching", "order": "ordering"}
_SEPARATOR = re.compile(r"(?<!\\)\|")
_CREDIT = re.compile(r"^%(-?\d+(?:\.\d+)?)%\s*")
_TOLERANCE = re.compile(r"\s*(?:±|\+/-|\+-)\s*")
_TRUE, _FALSE = {"true", "t", "yes", "y", "1"}, {"false", "f", "no", "n", "0"}

CSV_TEMPLATE = """\
type,id,prompt,options,answers,feedback,explanation,skill,difficulty,tags
single_choice,capital-city,In which city did the meeting take place?,Paris | Berlin | Rome,B,"No, not Paris. | Right: paragraph 1 says Berlin. | No, not Rome.",Paragraph 1 names the city.,locate,easy,places
multiple_response,who-took-part,Who took part in the meeting? Tick every right answer.,The United States | Russia | Ukraine,A | C,Right. | No: Russia is not mentioned. | Right.,Paragraph 1 names the participants.,locate,medium,
true_false,treaty-binding,The agreements are legally binding.,,true,Right: paragraph 6 says so. | No: paragraph 6 calls them legally binding.,Paragraph 6 says the commitments are legally binding.,understand,easy,
short_answer,alliance-name,Which alliance does the first document mirror?,,NATO | North Atlantic Treaty Organization | %50%the alliance,Right. | Right. | Name it.,Paragraph 4 compares the principles with NATO's Article 5.,locate,easy,
numeric,troop-target,How many personnel is Ukraine's military to reach?,,800000 ± 50000,"Right: about 800,000.","Paragraph 10 gives approximately 800,000 personnel.",locate,medium,numbers
matching,who-does-what,Match each party with its role.,European troops -> deployed in western Ukraine | The United States -> a critical enabler | -> leads the negotiations,,,Paragraphs 12 and 13 give the roles.,understand,medium,
ordering,order-of-points,Put these points in the order the article gives them.,The meeting in Berlin | The first document | The troop deployment,,,The article moves from the meeting to the documents.,locate,medium,
essay,judge-the-source,How far can a reader trust the article's sources? Explain.,,"The article relies on unnamed sources cited by one newspaper, so its claims are hard to check.",,A strong answer weighs the anonymous sourcing.,evaluate,hard,
"""


def parse_csv(text: str, *, taken_ids: Collection[str] = ()) -> ImportResult:
    """Every question in CSV text, one row each, with the line each starts on; see ImportResult."""
    collector = Collector(taken_ids)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        collector.problem(None, None, "the file is empty; start with a header row: " + ",".join(COLUMNS))
        return collector.result()
    names = [_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    unknown = [h for h, name in zip(header, names) if name and name not in COLUMNS]
    if unknown or not {"type", "prompt"} <= set(names):
        missing = sorted({"type", "prompt"} - set(names))
        what = (f"names columns Lectern does not know ({', '.join(map(repr, unknown))}); rename or remove them"
                if unknown else f"lacks the column{'s' if len(missing) > 1 else ''} {' and '.join(missing)}, "
                "which every CSV file needs; add it to the first row")
        collector.problem(1, None, f"the header row {what} (the columns are: {', '.join(COLUMNS)})")
        return collector.result()
    start = reader.line_num + 1
    try:
        for row in reader:
            cells = {name: restore(cell.strip()) for name, cell in zip(names, row) if name}
            if any(cells.values()):
                _row(cells, start, collector)
            start = reader.line_num + 1
    except csv.Error as e:
        collector.problem(start, None, f"the CSV cannot be read here ({e}); a cell holding a comma, "
                                        "a line break or a quote goes in double quotes, with each quote inside "
                                        "it written twice (\"\")")
    return collector.result()


def _split(cell: str) -> list[str]:
    """Entries of a '|'-separated cell ('\\|' is a literal bar); empty entries keep their place."""
    if not cell.strip():
        return []
    return [part.strip().replace("\\|", "|").replace("\\\\", "\\") for part in _SEPARATOR.split(cell)]


def _row(cells: dict[str, str], line: int, collector: Collector) -> None:
    kind = re.sub(r"[\s-]+", "_", cells.get("type", "").lower())
    kind = _TYPE_ALIASES.get(kind, kind)
    data: dict[str, Any] = {"type": kind, "prompt": cells.get("prompt", "")}
    for key in ("explanation", "skill", "difficulty"):
        if cells.get(key):
            data[key] = cells[key].lower() if key != "explanation" else cells[key]
    if cells.get("tags"):
        data["tags"] = [t for t in _split(cells["tags"]) if t]
    if cells.get("points"):
        data["points"] = parse_number(cells["points"]) or cells["points"]
    if cells.get("unit"):
        if kind != "numeric":
            collector.problem(line, cells.get("id") or None, "only a numeric question has a unit; empty the unit cell")
            return
        data["unit"] = cells["unit"]
    feedback = _split(cells.get("feedback", ""))
    try:
        data.update(_TYPE_READERS.get(kind, _unknown)(_split(cells.get("options", "")),
                                                       cells.get("answers", ""), feedback))
        if kind == "cloze":  # its gaps are written in the prompt, in Moodle's cloze syntax
            data["prompt"], data["gaps"] = parse_cloze(data["prompt"])
    except ValueError as e:
        collector.problem(line, cells.get("id") or None, str(e))
        return
    collector.add(data, line=line, title=cells.get("id") or None, wanted_id=cells.get("id") or None)


def _unknown(options: list[str], answers: str, feedback: list[str]) -> dict[str, Any]:
    return {}  # the Collector reports the unknown type, naming the types there are


def _at(values: list[str], n: int) -> str | None:
    return (values[n] or None) if n < len(values) else None


def _chosen(options: list[str], answers: str) -> set[int]:
    chosen = set()
    for entry in _split(answers):
        if entry in options:
            chosen.add(options.index(entry))
        elif re.fullmatch(r"[A-Za-z]", entry) and ord(entry.upper()) - ord("A") < len(options):
            chosen.add(ord(entry.upper()) - ord("A"))
        elif entry:
            raise ValueError(f"the answer {entry!r} is neither an option's letter nor its text; name "
                             "the right options by letter (A|C) or by their text")
    return chosen


def _choices(kind: str):
    def read(options: list[str], answers: str, feedback: list[str]) -> dict[str, Any]:
        credits = [_CREDIT.match(o) for o in options]
        if kind == "multiple_response" and any(credits):
            if answers.strip():
                raise ValueError("give either credits in the options (%50%text) or letters in answers, not both")
            return {"options": [{"text": _CREDIT.sub("", o), "credit": float(m.group(1)) if m else None,
                                 "feedback": _at(feedback, n)} for n, (o, m) in enumerate(zip(options, credits))]}
        chosen = _chosen(options, answers)
        return {"options": [{"text": o, "correct": n in chosen, "feedback": _at(feedback, n)}
                            for n, o in enumerate(options)]}
    return read


def _true_false(options: list[str], answers: str, feedback: list[str]) -> dict[str, Any]:
    word = answers.strip().lower()
    if word not in _TRUE | _FALSE:
        raise ValueError(f"the answer of a true/false question is true or false, not {answers.strip()!r}; "
                         "write true or false")
    return {"answer": word in _TRUE, "feedback_true": _at(feedback, 0), "feedback_false": _at(feedback, 1)}


def _short_answer(options: list[str], answers: str, feedback: list[str]) -> dict[str, Any]:
    out = []
    for n, entry in enumerate(_split(answers)):
        credit = _CREDIT.match(entry)
        out.append({"text": _CREDIT.sub("", entry), "credit": float(credit.group(1)) if credit else 100,
                    "feedback": _at(feedback, n)})
    return {"answers": out}


def _numeric(options: list[str], answers: str, feedback: list[str]) -> dict[str, Any]:
    out = []
    for n, entry in enumerate(_split(answers)):
        credit = _CREDIT.match(entry)
        spec = _CREDIT.sub("", entry)
        if ".." in spec:
            low, high = (_number(s) for s in spec.split("..", 1))
            value, tolerance = (low + high) / 2, abs(high - low) / 2
        else:
            parts = _TOLERANCE.split(spec, 1) if _TOLERANCE.search(spec) else spec.split(":", 1)
            value, tolerance = _number(parts[0]), _number(parts[1]) if len(parts) > 1 else 0.0
        out.append({"value": value, "tolerance": tolerance, "credit": float(credit.group(1)) if credit else 100,
                    "feedback": _at(feedback, n)})
    return {"answers": out}


def _number(text: str) -> float:
    value = parse_number(text)
    if value is None:
        raise ValueError(f"{text.strip()!r} is not a number; write digits, with a '.' for decimals (e.g. 3.14)")
    return value


def _matching(options: list[str], answers: str, feedback: list[str]) -> dict[str, Any]:
    pairs, distractors = [], []
    for entry in options:
        item, arrow, match = entry.partition("->")
        if not arrow:
            raise ValueError(f"{entry!r} is not a pair: write 'item -> match' (or '-> text' for a distractor)")
        if item.strip():
            pairs.append({"item": item.strip(), "match": match.strip()})
        else:
            distractors.append(match.strip())
    return {"pairs": pairs, "distractors": distractors}


_TYPE_READERS = {
    "single_choice": _choices("single_choice"), "multiple_response": _choices("multiple_response"),
    "true_false": _true_false, "short_answer": _short_answer, "numeric": _numeric, "matching": _matching,
    "ordering": lambda options, answers, feedback: {"items": options},
    "essay": lambda options, answers, feedback: {"model_answer": answers},
}


def write_csv(questions: Sequence[QuestionDefinition]) -> str:
    """CSV text of the questions, in the columns parse_csv reads (cells that look like formulas neutralised)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for q in questions:
        options, answers, feedback = _cells(q)
        prompt = q.source() if q.type == "cloze" else q.prompt  # a cloze's gaps are in its text
        row = [q.type, q.id, prompt, _join(options), answers, _join(feedback), q.explanation or "",
               q.skill or "", q.difficulty or "", _join(q.tags), "" if q.points == 1 else _num(q.points),
               getattr(q, "unit", None) or ""]
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def _join(values: Sequence[str | None]) -> str:
    values = [(v or "").replace("\\", "\\\\").replace("|", "\\|") for v in values]
    return " | ".join(values) if any(values) else ""


def _num(value: float) -> str:
    return number(value)


def _credit(value: float) -> str:
    return f"%{_num(value)}%"


def _cells(q: Any) -> tuple[list[str], str, list[str | None]]:
    if q.type == "cloze":
        return [], "", []
    if q.type in ("single_choice", "multiple_response"):
        texts = [o.text for o in q.options]
        feedback = [o.feedback for o in q.options]
        if q.type == "multiple_response" and q.options[0].credit is not None:
            return [_credit(o.credit) + o.text for o in q.options], "", feedback
        letters = [chr(ord("A") + n) if len(texts) <= 26 else o.text for n, o in enumerate(q.options) if o.correct]
        return texts, " | ".join(letters), feedback
    if q.type == "true_false":
        return [], "true" if q.answer else "false", [q.feedback_true, q.feedback_false]
    if q.type == "short_answer":
        entries = [("" if a.credit == 100 else _credit(a.credit)) + a.text for a in q.answers]
        return [], _join(entries), [a.feedback for a in q.answers]
    if q.type == "numeric":
        entries = [("" if a.credit == 100 else _credit(a.credit)) + _num(a.value)
                   + (f" ± {_num(a.tolerance)}" if a.tolerance else "") for a in q.answers]
        return [], _join(entries), [a.feedback for a in q.answers]
    if q.type == "matching":
        return [f"{p.item} -> {p.match}" for p in q.pairs] + [f"-> {d}" for d in q.distractors], "", []
    if q.type == "ordering":
        return list(q.items), "", []
    return [], q.model_answer, []
