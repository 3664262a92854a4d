"""Review today: missed questions and key terms come back, on a later day, spaced by FSRS; every
review is kept; the queue survives a restart and follows the student to another device."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import event, select

from lectern.core.banks import read_bank
from lectern.core.questions.base import stable_id
from lectern.extensions import db
from lectern.models import Bank, Card, CardReview, StudyItem
from lectern.services.bank_loading import load_bank
from tests.conftest import REPO, csrf_token, make_app
from tests.web.attempt_steps import configure, move_clock
from tests.web.class_steps import joined, rejoin
from tests.web.helpers import start, submit
from tests.web.study_steps import (
    RIGHT,
    WRONG,
    check,
    counts,
    practise,
    practise_to_the_end,
    reviews,
)

DUE = re.compile(r"Review today: (\d+) cards? due")


def due_on(client, path: str = "/") -> int:
    found = DUE.search(client.get(path).text)
    return int(found[1]) if found else 0


def start_review(client) -> str:
    page = client.get("/review")
    reply = client.post("/review", data={"csrf_token": csrf_token(page.text)})
    assert reply.status_code == 302, reply.text
    return reply.headers["Location"]


def test_missed_quiz_questions_are_due_at_once_without_any_write(app, client, mini_bank):
    url = start(client)
    submit(client, url, {**RIGHT, "q1": WRONG["q1"], "q4": WRONG["q4"]})
    before = counts(app)
    # q1 and q4 wrong; matching and ordering unanswered; the key term of the article is new.
    assert due_on(client) == 5 and due_on(client, "/attempts") == 5
    page = client.get("/review").text
    assert "4 due and 1 new key term" in page and "Key term: Article 5" in page
    assert counts(app) == before  # reading the queue wrote nothing


def test_a_hidden_review_keeps_its_misses_out_of_the_queue_until_it_shows_them(app, client, mini_bank, monkeypatch):
    from datetime import datetime
    configure(app, "full", review_right_answers="after_close", closes_at=datetime.now() + timedelta(days=2))
    submit(client, start(client), {**RIGHT, "q1": WRONG["q1"]})
    assert "Key term" in client.get("/review").text and due_on(client) == 1  # only the term
    move_clock(monkeypatch, timedelta(days=3))
    assert due_on(client) == 4


def test_a_new_student_takes_the_quick_check_practises_and_reviews_on_a_later_day(
        app, client, teacher_client, klass, monkeypatch):
    """The issue's journey: quick check, misses, practice with hints, Review today tomorrow, mastery moves,
    and the teacher sees it."""
    joined(client, klass[1], "Ana Lima")
    url = start(client, quiz="quick", name="Ana Lima")
    review_url = submit(client, url, {}).headers["Location"]  # every question left blank
    review = client.get(review_url).text
    missed = int(re.search(r"Practise the (\d+) questions? you missed", review)[1])
    assert missed >= 3
    mastery_before = client.get("/progress").text
    assert "What you know of each article" in mastery_before and "Not enough to judge yet" in mastery_before

    run = client.post(review_url.replace("/review", "/practice"), data={"csrf_token": csrf_token(review)})
    practise_to_the_end(client, run.headers["Location"])
    with app.app_context():
        practised = db.session.scalars(select(Card).where(Card.kind == "question")).all()
        assert len(practised) == missed
        # Each card starts from the quiz's miss, then the practice: two reviews, the first from the quiz.
        assert all(c.reviews == 2 for c in practised)
    assert {r[2] for r in reviews(app)} == {"quiz", "practice"}
    soon = due_on(client)
    assert soon <= 1  # within minutes only the new key term: the missed cards wait for their learning step

    move_clock(monkeypatch, timedelta(days=1))  # the next day
    assert due_on(client) == missed + 1  # every missed question, and the key term
    session = start_review(client)
    assert practise_to_the_end(client, session, first_right=True) == missed + 1
    assert due_on(client) == 0
    with app.app_context():
        later = db.session.scalars(select(Card)).all()
        tomorrow = max(r.reviewed_at for r in db.session.scalars(select(CardReview)))
        assert all(c.due > tomorrow for c in later)  # right at once: each comes back later still
    mastery_after = client.get("/progress").text
    assert _answers_counted(mastery_after) > _answers_counted(mastery_before)

    classroom = teacher_client.get(f"/teacher/classes/{klass[0]}/study").text
    row = re.search(r"<th scope=\"row\">Ana Lima</th><td>(\d+)</td><td>(\d+)</td>", classroom)
    assert row and int(row[1]) >= missed * 2 and int(row[2]) >= missed
    assert "1 of 1 student practised or reviewed" in classroom


def _answers_counted(html: str) -> int:
    """The answers behind the skill figures on a progress page."""
    skills = html.split("By reading skill</caption>")[1].split("</table>")[0]
    counted = re.findall(r"(?:of (\d+) right|(\d+) answers? in the last)", skills)
    return sum(int(a or b) for a, b in counted)


def test_every_review_is_kept_with_the_state_before_and_after(app, client, mini_bank):
    run = practise(client)
    check(client, run, WRONG["q1"])
    check(client, run, reveal=True)
    with app.app_context():
        row = db.session.scalar(select(CardReview))
        assert (row.rating, row.source, row.item_id is not None) == (1, "practice", True)
        assert row.state_before["stage"] == "new" and row.state_after["stage"] == "learning"
        assert row.state_after["due"] > row.reviewed_at.isoformat()


def test_a_lone_key_term_is_typed_from_its_sentence(app, client, mini_bank):
    run = practise(client, "/practice/mini", focus="terms")
    page = client.get(run).text
    assert "Which word of the article is missing?" in page  # one term only: nothing to choose between
    assert "_____" in page and "attack on one member" in page and "Article 5" not in page.split("<main")[1]
    result = client.get(check(client, run, "article 5").headers["Location"]).text
    assert "Right" in result and "<mark>" in result
    assert [r[:3] for r in reviews(app)] == [("term", 4, "practice")]  # right at once, and quickly: Easy


def test_key_terms_are_chosen_while_new_and_typed_once_known(app, client, monkeypatch):
    with app.app_context():
        load_bank(read_bank(REPO / "quizzes" / "berlin-security-agreements"))
        db.session.commit()
    run = practise(client, "/practice/berlin-security-agreements", focus="terms")
    page = client.get(run).text
    choices = re.findall(r'name="term_answer" type="radio" value="([^"]+)"', page)
    assert "What does" in page and len(choices) == 4
    right = term_answer_for(client, run, app)
    result = client.get(check(client, run, next(c for c in choices if c != right)).headers["Location"]).text
    assert "Not this time" in result
    assert [r[:3] for r in reviews(app)] == [("term", 1, "practice")]  # Again
    check(client, run, term_answer_for(client, run, app))  # the second term, right at once (and quick: Easy)
    assert [r[4] for r in reviews(app)] == ["learning", "review"]
    move_clock(monkeypatch, timedelta(days=30))
    session = start_review(client)
    faces = []
    for _ in range(20):
        html = client.get(session).text
        if "how it went" in html:
            break
        typed = "Which word of the article is missing?" in html
        faces.append("type" if typed else "choose")
        check(client, session, "zzz" if typed else re.findall(
            r'name="term_answer" type="radio" value="([^"]+)"', html)[0], page=html)
    assert faces.count("type") == 1 and "choose" in faces  # only the card in review is typed


def term_answer_for(client, run: str, app) -> str:
    """The right choice for the key-term card now on the page: its definition's id."""
    page = client.get(run).text
    with app.app_context():
        item = db.session.scalar(select(StudyItem).where(StudyItem.done_at.is_(None)).order_by(StudyItem.position))
        definition = next(t["definition"] for t in db.session.scalar(select(Bank.key_terms)) if t["term"] == item.term)
    assert f'value="{stable_id(definition)}"' in page
    return stable_id(definition)


def test_the_queue_survives_a_restart(app, client, mini_bank, tmp_path):
    submit(client, start(client), {**RIGHT, "q1": WRONG["q1"]})
    run = practise(client)
    check(client, run, WRONG["q1"])
    check(client, run, reveal=True)
    before = client.get("/review").text
    restarted = make_app(tmp_path)  # a new app over the same database file, as after a server restart
    again = restarted.test_client()
    with client.session_transaction() as old, again.session_transaction() as new:
        new.update(old)
    assert "3 cards to review" in before  # the two questions left blank, and the key term
    assert strip_tokens(again.get("/review").text) == strip_tokens(before)


def strip_tokens(html: str) -> str:
    return re.sub(r'<input[^>]*name="csrf_token"[^>]*>', "", html)


def test_cards_follow_the_student_to_another_device(app, client, klass):
    personal = joined(client, klass[1], "Ana Lima")
    submit(client, start(client, name="Ana Lima"), {**RIGHT, "q1": WRONG["q1"]})
    phone = app.test_client()
    assert due_on(phone) == 0
    rejoin(phone, klass[1], personal)
    assert due_on(phone) == due_on(client) > 0


def test_practising_costs_the_same_queries_for_a_short_or_long_session(app, client, mini_bank):
    """No query per item: the practice page of a 7-question session costs what a 1-question one does."""
    short = practise(client, "/practice/mini", focus="paragraph:13")
    long = practise(client, "/practice/mini", focus="all")
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(*args, **kwargs):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        client.get(short)
        short_cost = len(statements)
        statements.clear()
        client.get(long)
        long_cost = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert long_cost == short_cost, (short_cost, long_cost)
