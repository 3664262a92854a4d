"""The teacher's import page (upload → preview → confirm, all or nothing) and question downloads."""

from __future__ import annotations

import base64
import csv
import html
import io
import re

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from lectern.core.banks import read_bank
from lectern.core.interchange import parse_csv, parse_gift, parse_moodle_xml
from lectern.core.questions import parse_question
from lectern.extensions import db
from lectern.models import Bank, Question, QuestionVersion, Quiz
from tests.conftest import MINI_BANK, csrf_token
from tests.unit.interchange.grading import assert_same_grading
from tests.web.helpers import start
from tests.web.teachers import post_form

IMPORT = "/teacher/banks/mini/import"
CONFIRM = "/teacher/banks/mini/import/confirm"
# A description (skipped), a question, a category, two more questions.
GIFT = """// Week 1 questions
::Intro:: Read paragraph 1 before you answer.

::Capital:: Which city hosted the talks? {=Berlin ~Kyiv ~Brussels}

$CATEGORY: $course$/Berlin/Week 1

::Troops:: The United States will send combat troops.{F#Right.#No: paragraph 2 rules it out.}

::How many:: How many troops, in thousands? {#800:50}
"""
NEW_KEYS = ["capital", "troops", "how-many"]
BAD_IN_THE_MIDDLE = "::A:: First? {=yes ~no}\n\n::Bad:: Second? {=yes ~no ~%150%maybe}\n\n::C:: Third {T}\n"


def _multipart(client, url: str, fields: dict):
    # Encoded here, in memory: the test client spools a large body to a temporary
    # file it never closes, which the warnings-as-errors setting would fail on.
    boundary, body = encode_multipart(fields)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _upload(client, data: bytes, filename: str = "week1.gift.txt", fmt: str = "", url: str = IMPORT):
    page = client.get(url)
    return _multipart(client, url, {"file": FileStorage(io.BytesIO(data), filename), "format": fmt,
                                    "csrf_token": csrf_token(page.text)})


def _hidden(page: str, name: str) -> str:
    field = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert field, f"the page has no field {name}"
    value = re.search(r'value="([^"]*)"', field.group(0))
    return html.unescape(value.group(1)) if value else ""


def _confirm(client, preview: str, url: str = CONFIRM, **changes):
    """Send the preview page's confirmation form back, as the browser would (changes tamper with it)."""
    data = {name: _hidden(preview, name) for name in ("content", "format", "filename", "csrf_token")}
    return _multipart(client, url, {**data, **changes})


def _rows(app) -> tuple:
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in (Bank, Question, QuestionVersion, Quiz))


def test_preview_then_confirm_imports_every_question(app, client, teacher_client, teacher, mini_bank):
    before = _rows(app)
    flagged = teacher_client.get("/teacher/banks/mini").text.count(">Needs evidence<")  # the mini essay's
    preview = _upload(teacher_client, GIFT.encode())
    assert preview.status_code == 200
    text = preview.text
    assert "week1.gift.txt, read as GIFT: 3 questions, 1 skipped" in text
    for key in NEW_KEYS:
        assert f"<code>{key}</code>" in text
    assert "Line 2, “Intro”: description: no question to answer" in text
    assert "Category: Berlin/Week 1" in text and "Import 3 questions" in text
    assert _rows(app) == before  # a preview writes nothing

    reply = _confirm(teacher_client, text)
    assert reply.status_code == 302 and reply.headers["Location"] == "/teacher/banks/mini#drafts-h"
    bank_page = teacher_client.get("/teacher/banks/mini").text
    assert "Imported 3 questions from week1.gift.txt as drafts" in bank_page
    for key in NEW_KEYS:
        assert f"<code>{key}</code>" in bank_page
    assert bank_page.count(">Needs evidence<") == flagged + 3
    with app.app_context():
        new = db.session.scalars(select(Question).where(Question.key.in_(NEW_KEYS)).order_by(Question.position)).all()
        assert [q.key for q in new] == NEW_KEYS and [q.position for q in new] == [9, 10, 11]
        assert all(q.source_digest is None and not q.retired for q in new)
        assert [(v.number, v.created_by_id) for q in new for v in q.versions] == [(1, teacher)] * 3
        assert new[1].versions[0].definition["tags"] == ["category:Berlin/Week 1"]
        assert new[2].versions[0].type == "numeric"
    assert _rows(app)[1:3] == (before[1] + 3, before[2] + 3)
    # They are drafts: a new attempt of the bank's full quiz leaves them out until they are published
    # (tests/web/test_drafts.py publishes them).
    attempt = client.get(start(client)).text
    assert "Which city hosted the talks?" not in attempt and "How many troops, in thousands?" not in attempt
    assert all(q.status == "draft" for q in new)


def test_the_preview_shows_item_writing_warnings_in_the_bank_the_questions_join(app, teacher_client, mini_bank):
    # "Berlin" is the answer of the bank's meeting-city question; the cued question's right option is long.
    cued = ("::Cued:: What did the leaders agree on?"
            " {=A security guarantee and a plan for a much larger Ukrainian army ~Trade ~Tariffs}\n")
    before = _rows(app)
    page = html.unescape(_upload(teacher_client, (GIFT + "\n" + cued).encode()).text)
    text = re.sub(r"<(?!/?tr\b|/?code\b)[^>]+>", "", page)  # the words, the ids and the rows
    row = re.search(r"<code>capital</code>.*?</tr>", text, re.DOTALL).group(0)
    assert "Warning [answer-leak]: the answer's words 'Berlin' are shown in option 'b' of question 'meeting-city'" in row
    row = re.search(r"<code>cued</code>.*?</tr>", text, re.DOTALL).group(0)
    assert "Warning [longest-option]: the right option 'a' has" in row
    row = re.search(r"<code>how-many</code>.*?</tr>", text, re.DOTALL).group(0)
    assert "Warning" not in row
    assert "Import 4 questions" in page and _rows(app) == before  # advice: the import still goes ahead


def test_windows_line_endings_and_a_byte_order_mark_are_fine(app, teacher_client, mini_bank):
    data = b"\xef\xbb\xbf" + GIFT.replace("\n", "\r\n").encode()
    preview = _upload(teacher_client, data)
    assert preview.status_code == 200 and "3 questions, 1 skipped" in preview.text
    assert _confirm(teacher_client, preview.text).status_code == 302
    with app.app_context():
        prompt = db.session.scalar(select(QuestionVersion.definition).join(Question).where(Question.key == "capital"))
        assert prompt["prompt"] == "Which city hosted the talks?"


def test_utf16_and_an_explicit_format(app, teacher_client, mini_bank):
    aiken = "Where were the talks?\r\nA. Kyiv\r\nB. Berlin\r\nANSWER: B\r\n"
    preview = _upload(teacher_client, aiken.encode("utf-16"), "talks.txt", fmt="aiken")
    assert preview.status_code == 200 and "read as Aiken: 1 question" in preview.text
    assert _confirm(teacher_client, preview.text).status_code == 302


def test_one_bad_question_in_the_middle_imports_nothing_and_names_its_line(app, teacher_client, mini_bank):
    before = _rows(app)
    preview = _upload(teacher_client, BAD_IN_THE_MIDDLE.encode())
    assert preview.status_code == 200
    assert "Line 3, question “Bad”: the grade 150% of &#39;maybe&#39; is out of range" in preview.text
    assert "Fix these and upload again; nothing was imported." in preview.text
    assert 'name="content"' not in preview.text and "/import/confirm" not in preview.text
    # Sending the file to the confirmation anyway (a forged form) is checked again and refused.
    reply = _multipart(teacher_client, CONFIRM, {
        "content": base64.b64encode(BAD_IN_THE_MIDDLE.encode()).decode(), "format": "", "filename": "bad.txt",
        "csrf_token": csrf_token(preview.text)})
    assert reply.status_code == 422 and "nothing was imported" in reply.text
    assert _rows(app) == before


@pytest.mark.parametrize(("data", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "This file is a PNG image, not text"),
    (b"PK\x03\x04" + bytes(100), "This file is a zip archive"),
    (b"Just some notes about the article.\nNothing else.\n", "Lectern cannot tell the format of this file"),
    (b"   \n", "The file is empty."),
    (b"caf\xe9 {=yes ~no}", "Line 1 is not valid UTF-8 text"),
])
def test_a_file_that_is_not_questions_gets_a_message_next_to_the_field(app, teacher_client, mini_bank, data, message):
    before = _rows(app)
    reply = _upload(teacher_client, data, "upload.bin")
    assert reply.status_code == 422
    errors = re.search(r'<ul class="errors" id="file-errors">(.*?)</ul>', reply.text, re.DOTALL)
    assert errors and message in html.unescape(errors.group(1))
    assert _rows(app) == before


def test_no_file_chosen(app, teacher_client, mini_bank):
    page = teacher_client.get(IMPORT)
    reply = teacher_client.post(IMPORT, data={"format": "", "csrf_token": csrf_token(page.text)})
    assert reply.status_code == 422 and "Choose a file to upload." in reply.text


def test_a_damaged_confirmation_imports_nothing(app, teacher_client, mini_bank):
    before = _rows(app)
    preview = _upload(teacher_client, GIFT.encode()).text
    reply = _confirm(teacher_client, preview, content="not base64!")
    assert reply.status_code == 302 and reply.headers["Location"] == IMPORT
    assert "The file sent back is damaged" in teacher_client.get(IMPORT).text
    assert _rows(app) == before


def test_csrf_is_enforced_on_upload_and_confirm(app, teacher_client, mini_bank):
    before = _rows(app)
    reply = _multipart(teacher_client, IMPORT, {"file": FileStorage(io.BytesIO(GIFT.encode()), "week1.txt")})
    assert reply.status_code == 400
    preview = _upload(teacher_client, GIFT.encode()).text
    assert _confirm(teacher_client, preview, csrf_token="").status_code == 400
    assert _rows(app) == before


def test_an_unknown_bank_is_404(teacher_client):
    assert teacher_client.get("/teacher/banks/nope/import").status_code == 404
    assert teacher_client.get("/teacher/banks/nope/export/questions?format=gift").status_code == 404


def test_the_bank_page_offers_import_and_export(teacher_client, mini_bank):
    page = teacher_client.get("/teacher/banks/mini").text
    assert 'href="/teacher/banks/mini/import"' in page
    for fmt in ("gift", "moodle-xml", "csv"):
        assert f'href="/teacher/banks/mini/export/questions?format={fmt}"' in page


@pytest.mark.parametrize(("fmt", "mimetype", "filename", "parse"), [
    ("gift", "text/plain; charset=utf-8", "mini.gift.txt", lambda b: parse_gift(b.decode())),
    ("moodle-xml", "application/xml; charset=utf-8", "mini.moodle.xml", parse_moodle_xml),
    ("csv", "text/csv; charset=utf-8", "mini.csv", lambda b: parse_csv(b.decode("utf-8-sig"))),
])
def test_each_format_downloads_and_reads_back(teacher_client, mini_bank, fmt, mimetype, filename, parse):
    reply = teacher_client.get(f"/teacher/banks/mini/export/questions?format={fmt}")
    assert reply.status_code == 200 and reply.headers["Content-Type"] == mimetype
    assert reply.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    result = parse(reply.data)
    assert result.ok and len(result.questions) == 8, [str(p) for p in result.problems]


def test_an_unknown_export_format_is_404(teacher_client, mini_bank):
    assert teacher_client.get("/teacher/banks/mini/export/questions?format=aiken").status_code == 404


def test_gift_export_reimports_into_a_new_bank_grading_the_same(app, teacher_client, mini_bank):
    gift = teacher_client.get("/teacher/banks/mini/export/questions?format=gift").data
    created = post_form(teacher_client, "/teacher/banks/new", {
        "title": "Copy of mini", "source": "Tests", "date": "", "url": "", "slug": "mini-copy",
        "text": "One paragraph.", "submit": "Create bank"})
    assert created.status_code == 302
    preview = _upload(teacher_client, gift, "mini.gift.txt", url="/teacher/banks/mini-copy/import")
    assert "8 questions" in preview.text
    # The evidence quotes mini's article, not this one: it is left out, and the questions flagged.
    assert "evidence left out: the quote &#39;In a pivotal meeting held in Berlin&#39; is not in paragraph 1" in preview.text
    assert _confirm(teacher_client, preview.text, url="/teacher/banks/mini-copy/import/confirm").status_code == 302
    originals = {q.id: q for q in read_bank(MINI_BANK).questions}
    with app.app_context():
        copies = db.session.scalars(select(Question).join(Bank).where(Bank.slug == "mini-copy")).all()
        assert sorted(q.key for q in copies) == sorted(originals)
        for question in copies:
            copy = parse_question(question.versions[0].definition, imported=True)
            assert assert_same_grading(originals[question.key], copy) > 0


def test_the_csv_template_downloads_with_its_columns(teacher_client):
    reply = teacher_client.get("/teacher/import/template.csv")
    assert reply.status_code == 200 and reply.headers["Content-Type"].startswith("text/csv")
    assert "lectern-questions-template.csv" in reply.headers["Content-Disposition"]
    header = next(csv.reader(io.StringIO(reply.data.decode("utf-8-sig"))))
    assert header[:3] == ["type", "id", "prompt"]
    assert parse_csv(reply.data.decode("utf-8-sig")).ok
