"""Reading uploads: encodings, line endings, binary files, and telling the format."""

from __future__ import annotations

import pytest

from lectern.core.interchange import (
    CSV_TEMPLATE,
    UnreadableUpload,
    decode_upload,
    detect_format,
    parse_upload,
    write_moodle_xml,
)
from lectern.core.questions import parse_question

GIFT = "::Q::Café?{=Oui ~Non}\n"


@pytest.mark.parametrize("data", [
    GIFT.encode("utf-8"),
    b"\xef\xbb\xbf" + GIFT.encode("utf-8"),
    GIFT.encode("utf-16"),                         # with its byte-order mark
    "\ufeff".encode("utf-16-be") + GIFT.encode("utf-16-be"),
    GIFT.replace("\n", "\r\n").encode("utf-8"),
    GIFT.replace("\n", "\r").encode("utf-8"),
], ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "crlf", "cr"])
def test_text_encodings_and_line_endings(data):
    assert decode_upload(data) == GIFT
    [q] = parse_upload(data).definitions()
    assert q.prompt == "Café?"


def test_declared_xml_encoding():
    data = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<quiz>café</quiz>'.encode("latin-1")
    assert decode_upload(data).endswith("<quiz>café</quiz>")
    assert detect_format(data) == "moodle-xml"


@pytest.mark.parametrize("data, words", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"PK\x03\x04\x14\x00\x06\x00", "zip archive"),
    (b"%PDF-1.7\n", "PDF"),
    (b"abc\x00def\x00\x01\x02", "binary"),
    (b"caf\xe9 au lait", "line 1 is not valid UTF-8"),
    (b'<?xml version="1.0" encoding="klingon"?><quiz/>', "klingon"),
])
def test_binary_and_undecodable_files_get_a_clear_error(data, words):
    with pytest.raises(UnreadableUpload, match=words):
        decode_upload(data)
    result = parse_upload(data)
    assert not result.ok and words.split()[0] in result.problems[0].message


def test_detect_format():
    q = parse_question({"id": "q", "type": "true_false", "prompt": "Sky?", "answer": True}, imported=True)
    assert detect_format(write_moodle_xml([q])) == "moodle-xml"
    assert detect_format(GIFT.encode()) == "gift"
    assert detect_format(b"// a comment\n::T::Sky?{T}") == "gift"
    assert detect_format(CSV_TEMPLATE.encode()) == "csv"
    assert detect_format(b"Sky?\nA. blue\nB. green\nANSWER: A\n") == "aiken"
    assert detect_format(b"Just some notes.") is None
    assert detect_format(b"\x89PNG\r\n") is None


def test_parse_upload_with_an_unknown_format_or_content():
    assert "cannot tell the format" in parse_upload(b"Just some notes.").problems[0].message
    with pytest.raises(ValueError):
        parse_upload(b"x", format="docx")
    assert parse_upload(b"Sky?\nA. blue\nB. green\nANSWER: A\n", format="aiken").ok
