"""Results as CSV: the downloads, `flask results export`, and what LibreOffice makes of the file."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Enrollment
from lectern.services.results_export import GRADEBOOK_COLUMNS, RESPONSE_COLUMNS
from tests.web.helpers import RIGHT
from tests.web.results_steps import WITH_ESSAY, join, make_class, take

TRICKY = 'Lima, "Ana"\nsecond line'  # a comma, quotes and a line break: csv must quote and double them
FORMULA = "=1+1"


@pytest.fixture
def results(app, mini_bank, teacher):
    """7B with a student named like a formula (5/8, essay pending) and one with a tricky name (5/8, then 0/8)."""
    setup = make_class(app, teacher)
    join(app, setup, FORMULA)
    join(app, setup, "Tricky")
    take(setup, FORMULA, WITH_ESSAY)
    take(setup, "Tricky", RIGHT)
    take(setup, "Tricky", {})
    with app.app_context():  # the roster name, as a teacher's rename could make it
        db.session.scalar(select(Enrollment).where(Enrollment.display_name == "Tricky")).display_name = TRICKY
        db.session.commit()
    return setup


def _rows(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_the_gradebook_downloads_as_safe_csv(results, teacher_client):
    reply = teacher_client.get(results.gradebook_url("gradebook.csv"))
    assert reply.status_code == 200 and reply.mimetype == "text/csv"
    assert reply.headers["Content-Disposition"] == 'attachment; filename="7b-mini-full-gradebook.csv"'
    assert b"\r\n" in reply.data  # RFC 4180 line ends
    header, *rows = _rows(reply.data)
    assert tuple(header) == GRADEBOOK_COLUMNS
    by_name = {row[0]: dict(zip(header, row)) for row in rows}
    assert set(by_name) == {"'=1+1", TRICKY}  # the formula neutralised; the tricky name back whole
    assert by_name["'=1+1"] | {"Time taken (minutes)": "", "Last submitted (UTC)": ""} == {
        "Student": "'=1+1", "Status": "Needs grading", "Attempts": "1", "Grade (%)": "62.5",
        "Grading method": "Highest grade", "Provisional": "yes", "Time taken (minutes)": "",
        "Last submitted (UTC)": "", "On roster": "yes"}
    assert by_name[TRICKY]["Attempts"] == "2" and by_name[TRICKY]["Grade (%)"] == "62.5"
    assert by_name[TRICKY]["Provisional"] == ""


def test_every_response_downloads_one_row_per_student_attempt_and_question(results, teacher_client):
    reply = teacher_client.get(results.gradebook_url("responses.csv"))
    assert reply.headers["Content-Disposition"] == 'attachment; filename="7b-mini-full-responses.csv"'
    header, *rows = _rows(reply.data)
    assert tuple(header) == RESPONSE_COLUMNS
    assert len(rows) == 3 * 8  # three submitted attempts of eight questions
    cells = [dict(zip(header, row)) for row in rows]
    formula = [c for c in cells if c["Student"] == "'=1+1"]
    assert [c["Position"] for c in formula] == [str(n) for n in range(1, 9)]
    first = formula[0]
    assert (first["Question id"], first["Version"], first["Skill"], first["Type"]) == (
        "meeting-city", "1", "locate", "single_choice")
    assert (first["Answer"], first["Fraction"], first["Points"], first["Max points"]) == ("Berlin", "1", "1", "1")
    essay = formula[7]
    assert essay["Type"] == "essay" and essay["Answer"].startswith("The claims rest")
    assert essay["Fraction"] == "" and essay["Points"] == ""  # waiting for the teacher
    tricky = [c for c in cells if c["Student"] == TRICKY]
    assert [c["Attempt"] for c in tricky] == ["1"] * 8 + ["2"] * 8
    assert tricky[8]["Answer"] == "" and tricky[8]["Fraction"] == "0"


def test_the_cli_exports_a_class_s_results(app, results, tmp_path):
    runner = app.test_cli_runner()
    out = tmp_path / "grades.csv"
    reply = runner.invoke(args=["results", "export", "mini/full", "--class", results.code.lower(),
                                "--format", "csv", "--out", str(out)])
    assert reply.exit_code == 0, reply.output
    header, *rows = _rows(out.read_bytes())
    assert tuple(header) == GRADEBOOK_COLUMNS and len(rows) == 2
    reply = runner.invoke(args=["results", "export", "mini/full", "--class", results.code, "--what", "responses"])
    assert reply.exit_code == 0
    assert tuple(_rows(reply.stdout_bytes)[0]) == RESPONSE_COLUMNS
    with app.app_context():
        from lectern.models import Quiz

        quiz_id = db.session.scalar(select(Quiz.id).where(Quiz.key == "full"))
    by_id = runner.invoke(args=["results", "export", str(quiz_id), "--class", results.code])
    assert by_id.exit_code == 0 and by_id.stdout_bytes == out.read_bytes()


@pytest.mark.parametrize(("quiz", "code", "message"), [
    ("mini/nope", None, "there is no quiz 'mini/nope'"),
    ("nope", None, "there is no quiz 'nope'"),
    ("mini/full", "ZZZZZZ", "no class has the join code 'ZZZZZZ'"),
    ("mini/quick", None, "'Quick check' is not assigned to '7B'"),
])
def test_the_cli_says_what_is_wrong_and_exits_1(app, results, quiz, code, message):
    reply = app.test_cli_runner().invoke(args=["results", "export", quiz, "--class", code or results.code])
    assert reply.exit_code == 1
    assert message in reply.output


@pytest.mark.skipif(shutil.which("soffice") is None, reason=(
    "LibreOffice is not installed; install it to run this check "
    "(Debian/Ubuntu: sudo apt-get install libreoffice-calc-nogui; macOS: brew install --cask libreoffice)"))
def test_libreoffice_reads_the_gradebook_with_its_columns_and_the_formula_as_text(results, teacher_client, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    (tmp_path / "gradebook.csv").write_bytes(teacher_client.get(results.gradebook_url("gradebook.csv")).data)
    # The control: the same name unneutralised, which LibreOffice does read as a formula.
    (tmp_path / "control.csv").write_bytes(f"Student\r\n{FORMULA}\r\n".encode())
    # A profile of its own, so runs in parallel (or a desktop LibreOffice left open) do not clash;
    # the filter options say comma-separated UTF-8, as the import dialog detects from the BOM.
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"),
         str(tmp_path / "gradebook.csv"), str(tmp_path / "control.csv")],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(tmp_path / "out" / "gradebook.xlsx").active
    rows = [[cell for cell in row] for row in sheet.iter_rows()]
    assert tuple(cell.value for cell in rows[0]) == GRADEBOOK_COLUMNS
    names = {row[0].value: row for row in rows[1:]}
    formula = names.get(FORMULA) or names["'" + FORMULA]
    assert formula[0].data_type == "s"  # text, not a formula that shows 2
    assert formula[3].value == 62.5 and formula[3].data_type == "n"  # the grade is still a number
    assert names[TRICKY][2].value == 2
    control = openpyxl.load_workbook(tmp_path / "out" / "control.xlsx").active
    assert control["A2"].data_type == "f"  # without the apostrophe it would have been run
