"""New banks from a pasted article, and banks written back out (a .zip download, `flask banks export`)."""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile

import pytest
from sqlalchemy import func, select

from lectern.core.banks import parse_bank, read_bank
from lectern.extensions import db
from lectern.models import Bank, Question, QuestionVersion, Quiz
from tests.conftest import MINI_BANK, REPO
from tests.web.teachers import post_form

BERLIN = "berlin-security-agreements"
ARTICLE = {
    "title": "  Rivers of the   World  ",
    "source": "The Geography Gazette, by A. Writer",
    "date": "2024-05-17",
    "url": "https://example.org/rivers?page=1",
    "slug": "",
    # Windows line endings, a paragraph wrapped over two lines, extra blank lines: as pasted.
    "text": "The Nile is long.\r\n\r\nThe Amazon carries\r\nthe most water.\r\n\r\n\r\n  The Danube crosses ten countries.  \r\n",
}
PARAGRAPHS = ["The Nile is long.", "The Amazon carries the most water.", "The Danube crosses ten countries."]


def _create(client, **changes):
    return post_form(client, "/teacher/banks/new", {**ARTICLE, "submit": "Create bank", **changes})


def _rows(app) -> tuple:
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in (Bank, Quiz, Question))


def test_a_pasted_article_becomes_a_bank_with_numbered_paragraphs(app, client, teacher_client, teacher):
    reply = _create(teacher_client)
    assert reply.status_code == 302
    assert reply.headers["Location"] == "/teacher/banks/rivers-of-the-world"
    assert teacher_client.get(reply.headers["Location"]).status_code == 200
    with app.app_context():
        bank = db.session.scalar(select(Bank).where(Bank.slug == "rivers-of-the-world"))
        assert (bank.title, bank.source, bank.published, bank.url) == (
            "Rivers of the World", ARTICLE["source"], "2024-05-17", ARTICLE["url"])
        assert bank.paragraphs == PARAGRAPHS and bank.created_by_id == teacher and bank.key_terms == []
        assert [(q.key, q.title, q.spec, q.retired) for q in bank.quizzes] == [
            ("full", "Full comprehension check", {"id": "full", "title": "Full comprehension check"}, False)]
    page = client.get("/articles/rivers-of-the-world").text
    assert re.findall(r'<li id="p(\d+)"', page) == ["1", "2", "3"]
    assert "The Amazon carries the most water." in page


def test_a_blank_date_means_unknown_and_a_title_gives_a_fresh_slug_each_time(app, teacher_client):
    assert _create(teacher_client, date="", url="").status_code == 302
    second = _create(teacher_client, date="unknown", url="")
    assert second.headers["Location"] == "/teacher/banks/rivers-of-the-world-2"
    with app.app_context():
        rows = db.session.execute(select(Bank.slug, Bank.published, Bank.url).order_by(Bank.id)).all()
    assert rows == [("rivers-of-the-world", None, None), ("rivers-of-the-world-2", None, None)]


def test_a_chosen_slug_is_used(app, teacher_client):
    assert _create(teacher_client, slug="Nile-Amazon").headers["Location"] == "/teacher/banks/nile-amazon"


def test_preview_numbers_the_paragraphs_and_saves_nothing(app, teacher_client):
    reply = post_form(teacher_client, "/teacher/banks/new", {**ARTICLE, "preview": "Preview paragraphs"})
    assert reply.status_code == 200
    assert [m for m in re.findall(r"¶(\d+)", reply.text)] == ["1", "2", "3"]
    assert 'value="The Geography Gazette, by A. Writer"' in reply.text and "The Amazon carries\r\nthe most" in reply.text
    assert _rows(app) == (0, 0, 0)


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"title": "   "}, "title", "Give the article's title."),
    ({"source": ""}, "source", "Say where the article comes from"),
    ({"text": "  \r\n\r\n  "}, "text", "Paste the article's text."),
    ({"text": "x" * 100_001}, "text", "longer than 100,000 characters"),
    ({"date": "31/01/2025"}, "date", "Write the date as YYYY-MM-DD"),
    ({"date": "2025-02-30"}, "date", "2025-02-30 is not a date in the calendar."),
    ({"url": "javascript:alert(1)"}, "url", "starting with http:// or https://"),
    ({"url": "ftp://example.org/x"}, "url", "starting with http:// or https://"),
    ({"url": "https://"}, "url", "starting with http:// or https://"),
    ({"slug": "rivers of the world"}, "slug", "Use lowercase letters and digits"),
    ({"slug": "new"}, "slug", "is taken"),
    ({"slug": "mini"}, "slug", "The address 'mini' is taken"),
])
def test_invalid_input_is_shown_next_to_its_field_kept_and_writes_nothing(
        app, teacher_client, mini_bank, changes, field, message):
    before = _rows(app)
    reply = _create(teacher_client, **changes)
    assert reply.status_code == 422
    errors = re.search(rf'<ul class="errors" id="{field}-errors">(.*?)</ul>', reply.text, re.DOTALL)
    assert errors and message in html.unescape(errors.group(1)), reply.text
    assert 'aria-invalid="true"' in reply.text
    if field != "title":
        assert 'value="Rivers of the World"' in reply.text  # what was typed is kept
    assert _rows(app) == before


def test_without_the_csrf_token_nothing_is_created(app, teacher_client):
    reply = teacher_client.post("/teacher/banks/new", data={**ARTICLE, "submit": "Create bank"})
    assert reply.status_code == 400 and _rows(app) == (0, 0, 0)


@pytest.mark.parametrize("url", ["/teacher/banks/new", "/teacher/banks/mini/export"])
def test_the_pages_are_for_teachers_only(client, mini_bank, url):
    reply = client.get(url)
    assert reply.status_code == 302 and "/teacher/sign-in" in reply.headers["Location"]


def _unzip(reply) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(reply.data)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def test_export_downloads_a_zip_of_both_files_that_reads_back_as_the_bank(teacher_client, mini_bank):
    reply = teacher_client.get("/teacher/banks/mini/export")
    assert reply.status_code == 200 and reply.mimetype == "application/zip"
    assert reply.headers["Content-Disposition"] == 'attachment; filename="mini.zip"'
    files = _unzip(reply)
    assert sorted(files) == ["mini/article.md", "mini/questions.yaml"]
    assert parse_bank("mini", files["mini/article.md"], files["mini/questions.yaml"]) == read_bank(MINI_BANK)


def test_export_of_an_unknown_bank_is_not_found(teacher_client):
    assert teacher_client.get("/teacher/banks/nope/export").status_code == 404


def test_a_new_bank_exports_its_article_and_its_quiz(teacher_client):
    _create(teacher_client)
    files = _unzip(teacher_client.get("/teacher/banks/rivers-of-the-world/export"))
    article = files["rivers-of-the-world/article.md"]
    assert article.startswith('---\ntitle: "Rivers of the World"\n') and "\ndate: 2024-05-17\n" in article
    assert article.endswith("\n\n".join(PARAGRAPHS) + "\n")
    assert 'quizzes:\n  - id: full\n    title: "Full comprehension check"\n' in files["rivers-of-the-world/questions.yaml"]


# --- flask banks export --------------------------------------------------------

def _cli(app, *args):
    return app.test_cli_runner().invoke(args=["banks", *map(str, args)])


def _versions(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(QuestionVersion))


def test_cli_export_of_the_article_bank_round_trips(app, tmp_path):
    assert _cli(app, "load", REPO / "quizzes" / BERLIN).exit_code == 0
    rows, versions = _rows(app), _versions(app)
    result = _cli(app, "export", BERLIN, "--to", tmp_path)
    assert result.exit_code == 0, result.output
    folder = tmp_path / BERLIN
    assert f"wrote {folder / 'article.md'}" in result.output and f"wrote {folder / 'questions.yaml'}" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["article.md", "questions.yaml"]  # no temporary files left
    assert read_bank(folder) == read_bank(REPO / "quizzes" / BERLIN)
    reload = _cli(app, "load", folder)
    assert reload.exit_code == 0 and "up to date (49 questions unchanged)" in reload.output
    assert (_rows(app), _versions(app)) == (rows, versions)


def test_cli_export_writes_to_the_quizzes_folder_by_default(app, tmp_path, mini_bank):
    app.config["QUIZZES_PATH"] = str(tmp_path / "quizzes")
    assert _cli(app, "export", "mini").exit_code == 0
    assert read_bank(tmp_path / "quizzes" / "mini") == read_bank(MINI_BANK)


def test_cli_export_refuses_an_unknown_slug(app, tmp_path):
    result = _cli(app, "export", "nope", "--to", tmp_path / "out")
    assert result.exit_code == 1 and "no bank 'nope' in the database" in result.output
    assert not (tmp_path / "out").exists()


def test_cli_export_writes_what_the_database_holds_now(app, tmp_path):
    edited = tmp_path / "edited" / "mini"
    shutil.copytree(MINI_BANK, edited)
    _cli(app, "load", edited)
    path = edited / "questions.yaml"
    text = path.read_text().replace("      - text: Berlin\n", "      - text: Berlin, Germany\n")
    path.write_text(text[: text.index("  - id: sources")])  # change one question, drop another
    assert "1 new versions, 1 retired" in _cli(app, "load", edited).output

    result = _cli(app, "export", "mini", "--to", tmp_path / "out")
    assert result.exit_code == 0, result.output
    exported = read_bank(tmp_path / "out" / "mini")
    assert exported == read_bank(edited)
    assert "Berlin, Germany" in (tmp_path / "out" / "mini" / "questions.yaml").read_text()
    assert exported.question("sources") is None
    assert "up to date (7 questions unchanged)" in _cli(app, "load", tmp_path / "out" / "mini").output


def test_cli_export_of_a_bank_without_questions_writes_it_and_says_what_load_will_refuse(app, teacher_client, tmp_path):
    _create(teacher_client)
    result = _cli(app, "export", "rivers-of-the-world", "--to", tmp_path)
    assert result.exit_code == 0
    assert "`flask banks load` will refuse these files" in result.output and "selects no questions" in result.output
    assert (tmp_path / "rivers-of-the-world" / "article.md").read_text().endswith("ten countries.\n")


def test_cli_export_keeps_an_imported_question_that_still_lacks_its_evidence(app, tmp_path, mini_bank):
    with app.app_context():
        bank = db.session.scalar(select(Bank).where(Bank.slug == "mini"))
        question = Question(bank=bank, key="imported", position=99)
        question.versions.append(QuestionVersion(number=1, type="true_false", digest="x", definition={
            "id": "imported", "type": "true_false", "prompt": "Berlin hosted the talks.", "answer": True}))
        db.session.add(question)
        db.session.commit()
    result = _cli(app, "export", "mini", "--to", tmp_path)
    assert result.exit_code == 0
    assert "question 'imported': add the field 'explanation'" in result.output
    assert "  - id: imported\n    type: true_false\n" in (tmp_path / "mini" / "questions.yaml").read_text()
