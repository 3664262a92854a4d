"""A quiz on paper and its answer key: every published question, answers only on the key."""

from __future__ import annotations

from html import unescape

from sqlalchemy import select

from lectern.extensions import db
from lectern.models import DRAFT, Question, Quiz


def _quiz_id(app, key: str = "full") -> int:
    with app.app_context():
        return db.session.scalar(select(Quiz.id).where(Quiz.key == key))


def test_the_printed_quiz_has_every_question_and_no_answers(app, teacher_client, mini_bank):
    with app.app_context():
        db.session.scalar(select(Question).where(Question.key == "army-size")).status = DRAFT
        db.session.commit()
    page = teacher_client.get(f"/teacher/quizzes/{_quiz_id(app)}/print")
    assert page.status_code == 200
    html = unescape(page.text)
    assert "Name:" in html and "Right answer" not in html and "<mark>" not in html
    with app.app_context():
        questions = {q.key: q.versions[-1].definition["prompt"] for q in db.session.scalars(select(Question))}
    draft = questions.pop("army-size")
    assert all(prompt.split("*")[0][:25] in html for prompt in questions.values())
    assert draft[:25] not in html  # a draft is not on paper either
    assert html.count('class="qnum"') == len(questions)


def test_the_answer_key_shows_each_right_answer_with_its_evidence(app, teacher_client, mini_bank):
    html = teacher_client.get(f"/teacher/quizzes/{_quiz_id(app)}/print?answers=1").text
    assert html.count("<dt>Right answer</dt>") >= 5 and "Article 5" in html and "<mark>" in html
    assert "Evidence, paragraph" in html


def test_printing_a_quiz_that_does_not_exist_is_a_404(teacher_client, mini_bank):
    assert teacher_client.get("/teacher/quizzes/999/print").status_code == 404
    assert teacher_client.get("/teacher/quizzes/99999999999999999999999/print").status_code == 404
