"""`flask banks validate` and `flask banks load`: exit codes, messages, versions, idempotence."""

from __future__ import annotations

import shutil

from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import Question, QuestionVersion, Quiz
from tests.conftest import MINI_BANK, REPO
from tests.web.helpers import start, submit


def _copy(tmp_path):
    folder = tmp_path / "banks" / "mini"
    shutil.copytree(MINI_BANK, folder)
    return folder


def _counts(app):
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in (Question, QuestionVersion, Quiz))


def test_validate_accepts_the_repo_banks(app):
    result = app.test_cli_runner().invoke(args=["banks", "validate", str(REPO / "quizzes")])
    assert result.exit_code == 0, result.output
    assert "ok  berlin-security-agreements" in result.output


def test_validate_names_file_line_and_question_and_writes_nothing(app, tmp_path):
    folder = _copy(tmp_path)
    path = folder / "questions.yaml"
    text = path.read_text()
    path.write_text(text.replace("      - text: Kyiv\n", "      - text: Kyiv\n        correct: true\n"))
    result = app.test_cli_runner().invoke(args=["banks", "validate", str(folder.parent)])
    assert result.exit_code == 1
    line = text.splitlines().index("  - id: meeting-city") + 1
    assert f"{path}:{line}: question 'meeting-city': a single-choice question needs exactly one option" in result.output
    result = app.test_cli_runner().invoke(args=["banks", "load", str(folder.parent)])
    assert result.exit_code == 1 and "nothing was loaded" in result.output
    assert _counts(app) == (0, 0, 0)


def test_validate_rejects_a_path_without_banks(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["banks", "validate", str(tmp_path)])
    assert result.exit_code != 0 and "holds no bank" in result.output


def test_loading_twice_changes_nothing(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["banks", "load", str(MINI_BANK)])
    assert first.exit_code == 0 and "8 new" in first.output
    counts = _counts(app)
    second = runner.invoke(args=["banks", "load", str(MINI_BANK)])
    assert second.exit_code == 0 and "up to date (8 questions unchanged)" in second.output
    assert _counts(app) == counts == (8, 8, 2)


def test_a_changed_question_becomes_a_new_version_and_old_attempts_keep_theirs(app, client, tmp_path):
    folder = _copy(tmp_path)
    runner = app.test_cli_runner()
    runner.invoke(args=["banks", "load", str(folder)])
    url = start(client)
    submit(client, url, {"q1": "b"})

    path = folder / "questions.yaml"
    path.write_text(path.read_text().replace("      - text: Berlin\n", "      - text: Berlin, Germany\n"))
    result = runner.invoke(args=["banks", "load", str(folder)])
    assert result.exit_code == 0 and "1 new versions" in result.output
    with app.app_context():
        versions = db.session.scalars(
            select(QuestionVersion).join(Question).where(Question.key == "meeting-city").order_by(QuestionVersion.number)
        ).all()
        assert [v.number for v in versions] == [1, 2]
        assert versions[1].definition["options"][1]["text"] == "Berlin, Germany"
    review = client.get(url + "/review").text
    assert "<dd>Berlin</dd>" in review and "Berlin, Germany" not in review and "1 / 8 points" in review
    assert "Berlin, Germany" in client.get(start(client)).text


def test_a_question_removed_from_the_file_is_retired_not_deleted(app, client, tmp_path):
    folder = _copy(tmp_path)
    runner = app.test_cli_runner()
    runner.invoke(args=["banks", "load", str(folder)])
    path = folder / "questions.yaml"
    text = path.read_text()
    start_at = text.index("  - id: sources")
    path.write_text(text[:start_at])
    result = runner.invoke(args=["banks", "load", str(folder)])
    assert result.exit_code == 0 and "1 retired" in result.output
    with app.app_context():
        assert db.session.scalar(select(Question.retired).where(Question.key == "sources")) is True
    assert client.get(start(client)).text.count("<fieldset") == 7


def test_report_on_the_article_bank_passes(app):
    result = app.test_cli_runner().invoke(args=["banks", "report", "berlin-security-agreements"])
    assert result.exit_code == 0, result.output
    assert "Paragraph coverage: 20/20" in result.output and "Rules broken: 0" in result.output


def test_report_fails_naming_the_question_that_breaks_a_rule(app, tmp_path):
    folder = tmp_path / "berlin-security-agreements"
    shutil.copytree(REPO / "quizzes" / folder.name, folder)
    path = folder / "questions.yaml"
    text = path.read_text(encoding="utf-8")
    first_id = text.split("\nquestions:\n", 1)[1].split("  - id: ", 1)[1].split("\n", 1)[0]
    start = text.index(f"  - id: {first_id}\n")
    skill_at = text.index("    difficulty: ", start)
    path.write_text(text[:skill_at] + text[text.index("\n", skill_at) + 1:], encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["banks", "report", str(folder)])
    assert result.exit_code == 1
    assert f"question {first_id!r} has no difficulty" in result.output


def test_reloading_the_files_keeps_what_teachers_did_in_the_app(app, tmp_path, teacher):
    from lectern.core.questions import parse_question
    from lectern.models import Bank, Teacher
    from lectern.services.question_editing import create_question, revise_question, set_retired

    folder = _copy(tmp_path)
    runner = app.test_cli_runner()
    runner.invoke(args=["banks", "load", str(folder)])
    with app.app_context():
        author = db.session.get(Teacher, teacher)
        bank = db.session.scalar(select(Bank))
        edited = db.session.scalar(select(Question).where(Question.key == "meeting-city"))
        data = edited.versions[-1].definition
        revise_question(edited, parse_question({**data, "prompt": "Where did they meet?"}), author)
        set_retired(db.session.scalar(select(Question).where(Question.key == "sources")), True)
        create_question(bank, parse_question({**data, "id": "teachers-own", "prompt": "Mine"}), author)
        db.session.commit()

    result = runner.invoke(args=["banks", "load", str(folder)])
    assert result.exit_code == 0 and "up to date" in result.output
    with app.app_context():
        questions = {q.key: q for q in db.session.scalars(select(Question))}
        assert questions["meeting-city"].versions[-1].definition["prompt"] == "Where did they meet?"
        assert questions["sources"].retired and not questions["teachers-own"].retired

    # A change in the file itself still arrives, as a new version on top of the teacher's.
    path = folder / "questions.yaml"
    path.write_text(path.read_text().replace("In which city were the agreements finalized?",
                                             "In which city were the two agreements finalized?"))
    result = runner.invoke(args=["banks", "load", str(folder)])
    assert "1 new versions" in result.output
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.key == "meeting-city"))
        assert [v.number for v in question.versions] == [1, 2, 3]
        assert question.versions[-1].definition["prompt"] == "In which city were the two agreements finalized?"
