"""Teachers' key terms (added and removed in the app, checked like a bank file's, reviewed like any other),
and students' practice and cards when a teacher merges two roster entries."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import Bank, Card, Enrollment, StudyRun
from tests.web.class_steps import ids, joined
from tests.web.helpers import start, submit
from tests.web.study_steps import RIGHT, WRONG, check, practise
from tests.web.teachers import post_form

TERMS = "/teacher/banks/mini/terms"


def terms(app) -> list[str]:
    with app.app_context():
        return [t["term"] for t in db.session.scalar(select(Bank.key_terms))]


def test_a_teacher_adds_a_term_and_students_meet_it(app, client, teacher_client, mini_bank):
    reply = post_form(teacher_client, TERMS, {"term": "ceasefire", "definition": "An agreement to stop fighting.",
                                              "matches": ""})
    assert reply.status_code == 302 and terms(app) == ["Article 5", "ceasefire"]
    assert "ceasefire" in teacher_client.get(TERMS).text
    article = client.get("/articles/mini").text
    assert ">ceasefire</dfn>" in article and "An agreement to stop fighting." in article
    submit(client, start(client), RIGHT)
    assert "Key term: ceasefire" in client.get("/review").text


def test_the_article_beside_an_attempt_shows_a_term_added_after_it_was_first_shown(app, client, teacher_client,
                                                                                 mini_bank):
    # The panel is rendered once and reused (lectern/article_panel.py); a new term must still reach it.
    attempt = start(client)
    assert ">ceasefire</dfn>" not in client.get(attempt).text
    post_form(teacher_client, TERMS, {"term": "ceasefire", "definition": "An agreement to stop fighting.",
                                      "matches": ""})
    page = client.get(attempt).text
    assert ">ceasefire</dfn>" in page and "An agreement to stop fighting." in page


@pytest.mark.parametrize("data, message", [
    ({"term": "armistice", "definition": "A truce."}, "does not occur in the article"),
    ({"term": "article 5", "definition": "Again."}, "is listed twice"),
    ({"term": "", "definition": "Something."}, "Write the term as the article does."),
    ({"term": "ceasefire", "definition": ""}, "Give a short definition"),
])
def test_a_term_that_does_not_fit_is_refused_with_what_to_fix(app, teacher_client, mini_bank, data, message):
    reply = post_form(teacher_client, TERMS, {"matches": "", **data})
    assert reply.status_code == 400 and message in reply.text
    assert terms(app) == ["Article 5"]


def test_removing_a_term_asks_first_and_takes_its_cards(app, client, teacher_client, mini_bank):
    run = practise(client, "/practice/mini", focus="terms")
    check(client, run, "Article 5")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Card)) == 1
    confirm = teacher_client.get(f"{TERMS}/1/remove")
    assert confirm.status_code == 200 and "Remove the key term “Article 5”?" in confirm.text
    assert terms(app) == ["Article 5"]  # asking changed nothing
    reply = post_form(teacher_client, f"{TERMS}/1/remove", {})
    assert reply.status_code == 302 and terms(app) == []
    assert "and 1 student card for it" in teacher_client.get(TERMS).text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Card)) == 0
    assert teacher_client.get(f"{TERMS}/1/remove").status_code == 404


def test_merging_two_entries_brings_the_duplicates_practice_and_cards(app, client, teacher_client, klass):
    joined(client, klass[1], "Ana Lima")
    phone = app.test_client()
    joined(phone, klass[1], "Ana (phone)")
    for browser in (client, phone):  # both miss the city; only the phone practises the key term too
        run = practise(browser, name="x")
        check(browser, run, WRONG["q1"])
        check(browser, run, reveal=True)
    check(phone, practise(phone, "/practice/mini", name="x", focus="terms"), "Article 5")
    keep, duplicate = ids(app, Enrollment)
    page = f"/teacher/classes/{klass[0]}"
    post_form(teacher_client, f"{page}/merge", {"keep": keep, "duplicate": duplicate}, page)
    with app.app_context():
        kept = db.session.scalar(select(Enrollment.student_id))
        assert db.session.scalar(select(func.count()).select_from(StudyRun).where(StudyRun.student_id != kept)) == 0
        owned = db.session.execute(select(Card.kind, Card.student_id == kept)).all()
        # The kept student's own city card stays; the phone's city card stays behind; its term card moves.
        assert sorted(owned) == [("question", False), ("question", True), ("term", True)]


def test_a_removed_terms_finished_card_page_is_gone_not_broken(app, client, teacher_client, mini_bank):
    run = practise(client, "/practice/mini", focus="terms")
    result = check(client, run, "Article 5").headers["Location"]
    post_form(teacher_client, f"{TERMS}/1/remove", {})
    assert client.get(result).status_code == 404
    assert "how it went" in client.get(run).text
