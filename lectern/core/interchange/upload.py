"""Reading an uploaded file as text, and telling which question format it is in.

Teachers upload what their tools saved: UTF-8 with or without a byte-order mark,
UTF-16 from some Windows editors, Windows line endings, XML that declares its own
encoding. decode_upload reads all of these; it refuses, with a message a teacher
can act on, what is not text at all (a picture, a Word document, a zip).
"""

from __future__ import annotations

import codecs
import re

GIFT, MOODLE_XML, AIKEN, CSV = "gift", "moodle-xml", "aiken", "csv"
FORMATS = (GIFT, MOODLE_XML, AIKEN, CSV)

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# What people upload by mistake, by the bytes such files start with.
_MAGIC = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a zip archive (a .docx, .xlsx, .odt or Moodle backup)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"), (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
)
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class UnreadableUpload(ValueError):
    """The upload is not text Lectern can read; the message says what to do."""


def decode_upload(data: bytes) -> str:
    """The text of an uploaded file, with '\\n' line endings and no byte-order mark.

    A byte-order mark decides the encoding; else an XML declaration's encoding;
    else UTF-8. Raises UnreadableUpload for binary files and undecodable bytes.
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnreadableUpload(f"this file is {what}, not text; export the questions as a "
                                   "GIFT, Moodle XML, Aiken or CSV file and upload that")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    body = data[len(next(bom for bom, enc in _BOMS if enc == encoding)):] if encoding else data
    if encoding is None:
        declared = _XML_DECLARATION.match(data[:200])
        encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
        if b"\x00" in data[:4096]:
            raise UnreadableUpload("this file holds binary data (NUL bytes), not text; save it as "
                                   "UTF-8 text and upload it again")
    try:
        text = body.decode(codecs.lookup(encoding).name)
    except LookupError:
        raise UnreadableUpload(f"the file declares the encoding {encoding!r}, which Lectern does not "
                               "know; save it as UTF-8") from None
    except UnicodeDecodeError as e:
        line = body[: e.start].count(b"\n") + 1
        raise UnreadableUpload(
            f"line {line} is not valid {encoding.upper()} text (byte 0x{body[e.start]:02x}); save the "
            "file as UTF-8 (in Excel: 'CSV UTF-8'; in most editors: Save as… UTF-8)") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A stray control character (Word's vertical tab for a line break) is text; many are not.
    sample = text[:4096]
    if "\x00" in text or len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise UnreadableUpload("this file holds binary data (control characters), not text; "
                               "export the questions as GIFT, Moodle XML, Aiken or CSV text")
    return text


def detect_format(data: bytes) -> str | None:
    """'gift', 'moodle-xml', 'aiken' or 'csv' from a file's content, or None if it is none of them."""
    try:
        text = decode_upload(data)
    except UnreadableUpload:
        return None
    return detect_text_format(text)


def detect_text_format(text: str) -> str | None:
    """The format of text already decoded (see detect_format)."""
    head = text.lstrip()
    if head.startswith("<?xml") or re.match(r"<quiz[\s>]", head):
        return MOODLE_XML
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and _csv_header(lines[0]):
        return CSV
    if any(re.match(r"ANSWER\s*:\s*[A-Z]", line, re.IGNORECASE) for line in lines) and any(
            re.match(r"[A-Z][.)]\s", line) for line in lines):
        return AIKEN
    if re.search(r"(?<!\\)\{[^{}]*(?<!\\)\}", text) or any(line.startswith(("::", "$CATEGORY:")) for line in lines):
        return GIFT
    return None


_NAMES = {GIFT: "GIFT", MOODLE_XML: "Moodle XML", AIKEN: "Aiken", CSV: "CSV"}


def format_mismatch(text: str, chosen: str) -> str | None:
    """What to tell a teacher whose chosen format is not what the file looks like (None if it is,
    or if the file looks like no format in particular)."""
    found = detect_text_format(text)
    if found is None or found == chosen:
        return None
    head = text.lstrip()
    if found == MOODLE_XML:
        evidence = "it starts with <?xml" if head.startswith("<?xml") else "it starts with <quiz>"
    elif found == CSV:
        evidence = "its first line is a header row naming the columns type and prompt"
    elif found == AIKEN:
        evidence = "it has options lettered 'A.' and 'ANSWER: X' lines"
    else:
        evidence = "it has answers in braces {…}" if re.search(r"(?<!\\)\{", text) else "it has ::title:: lines"
    return (f"this file looks like {_NAMES[found]} ({evidence}), not {_NAMES[chosen]}; "
            f"choose {_NAMES[found]} or let Lectern detect the format")


def _csv_header(line: str) -> bool:
    cells = {c.strip().strip('"').strip().lower() for c in re.split(r"[,;\t]", line)}
    return "type" in cells and bool(cells & {"prompt", "question", "text"})  # csv_format's names for it
