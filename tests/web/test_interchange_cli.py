"""`flask banks import` (Moodle's own files, all or nothing) and `flask banks export --format`."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from lectern.core.interchange import parse_csv, parse_gift, parse_moodle_xml
from lectern.extensions import db
from lectern.models import Bank, Question, QuestionVersion, Quiz

CONFORMANCE = Path(__file__).resolve().parents[2].parent / "shared" / "conformance" / "moodle"
needs_conformance = pytest.mark.skipif(not CONFORMANCE.is_dir(), reason=f"Moodle's conformance files are not at {CONFORMANCE}")
BAD_IN_THE_MIDDLE = "::A:: First? {=yes ~no}\n\n::Bad:: Second? {=yes ~no ~%150%maybe}\n\n::C:: Third {T}\n"


def _import(app, path: Path, *options: str):
    return app.test_cli_runner().invoke(args=["banks", "import", str(path), "--bank", "moodle-sample", *options])


def _rows(app) -> tuple:
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in (Bank, Question, QuestionVersion, Quiz))


def _questions(app, slug: str = "moodle-sample") -> list[tuple[str, str, list[str]]]:
    """(key, type, tags) of the bank's questions, in bank order."""
    with app.app_context():
        rows = db.session.scalars(select(Question).join(Bank).where(Bank.slug == slug).order_by(Question.position))
        return [(q.key, q.versions[0].type, q.versions[0].definition.get("tags", [])) for q in rows]


@needs_conformance
def test_moodles_gift_file_imports_every_question_into_a_new_bank(app):
    result = _import(app, CONFORMANCE / "questions.gift.txt", "--yes")
    assert result.exit_code == 0, result.output
    assert "questions.gift.txt: GIFT, 9 questions, into a new bank moodle-sample" in result.output
    assert "Imported 9 questions into moodle-sample" in result.output
    keys = ["q8", "moodle-activities", "q2", "colours", "q5", "shortanswer", "q1", "2-08-tsl", "2-08-tsl-2"]
    for key in keys:
        assert f"  + {key}  (" in result.output
    assert "  + q5  (numeric, line 31)" in result.output
    assert "note: the feedback for any other answer ('Completely wrong') was not imported" in result.output
    assert [k for k, _, _ in _questions(app)] == keys
    with app.app_context():
        bank = db.session.scalar(select(Bank).where(Bank.slug == "moodle-sample"))
        assert (bank.title, bank.source, bank.published, bank.paragraphs) == (
            "Moodle sample", "Imported from questions.gift.txt", None, [])
        assert [(q.key, q.title) for q in bank.quizzes] == [("full", "Full comprehension check")]
        questions = bank.questions
        assert [q.position for q in questions] == list(range(1, 10))
        assert all(q.source_digest is None and [v.number for v in q.versions] == [1] for q in questions)
        assert all(q.versions[0].created_by_id is None for q in questions)


@needs_conformance
def test_the_category_file_keeps_its_category_as_a_tag(app):
    result = _import(app, CONFORMANCE / "questions_in_category.gift.txt", "--yes")
    assert result.exit_code == 0, result.output
    assert _questions(app) == [
        ("moodle-activities", "matching", ["category:Default for New Features"]),
        ("greeting", "single_choice", ["category:Default for New Features"]),
        ("moodle-user", "short_answer", ["category:Default for New Features"]),
        ("moodle-acronym", "true_false", ["category:Default for New Features"]),
    ]


@needs_conformance
def test_nested_xml_categories_keep_their_paths(app):
    result = _import(app, CONFORMANCE / "nested_categories_with_questions.xml", "--yes")
    assert result.exit_code == 0, result.output
    assert "Moodle XML, 5 questions" in result.output
    assert _questions(app) == [
        ("iota-question", "true_false", ["category:Iota"]),
        ("kappa-essay-question", "essay", ["category:Iota/Kappa"]),
        ("kappa-question", "true_false", ["category:Iota/Kappa"]),
        ("lambda-question", "true_false", ["category:Iota/Kappa/Lambda"]),
        ("mu-question", "true_false", ["category:Iota/Mu"]),
    ]


@needs_conformance
def test_invalid_grades_are_refused_naming_the_question_and_the_grade(app, mini_bank):
    before = _rows(app)
    for slug in ("moodle-sample", "mini"):  # a new bank or an existing one: nothing is written
        result = app.test_cli_runner().invoke(
            args=["banks", "import", str(CONFORMANCE / "error_invalid_grades.xml"), "--bank", slug, "--yes"])
        assert result.exit_code == 1
        assert "line 4, question 'Question with invalid grades : x > 1 & x < 2'" in result.output
        assert ("33% for '2' is not one of Moodle's grades (the nearest are 30% and 33.33333%)"
                in result.output)
        assert "1 problem(s) found; nothing was imported." in result.output
    assert _rows(app) == before


@needs_conformance
def test_without_yes_and_without_a_terminal_it_only_previews(app):
    result = _import(app, CONFORMANCE / "questions.gift.txt")
    assert result.exit_code == 0, result.output
    assert "  + moodle-activities  (matching, line 5)" in result.output
    assert "Preview only: nothing was imported. Run again with --yes to import." in result.output
    assert _rows(app) == (0, 0, 0, 0)


@pytest.mark.parametrize(("answer", "imported"), [("y\n", True), ("n\n", False), ("\n", False)])
def test_at_a_terminal_it_asks_first(app, monkeypatch, tmp_path, answer, imported):
    monkeypatch.setattr("lectern.cli._interactive", lambda: True)
    path = tmp_path / "q.gift.txt"
    path.write_text("::A:: First? {=yes ~no}\n\n::B:: Second? {T}\n")
    result = app.test_cli_runner().invoke(args=["banks", "import", str(path), "--bank", "moodle-sample"], input=answer)
    assert result.exit_code == 0, result.output
    assert "Import 2 questions into moodle-sample? [y/N]" in result.output
    assert ("Imported 2 questions" in result.output) is imported
    assert _rows(app)[1] == (2 if imported else 0)


def test_one_bad_question_in_the_middle_imports_nothing_and_names_its_line(app, mini_bank, tmp_path):
    path = tmp_path / "three.gift.txt"
    path.write_text(BAD_IN_THE_MIDDLE)
    before = _rows(app)
    result = app.test_cli_runner().invoke(args=["banks", "import", str(path), "--bank", "mini", "--yes"])
    assert result.exit_code == 1
    assert f"{path}: line 3, question 'Bad': the grade 150% of 'maybe' is out of range" in result.output
    assert "nothing was imported" in result.output
    assert _rows(app) == before


def test_questions_go_after_the_existing_ones_under_ids_the_bank_does_not_use(app, mini_bank, tmp_path):
    path = tmp_path / "more.gift.txt"
    path.write_bytes(b"\xef\xbb\xbf::meeting-city:: Where?\r\n{=Berlin ~Kyiv}\r\n\r\n::Intro:: Read first.\r\n")
    result = app.test_cli_runner().invoke(args=["banks", "import", str(path), "--bank", "mini", "--yes",
                                                "--format", "gift"])
    assert result.exit_code == 0, result.output
    assert "  - line 4, question 'Intro': skipped: description: no question to answer" in result.output
    assert "Imported 1 question into mini as drafts" in result.output
    with app.app_context():
        added = db.session.scalar(select(Question).where(Question.key == "meeting-city-2"))
        assert added.position == 9 and added.versions[0].definition["prompt"] == "Where?"


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(50), "this file is a PNG image, not text"),
    (b"Plain notes, no questions.\n", "Lectern cannot tell the format of this file"),
])
def test_an_unreadable_file_is_refused_clearly(app, tmp_path, content, message):
    path = tmp_path / "upload.bin"
    path.write_bytes(content)
    result = _import(app, path, "--yes")
    assert result.exit_code == 1 and message in result.output and "nothing was imported" in result.output
    assert _rows(app) == (0, 0, 0, 0)


def test_a_bad_slug_or_format_is_a_usage_error(app, tmp_path):
    path = tmp_path / "q.gift.txt"
    path.write_text("::A:: First? {=yes ~no}\n")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["banks", "import", str(path), "--bank", "Not A Slug"]).exit_code == 2
    bad_format = runner.invoke(args=["banks", "import", str(path), "--bank", "x", "--format", "docx"])
    assert bad_format.exit_code == 2 and "gift" in bad_format.output
    assert _rows(app) == (0, 0, 0, 0)


@pytest.mark.parametrize(("fmt", "parse"), [
    ("gift", lambda p: parse_gift(p.read_text(encoding="utf-8"))),
    ("moodle-xml", lambda p: parse_moodle_xml(p.read_bytes())),
    ("csv", lambda p: parse_csv(p.read_text(encoding="utf-8-sig"))),
])
def test_export_writes_each_format_to_a_file_that_reads_back(app, mini_bank, tmp_path, fmt, parse):
    out = tmp_path / f"mini.{fmt}"
    result = app.test_cli_runner().invoke(args=["banks", "export", "mini", "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"mini: wrote 8 questions as {fmt} to {out}" in result.output
    back = parse(out)
    assert back.ok and len(back.questions) == 8


def test_a_gift_export_imports_into_a_new_bank(app, mini_bank, tmp_path):
    out = tmp_path / "mini.gift.txt"
    runner = app.test_cli_runner()
    assert runner.invoke(args=["banks", "export", "mini", "--format", "gift", "--out", str(out)]).exit_code == 0
    result = runner.invoke(args=["banks", "import", str(out), "--bank", "mini-copy", "--yes"])
    assert result.exit_code == 0 and "Imported 8 questions into mini-copy" in result.output
    assert [k for k, _, _ in _questions(app, "mini-copy")] == [k for k, _, _ in _questions(app, "mini")]
    assert "note: evidence left out: evidence cites paragraph 1, but the article has 0" in result.output
    # Into the bank it came from, its evidence fits the article and is kept; ids get a suffix.
    again = runner.invoke(args=["banks", "import", str(out), "--bank", "mini", "--yes"])
    assert again.exit_code == 0 and "  + meeting-city-2  (single_choice" in again.output
    assert "evidence left out" not in again.output
    with app.app_context():
        copy = db.session.scalar(select(Question).where(Question.key == "meeting-city-2"))
        assert copy.versions[0].definition["evidence"] == [
            {"paragraph": 1, "quote": "In a pivotal meeting held in Berlin"}]


def test_export_to_standard_output_and_option_mix_ups(app, mini_bank, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["banks", "export", "mini", "--format", "gift"])
    assert result.exit_code == 0 and "::meeting-city::" in result.output
    assert runner.invoke(args=["banks", "export", "mini", "--format", "gift", "--to", str(tmp_path)]).exit_code == 2
    assert runner.invoke(args=["banks", "export", "mini", "--out", str(tmp_path / "x")]).exit_code == 2
    assert runner.invoke(args=["banks", "export", "nope", "--format", "csv"]).exit_code == 1
    # The folder format stays the default.
    folder = runner.invoke(args=["banks", "export", "mini", "--to", str(tmp_path)])
    assert folder.exit_code == 0 and (tmp_path / "mini" / "questions.yaml").is_file()
