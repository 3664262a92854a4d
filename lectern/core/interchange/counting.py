"""How many questions a file holds, counted without reading them, so an oversized file is refused at once.

A full parse of 100,000 GIFT questions takes most of a minute; these counts take a few
hundredths of a second, so a file over the limit is turned away before any of that work.
Each count follows its format's own rule for where one question ends and the next begins,
and errs on the side of counting too many only where a file is malformed anyway (the
parse would then refuse it for its own reasons).
"""

from __future__ import annotations

import csv
import io
import re

from lectern.core.interchange.upload import (
    AIKEN,
    CSV,
    FORMATS,
    GIFT,
    MOODLE_XML,
    UnreadableUpload,
    decode_upload,
    detect_text_format,
)

# GIFT (Moodle's rule): questions are separated by blank lines; // lines are comments.
_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")
_COMMENT_LINE = re.compile(r"^[ \t]*//.*$", re.MULTILINE)
# Moodle XML: each <question type="…"> element; categories and descriptions are not questions.
_XML_QUESTION = re.compile(r"<question(?:\s[^>]*)?>")
_XML_NOT_QUESTION = re.compile(r"""type\s*=\s*["'](?:category|description)["']""")
# Aiken: every question ends with its ANSWER: line.
_AIKEN_ANSWER = re.compile(r"^[ \t]*ANSWER[ \t]*:", re.IGNORECASE | re.MULTILINE)


def count_questions(text: str, format: str) -> int:
    """How many questions text in the given format holds (decoded text; see decode_upload)."""
    if format == GIFT:
        return _gift(text)
    if format == MOODLE_XML:
        return sum(1 for tag in _XML_QUESTION.finditer(text) if not _XML_NOT_QUESTION.search(tag.group(0)))
    if format == AIKEN:
        return len(_AIKEN_ANSWER.findall(text))
    if format == CSV:
        return _csv(text)
    raise ValueError(f"unknown format {format!r}")


def _gift(text: str) -> int:
    count = 0
    for block in _BLANK_LINE.split(text):
        body = _COMMENT_LINE.sub("", block) if "//" in block else block
        # A block without answers is a description (skipped); $CATEGORY: sets the category.
        if "{" in body and not body.lstrip().startswith("$CATEGORY:"):
            count += 1
    return count


def _csv(text: str) -> int:
    first_line = text.lstrip("\n").split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    # csv.reader, not a count of lines: a quoted cell may hold line breaks.
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    filled = sum(1 for row in rows if any(cell.strip() for cell in row))
    return max(filled - 1, 0)  # the header row names the columns


def limit_problem(data: bytes, format: str | None, *, max_questions: int, max_bytes: int) -> str | None:
    """Why the file is too large to import (its size, or how many questions it has), or None.

    Cheap by design: the size is checked before the file is read, and questions are
    counted before any is parsed. A file that cannot be read or whose format cannot be
    told is not refused here; the import says what is wrong with it.
    """
    if len(data) > max_bytes:
        return (f"this file is {file_size(len(data))}; Lectern imports files of at most {file_size(max_bytes)} — "
                "split it into smaller files and import them one after another")
    try:
        text = decode_upload(data)
    except UnreadableUpload:
        return None
    format = format or detect_text_format(text)
    if format not in FORMATS:
        return None  # a format no reader knows is refused by the format's own check, in its words
    count = count_questions(text, format)
    if count <= max_questions:
        return None
    return (f"this file has {count:,} questions; Lectern imports at most {max_questions:,} at a time — "
            f"split the file into parts of at most {max_questions:,} questions and import them one after another")


def file_size(n: int) -> str:
    """A size as a teacher reads it: 10 MB, 1.6 MB, 300 kB."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.0f} kB"
    return f"{n} bytes"
