"""Question interchange: GIFT, Moodle XML, Aiken and CSV in and out of Lectern.

Pure functions over text and bytes; the CLI and the upload page call them:

    text = decode_upload(data)                 # UnreadableUpload for binary files
    result = parse_upload(data)                # or parse_gift(text), parse_moodle_xml(data)…
    if result.problems: show them and import nothing
    else: add result.definitions() to the bank (result.skipped and each question's notes
          say what was left out), and store result.images, the pictures they show

    write_gift(questions) -> str; write_moodle_xml(questions, images) -> bytes; write_csv(questions) -> str

A Lectern → GIFT → Lectern or Lectern → Moodle XML → Lectern round trip keeps every
field; CSV keeps all but evidence, custom option ids and essay rubrics; Aiken is import-only.
Pictures (![alt](media:<sha256>) in a text, lectern.core.images) travel in Moodle XML as its
<file> elements; GIFT and CSV keep the marks but not the bytes (a GIFT export says so).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from lectern.core.images import DEFAULT_MAX_IMAGE_BYTES
from lectern.core.interchange.aiken import parse_aiken
from lectern.core.interchange.counting import count_questions, file_size, limit_problem
from lectern.core.interchange.csv_format import CSV_TEMPLATE, parse_csv, write_csv
from lectern.core.interchange.gift_parse import parse_gift
from lectern.core.interchange.gift_write import write_gift
from lectern.core.interchange.moodle_xml import parse_moodle_xml
from lectern.core.interchange.moodle_xml_write import write_moodle_xml
from lectern.core.interchange.result import ImportedQuestion, ImportProblem, ImportResult, Skipped
from lectern.core.interchange.upload import (
    AIKEN,
    CSV,
    FORMATS,
    GIFT,
    MOODLE_XML,
    UnreadableUpload,
    decode_upload,
    detect_format,
    detect_text_format,
    format_mismatch,
)

_TEXT_PARSERS: dict[str, Callable[..., ImportResult]] = {GIFT: parse_gift, AIKEN: parse_aiken, CSV: parse_csv}


def parse_upload(data: bytes, format: str | None = None, *, taken_ids: Collection[str] = (),
                 max_image_bytes: int = DEFAULT_MAX_IMAGE_BYTES) -> ImportResult:
    """Import an uploaded file in the given format, or the one its content shows.

    Unreadable or unrecognisable files come back as a result with one problem, so a
    caller has a single path for everything that can go wrong.
    """
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; use one of: {', '.join(FORMATS)}")
    if format == MOODLE_XML:
        return _as_chosen(parse_moodle_xml(data, taken_ids=taken_ids, max_image_bytes=max_image_bytes),
                          data, format)
    try:
        text = decode_upload(data)
    except UnreadableUpload as e:
        return ImportResult(problems=[ImportProblem(None, None, str(e))])
    format = format or detect_text_format(text)
    if format is None:
        return ImportResult(problems=[ImportProblem(None, None, (
            "Lectern cannot tell the format of this file; it reads GIFT, Moodle XML, Aiken and CSV "
            "(with a header row naming the columns type and prompt)"))])
    if format == MOODLE_XML:
        return parse_moodle_xml(text, taken_ids=taken_ids, max_image_bytes=max_image_bytes)
    return _as_chosen(_TEXT_PARSERS[format](text, taken_ids=taken_ids), data, format)


def _as_chosen(result: ImportResult, data: bytes, chosen: str) -> ImportResult:
    """The result, or, when reading the file in the chosen format failed and its content looks like
    another format, one problem saying so (the parser's own complaints would only confuse)."""
    if result.questions and result.ok:
        return result
    try:
        mismatch = format_mismatch(decode_upload(data), chosen)
    except UnreadableUpload:
        return result
    return ImportResult(problems=[ImportProblem(None, None, mismatch)]) if mismatch else result


__all__ = [
    "AIKEN", "CSV", "CSV_TEMPLATE", "FORMATS", "GIFT", "MOODLE_XML", "ImportProblem", "ImportResult",
    "ImportedQuestion", "Skipped", "UnreadableUpload", "count_questions", "decode_upload", "detect_format",
    "detect_text_format", "file_size", "limit_problem", "parse_aiken", "parse_csv", "parse_gift",
    "parse_moodle_xml", "parse_upload", "write_csv", "write_gift", "write_moodle_xml",
]
