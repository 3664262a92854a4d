"""Article aids: what the attempt page shows of the article (all, text without key-term
definitions, none: closed book), set on the quiz, overridden by a class; migration 0009."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from lectern.core.banks import read_bank
from lectern.extensions import db
from lectern.models import Assignment, Bank, Quiz
from lectern.services.bank_export import bank_file
from lectern.services.bank_loading import load_bank
from tests.conftest import REPO, csrf_token, empty_database, make_app
from tests.web.class_steps import assign, joined
from tests.web.helpers import start

PARAGRAPH = "Article 5"  # the mini bank's key term, in its article
DEFINITION = "an attack on one member is an attack on all"
CLOSED = "Closed book:"
NEW_TAB = "open the article in a new tab"


def _set_quiz(app, aids: str, key: str = "full") -> None:
    with app.app_context():
        db.session.scalar(select(Quiz).where(Quiz.key == key)).article_aids = aids
        db.session.commit()


@pytest.mark.parametrize(("aids", "article", "definitions"), [
    ("all", True, True), ("text", True, False), ("none", False, False)])
def test_the_attempt_page_shows_what_the_quizs_article_aids_allow(app, client, mini_bank, aids, article, definitions):
    _set_quiz(app, aids)
    start_page = client.get("/quizzes/mini/full").text
    assert ("closed book" in start_page) == (aids == "none")
    assert ("without its key-term definitions" in start_page) == (aids == "text")
    page = client.get(start(client)).text
    assert ('class="attempt-article"' in page) == article
    assert (DEFINITION in page) == definitions
    assert ('class="glossary"' in page) == definitions
    assert (CLOSED in page) == (aids == "none")
    assert (NEW_TAB in page) == (aids == "all")  # the article page in a new tab shows the definitions
    if article:
        assert PARAGRAPH in page.split('class="attempt-article"')[1]


def test_a_class_setting_overrides_the_quizs(app, mini_bank, klass):
    classroom_id, code = klass
    assignment_id = assign(app, classroom_id, article_aids="none")  # the quiz itself shows everything
    ana = app.test_client()
    joined(ana, code)
    in_class = ana.get(start(ana, quiz=f"full?assignment={assignment_id}")).text
    assert CLOSED in in_class and 'class="attempt-article"' not in in_class and DEFINITION not in in_class
    ben = app.test_client()  # the same quiz on its own still shows the article with its definitions
    on_its_own = ben.get(start(ben, name="Ben")).text
    assert CLOSED not in on_its_own and DEFINITION in on_its_own


def test_the_assign_form_starts_from_the_quizs_aids_and_saves_the_classs(app, teacher_client, mini_bank, klass):
    classroom_id, _ = klass
    _set_quiz(app, "text")
    with app.app_context():
        quiz_id = db.session.scalar(select(Quiz.id).where(Quiz.key == "full"))
    page = teacher_client.get(f"/teacher/classes/{classroom_id}/assign?quiz={quiz_id}").text
    assert '<option selected value="text">' in page
    reply = teacher_client.post(f"/teacher/classes/{classroom_id}/assignments", data={
        "csrf_token": csrf_token(page), "quiz_id": quiz_id, "attempts_allowed": 1, "grading_method": "highest",
        "review_correctness": "immediately", "review_right_answers": "immediately",
        "review_explanations": "immediately", "article_aids": "none"})
    assert reply.status_code == 302, reply.text
    with app.app_context():
        assert db.session.scalar(select(Assignment.article_aids)) == "none"
        assert db.session.get(Quiz, quiz_id).article_aids == "text"


def test_loading_the_berlin_bank_stores_the_key_terms_quizs_aids_outside_its_spec(app):
    with app.app_context():
        load_bank(read_bank(REPO / "quizzes" / "berlin-security-agreements"))
        db.session.commit()
        quizzes = {q.key: q for q in db.session.scalars(select(Quiz))}
        assert quizzes["key-terms"].article_aids == "text" and quizzes["full"].article_aids == "all"
        assert "article_aids" not in quizzes["key-terms"].spec
        exported = {q.id: q for q in bank_file(db.session.scalar(select(Bank))).quizzes}
        assert exported["key-terms"].article_aids == "text"


def test_upgrading_to_0009_keeps_existing_quizzes_and_assignments_showing_everything(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        empty_database(app, schema=True)
        upgrade(revision="0008")
        with db.engine.begin() as c:
            c.execute(sa.text("INSERT INTO bank (id, slug, title, source, paragraphs, key_terms, created_at) "
                              "VALUES (1, 'b', 'T', 'S', '[]', '[]', CURRENT_TIMESTAMP)"))
            c.execute(sa.text("INSERT INTO quiz (id, bank_id, key, title, spec, position, retired) "
                              "VALUES (1, 1, 'full', 'Full', '{}', 1, false)"))
        upgrade()
        with db.engine.connect() as c:
            assert c.execute(sa.text("SELECT article_aids FROM quiz")).scalars().all() == ["all"]
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("assignment")}
        assert "article_aids" in columns
        downgrade(revision="0008")
        assert "article_aids" not in {c["name"] for c in sa.inspect(db.engine).get_columns("quiz")}
        upgrade()  # and back: a shared PostgreSQL database is left as the models describe it
        db.engine.dispose()
