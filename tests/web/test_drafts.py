"""Drafts: imported and newly written questions wait, unseen by students, until a teacher publishes them."""

from __future__ import annotations

from sqlalchemy import select

from lectern.core.questions import parse_question
from lectern.extensions import db
from lectern.models import DRAFT, PUBLISHED, Bank, Question, Teacher
from lectern.services import question_editing
from tests.conftest import csrf_token
from tests.web.helpers import start
from tests.web.teachers import make_teacher, sign_in
from tests.web.test_question_import import GIFT, NEW_KEYS, _confirm, _upload

BANK = "/teacher/banks/mini"
FINISHED = {
    "id": "held-in-berlin", "type": "true_false", "prompt": "The talks were held in Berlin.", "answer": True,
    "explanation": "The first sentence names the city.",
    "evidence": [{"paragraph": 1, "quote": "In a pivotal meeting held in Berlin"}],
}


def _statuses(app, keys) -> dict[str, str]:
    with app.app_context():
        return dict(db.session.execute(select(Question.key, Question.status).where(Question.key.in_(keys))).all())


def _write_draft(app, teacher_id: int, data: dict) -> None:
    """A question written in the app, through the same service the editor saves with."""
    with app.app_context():
        bank = db.session.scalar(select(Bank).where(Bank.slug == "mini"))
        question_editing.create_question(bank, parse_question(data, imported=True), db.session.get(Teacher, teacher_id))
        db.session.commit()


def _publish(client, url: str):
    token = csrf_token(client.get(BANK).text)
    return client.post(url, data={"csrf_token": token})


def _attempt_keys(app) -> set[str]:
    """The questions a new student's attempt of the mini bank's full quiz is given."""
    start(app.test_client())
    with app.app_context():
        from lectern.models import Attempt, QuestionVersion, Response

        attempt = db.session.scalar(select(Attempt).order_by(Attempt.id.desc()))
        return set(db.session.scalars(select(Question.key).join(QuestionVersion).join(Response)
                                      .where(Response.attempt_id == attempt.id)))


def test_an_import_comes_in_as_drafts_that_no_student_is_given(app, teacher_client, teacher, mini_bank):
    reply = _confirm(teacher_client, _upload(teacher_client, GIFT.encode()).text)
    assert reply.status_code == 302
    page = teacher_client.get(reply.headers["Location"]).text
    assert "Imported 3 questions from week1.gift.txt as drafts" in page
    assert "Drafts (3)" in page and page.count(">Draft<") == 3 and "Publish all drafts" in page
    assert _statuses(app, NEW_KEYS) == dict.fromkeys(NEW_KEYS, DRAFT)
    with app.app_context():
        assert set(db.session.scalars(select(Question.created_by_id).where(Question.key.in_(NEW_KEYS)))) == {teacher}
    given = _attempt_keys(app)
    assert given and not given & set(NEW_KEYS)


def test_publishing_a_draft_without_evidence_is_refused_with_what_to_fix(app, teacher_client, mini_bank):
    _confirm(teacher_client, _upload(teacher_client, GIFT.encode()).text)
    reply = _publish(teacher_client, f"{BANK}/questions/capital/publish")
    assert reply.status_code == 422
    assert "Write an explanation that says why the right answer is right." in reply.text
    assert "Add at least one piece of evidence" in reply.text
    assert _statuses(app, ["capital"]) == {"capital": DRAFT}


def test_a_finished_draft_is_published_and_then_drawn_into_quizzes(app, teacher_client, teacher, mini_bank):
    _write_draft(app, teacher, FINISHED)
    assert "held-in-berlin" not in _attempt_keys(app)
    page = teacher_client.get(f"{BANK}/questions/held-in-berlin").text
    assert ">Draft<" in page and ">Publish</button>" in page
    reply = _publish(teacher_client, f"{BANK}/questions/held-in-berlin/publish")
    assert reply.status_code == 302
    assert "Published held-in-berlin" in teacher_client.get(reply.headers["Location"]).text
    assert _statuses(app, ["held-in-berlin"]) == {"held-in-berlin": PUBLISHED}
    assert "held-in-berlin" in _attempt_keys(app)


def test_evidence_the_article_does_not_hold_keeps_the_question_a_draft(app, teacher_client, teacher, mini_bank):
    _write_draft(app, teacher, {**FINISHED, "evidence": [{"paragraph": 2, "quote": "held in Berlin"}]})
    reply = _publish(teacher_client, f"{BANK}/questions/held-in-berlin/publish")
    assert reply.status_code == 422 and "is not in paragraph 2" in reply.text and "paragraph 1" in reply.text
    assert _statuses(app, ["held-in-berlin"]) == {"held-in-berlin": DRAFT}


def test_publish_all_publishes_the_finished_and_lists_the_rest(app, teacher_client, teacher, mini_bank):
    _confirm(teacher_client, _upload(teacher_client, GIFT.encode()).text)
    _write_draft(app, teacher, FINISHED)
    reply = _publish(teacher_client, f"{BANK}/publish")
    assert reply.status_code == 200
    assert "Published 1 question: held-in-berlin." in reply.text
    for key in NEW_KEYS:
        assert f"<code>{key}</code>" in reply.text
    assert reply.text.count("Add at least one piece of evidence") == 3
    assert _statuses(app, [*NEW_KEYS, "held-in-berlin"]) == {**dict.fromkeys(NEW_KEYS, DRAFT),
                                                             "held-in-berlin": PUBLISHED}


def test_editing_a_published_question_keeps_it_published(app, teacher, mini_bank):
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.key == "meeting-city"))
        changed = {**question.versions[-1].definition, "prompt": "Where did the meeting take place?"}
        version = question_editing.revise_question(question, parse_question(changed),
                                                   db.session.get(Teacher, teacher))
        db.session.commit()
        assert version.number == 2 and question.status == PUBLISHED


def test_another_teacher_never_sees_someone_else_s_draft(app, teacher, mini_bank):
    _write_draft(app, teacher, FINISHED)
    make_teacher(app, "other@school.org")
    other = app.test_client()
    sign_in(other, "other@school.org")
    assert "held-in-berlin" not in other.get(BANK).text
    assert other.get(f"{BANK}/questions/held-in-berlin").status_code == 404
    assert other.get(f"{BANK}/questions/held-in-berlin/preview").status_code == 404


def test_the_command_line_import_makes_drafts_too(app, mini_bank, tmp_path):
    path = tmp_path / "more.gift.txt"
    path.write_text("::Capital:: Which city hosted the talks? {=Berlin ~Kyiv}\n")
    result = app.test_cli_runner().invoke(args=["banks", "import", str(path), "--bank", "mini", "--yes"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.key == "capital"))
        assert (question.status, question.created_by_id) == (DRAFT, None)
    assert "capital" not in _attempt_keys(app)


def test_an_exported_bank_leaves_its_drafts_out(app, teacher_client, mini_bank):
    import io
    import zipfile

    assert _confirm(teacher_client, _upload(teacher_client, GIFT.encode()).text).status_code == 302
    exported = teacher_client.get("/teacher/banks/mini/export")
    with zipfile.ZipFile(io.BytesIO(exported.data)) as folder:
        questions = folder.read("mini/questions.yaml").decode()
    assert "meeting-city" in questions  # published questions are there
    assert not any(f"id: {key}\n" in questions for key in NEW_KEYS)  # loading it back would publish them
