"""Question interchange: GIFT, Moodle XML, Aiken and CSV in and out of Lectern.

Pure functions over text and bytes; the CLI and the upload page call them:

    text = decode_upload(data)                 # UnreadableUpload for binary files
    result = parse_upload(data)                # or parse_gift(text), parse_moodle_xml(data)…
    if result.problems: show them and import nothing
    else: add result.definitions() to the bank (result.skipped and each question's notes
          say what was left out)

    write_gift(questions) -> str; write_moodle_xml(questions) -> bytes; write_csv(questions) -> str

A Lectern → GIFT → Lectern or Lectern → Moodle XML → Lectern round trip keeps every
field; CSV keeps all but evidence, custom option ids and essay rubrics; Aiken is import-only.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from lectern.core.interchange.aiken import parse_aiken
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
)

_TEXT_PARSERS: dict[str, Callable[..., ImportResult]] = {GIFT: parse_gift, AIKEN: parse_aiken, CSV: parse_csv}


def parse_upload(data: bytes, format: str | None = None, *, taken_ids: Collection[str] = ()) -> ImportResult:
    """Import an uploaded file in the given format, or the one its content shows.

    Unreadable or unrecognisable files come back as a result with one problem, so a
    caller has a single path for everything that can go wrong.
    """
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; use one of: {', '.join(FORMATS)}")
    if format == MOODLE_XML:
        return parse_moodle_xml(data, taken_ids=taken_ids)
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
        return parse_moodle_xml(text, taken_ids=taken_ids)
    return _TEXT_PARSERS[format](text, taken_ids=taken_ids)


__all__ = [
    "AIKEN", "CSV", "CSV_TEMPLATE", "FORMATS", "GIFT", "MOODLE_XML", "ImportProblem", "ImportResult",
    "ImportedQuestion", "Skipped", "UnreadableUpload", "decode_upload", "detect_format", "detect_text_format",
    "parse_aiken", "parse_csv", "parse_gift", "parse_moodle_xml", "parse_upload", "write_csv", "write_gift",
    "write_moodle_xml",
]
