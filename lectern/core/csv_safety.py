"""CSV that spreadsheets open safely and correctly: formula-looking text neutralised, UTF-8 with a BOM.

A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets
skip before looking for those) is run as a formula by Excel, LibreOffice and Google
Sheets, so a student who calls themselves `=HYPERLINK(...)` could plant a link or worse
in the teacher's spreadsheet ("CSV injection", OWASP). Prefixing an apostrophe makes
the spreadsheet show the text as text; importers can take it off again with `restore`.

Only text is neutralised: numbers are written as numbers, so a grade stays sortable.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_START: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
# Excel only recognises a UTF-8 CSV by this mark; without it accents come out garbled.
BOM = "\ufeff"

Cell = str | int | float | None


_STARTS = frozenset(FORMULA_START)  # one character each: a set lookup is the fast test, per cell
_PLAIN = frozenset({int, float})  # exactly these types (not bool) go out as they are


def neutralise(text: str) -> str:
    """The text with an apostrophe before it if a spreadsheet would take it for a formula."""
    return "'" + text if text[:1] in _STARTS else text


def restore(text: str) -> str:
    """Undo `neutralise`: drop the apostrophe before text that would look like a formula."""
    return text[1:] if text[:1] == "'" and text[1:2] and text[1:2] in FORMULA_START else text


def safe_cell(value: Cell) -> str | int | float:
    """A value ready for csv.writer: text neutralised, numbers kept, None as an empty cell."""
    if type(value) is str:  # the common case first: exports run this on every cell
        return "'" + value if value[:1] in _STARTS else value
    if value is None:
        return ""
    if isinstance(value, bool):  # a bool is an int to Python, but a word to a reader
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    return neutralise(str(value))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]], *, bom: bool = True) -> str:
    """RFC 4180 CSV (CRLF line ends, quotes doubled) of a header and rows, every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    # safe_cell inlined for the plain types: an export of every response runs this a million times.
    writer.writerows(
        [v if type(v) in _PLAIN else ("'" + v if v[:1] in _STARTS else v) if type(v) is str else safe_cell(v)
         for v in row]
        for row in rows)
    return (BOM if bom else "") + out.getvalue()
