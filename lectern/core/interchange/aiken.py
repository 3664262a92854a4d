"""Read Aiken, the simplest multiple-choice format Moodle imports.

    What is the capital of France?
    A. Berlin
    B) Paris
    ANSWER: B

A question is its text, then options lettered "A." or "A)" followed by a space,
then "ANSWER: X". Lectern is a little kinder than Moodle: the question text may
run over several lines, and "ANSWER: A, C" makes a multiple-response question.
It is also a little stricter: an option needs a space after its letter, so a
question starting "U.S. troops…" stays a question.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from lectern.core.interchange.result import Collector, ImportResult

_OPTION = re.compile(r"^([A-Z])[.)]\s+(\S.*)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)
_NO_ANSWER = ("the question has no 'ANSWER: X' line after its options; add one naming the right option's "
              "letter (e.g. ANSWER: B), then a blank line before the next question")


@dataclass
class _Open:
    line: int
    prompt: list[str]
    options: list[tuple[str, str]] = field(default_factory=list)


def parse_aiken(text: str, *, taken_ids: Collection[str] = ()) -> ImportResult:
    """Every question in Aiken text, with the line each starts on; see ImportResult."""
    collector = Collector(taken_ids)
    current: _Open | None = None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        answer = _ANSWER.match(line)
        option = _OPTION.match(line)
        if answer:
            if current is None:
                collector.problem(number, None, "an 'ANSWER:' line with no question before it; put the question and its "
                                                  "lettered options (A. …, B. …) above it")
            else:
                _finish(current, answer.group(1), number, collector)
            current = None
        elif option and current is not None:
            current.options.append((option.group(1), option.group(2).strip()))
        elif current is not None and current.options:
            collector.problem(current.line, None, _NO_ANSWER)
            current = _Open(number, [line])
        elif current is not None:
            current.prompt.append(line)
        else:
            current = _Open(number, [line])
    if current is not None:
        collector.problem(current.line, None, _NO_ANSWER)
    return collector.result()


def _finish(question: _Open, answer: str, line: int, collector: Collector) -> None:
    letters = [part.strip() for part in re.split(r"[,;\s]+", answer) if part.strip()]
    by_letter: dict[str, int] = {}
    for n, (letter, _) in enumerate(question.options):
        if letter in by_letter:
            collector.problem(question.line, None, f"two options are lettered {letter}; letter the options A, B, C… in turn")
            return
        by_letter[letter] = n
    if len(question.options) < 2:
        collector.problem(question.line, None, "a question needs at least two options to choose from; write each "
                                                   "on its own line after the question, lettered A. …, B. …")
        return
    unknown = [x for x in letters if x.upper() not in by_letter]
    if not letters or unknown:
        listed = ", ".join(by_letter)
        collector.problem(line, None, f"'ANSWER: {answer.strip()}' must name one of the options' letters "
                                        f"({listed}); write e.g. 'ANSWER: {next(iter(by_letter))}'")
        return
    right = {by_letter[x.upper()] for x in letters}
    data = {
        "type": "single_choice" if len(right) == 1 else "multiple_response",
        "prompt": "\n".join(question.prompt),
        "options": [{"text": text, "correct": n in right} for n, (_, text) in enumerate(question.options)],
    }
    collector.add(data, line=question.line)
