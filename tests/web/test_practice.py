"""Practice through the test client: one question at a time, Check, a hint and a second try,
the answer and the evidence, cards for what was missed, and nothing in any gradebook."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import Attempt, Card, Quiz, StudyItem
from lectern.services import attempts as attempt_service
from lectern.services import practice
from tests.conftest import csrf_token
from tests.web.attempt_steps import configure, move_clock
from tests.web.helpers import snapshot, start, submit
from tests.web.study_steps import RIGHT, WRONG, check, counts, practise, reviews, token


def test_one_question_at_a_time_right_at_once(app, client, mini_bank):
    run = practise(client)
    page = client.get(run)
    assert page.status_code == 200 and "Question 1 of 7" in page.text  # the essay is left out
    assert page.text.count("<fieldset") == 1 and "In which city" in page.text
    assert "paragraph 1 says the meeting was held in Berlin" not in page.text  # no feedback before checking
    reply = check(client, run, RIGHT["q1"])
    assert reply.status_code == 302 and "after=" in reply.headers["Location"]
    result = client.get(reply.headers["Location"]).text
    assert "Right at the first try: full credit." in result
    assert "Yes, paragraph 1 says the meeting was held in Berlin." in result  # the option's feedback
    assert "The first sentence names the city." in result  # the explanation
    assert "<mark>In a pivotal meeting held in Berlin</mark>" in result  # the evidence, highlighted in place
    assert "Question 2 of 7" in client.get(run).text
    assert reviews(app) == []  # right at once, and never missed: no card to make


def test_a_wrong_try_gets_a_hint_without_the_answer_then_a_second_try(app, client, mini_bank):
    run = practise(client)
    reply = check(client, run, WRONG["q1"])
    assert reply.status_code == 302 and reply.headers["Location"].endswith("#hint")
    hint = client.get(run).text
    assert "Not right yet: here is a hint" in hint and "Paragraph 1" in hint
    assert "In a pivotal meeting held in Berlin" in hint  # the paragraph is shown…
    assert "<mark>" not in hint and "The first sentence names the city" not in hint  # …not the answer or why
    assert "Paragraph 1 places the meeting elsewhere" not in hint  # nor the chosen option's feedback
    assert '<input checked id="q1-0" name="q1" type="radio" value="a">' in hint  # the first answer stays chosen
    assert "Show me the answer" in hint
    result = client.get(check(client, run, RIGHT["q1"]).headers["Location"]).text
    assert "Right at the second try: 67% of the credit" in result
    with app.app_context():
        item = db.session.scalar(select(StudyItem).where(StudyItem.position == 1))
        assert (item.tries, item.hinted, item.first_fraction, item.fraction) == (2, True, 0.0, 1.0)
        assert item.credit == pytest.approx(2 / 3)
    assert reviews(app) == [("question", 2, "practice", "new", "learning")]  # Hard: right after a hint


def test_showing_the_answer_after_a_wrong_try_rates_again(app, client, mini_bank):
    run = practise(client)
    check(client, run, WRONG["q1"])
    reply = check(client, run, reveal=True)
    result = client.get(reply.headers["Location"]).text
    assert "Not right this time: no credit." in result and "come back in" in result
    assert reviews(app) == [("question", 1, "practice", "new", "learning")]  # Again


def test_checking_without_an_answer_asks_for_one_and_uses_no_try(app, client, mini_bank):
    run = practise(client)
    page = client.get(run).text
    reply = client.post(run, data={"csrf_token": csrf_token(page), "token": token(page), "check": "Check"})
    assert reply.status_code == 400 and "Choose or type an answer, then check it." in reply.text
    with app.app_context():
        assert db.session.scalar(select(StudyItem.tries).where(StudyItem.position == 1)) == 0


def test_a_double_check_records_one_review(app, client, mini_bank):
    run = practise(client)
    page = client.get(run).text
    first = check(client, run, WRONG["q1"], page=page)
    second = check(client, run, WRONG["q1"], page=page)  # the same form sent again
    assert first.status_code == second.status_code == 302
    hinted = client.get(run).text
    check(client, run, WRONG["q1"], page=hinted)
    before = counts(app)
    again = check(client, run, WRONG["q1"], page=hinted)
    assert again.status_code == 302 and "already checked" in client.get(again.headers["Location"]).text
    assert counts(app) == before and len(reviews(app)) == 1
    with app.app_context():
        assert db.session.scalar(select(StudyItem.tries).where(StudyItem.position == 1)) == 2


@pytest.mark.parametrize("tamper", ["token", "option", "other item"])
def test_tampered_checks_are_refused_and_change_nothing(app, client, mini_bank, tamper):
    run = practise(client)
    other_run = practise(client, "/practice/mini")
    page = client.get(run).text
    data = {"csrf_token": csrf_token(page), "token": token(page), "check": "Check", "q1": RIGHT["q1"]}
    if tamper == "token":
        data["token"] = token(page)[:-3] + "abc"
    elif tamper == "option":
        data["q1"] = "z"
    else:
        data["token"] = token(client.get(other_run).text)
    before = counts(app)
    assert client.post(run, data=data).status_code == 400
    assert counts(app) == before


def test_another_students_practice_is_not_found(app, client, mini_bank):
    run = practise(client)
    stranger = app.test_client()
    practise(stranger, name="Ben")
    assert stranger.get(run).status_code == 404
    assert app.test_client().get(run).status_code == 404


def test_practice_never_reaches_attempts_or_the_gradebook(app, client, mini_bank):
    before = snapshot(app)
    run = practise(client)
    for field in ("q1", "q2", "q3", "q4", "q5"):
        check(client, run, RIGHT[field])
    assert snapshot(app)[:2] == before[:2]  # no attempt, no response
    assert "You have not taken a quiz" in client.get("/attempts").text


def test_a_finished_practice_sums_up_and_points_to_review(app, client, mini_bank):
    run = practise(client, "/practice/mini", focus="skill:locate")
    page = client.get(run).text
    assert "Question 1 of 3" in page
    check(client, run, RIGHT["q1"])
    check(client, run, WRONG["q2"])
    check(client, run, reveal=True)
    check(client, run, "800,000")
    done = client.get(run).text
    assert "how it went" in done and "3 questions practised" in done
    assert "Right at the first try: <strong>2</strong>" in done and "Not right yet: <strong>1</strong>" in done
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Card)) == 1


def test_a_quiz_used_as_a_test_cannot_be_practised(app, client, mini_bank):
    configure(app, "full", practice_allowed=False)
    page = client.get("/practice/mini/full")
    assert "switched practice off" in page.text and "Start practising" not in page.text
    before = counts(app)
    reply = client.post("/practice/mini/full", data={"display_name": "Ana", "csrf_token": csrf_token(
        client.get("/practice/mini").text)})
    assert reply.status_code == 403 and counts(app) == before
    # Its questions are held back from practice on the whole article too.
    assert client.post("/practice/mini", data={"display_name": "Ana", "focus": "all", "csrf_token": csrf_token(
        client.get("/practice/mini").text)}).status_code == 400
    assert 'href="/practice/mini/full"' not in client.get("/").text


def test_practice_waits_for_the_quizs_review_rules(app, client, mini_bank, monkeypatch):
    closes = datetime.now() + timedelta(days=3)
    configure(app, "full", review_right_answers="after_close", closes_at=closes)
    assert "keeps its answers hidden until it closes on" in client.get("/practice/mini/full").text
    move_clock(monkeypatch, timedelta(days=4))
    run = practise(client)
    assert "Question 1 of 7" in client.get(run).text


def test_a_quiz_of_another_bank_does_not_hold_this_one_back(app, client, mini_bank):
    configure(app, "quick", practice_allowed=True)
    run = practise(client, "/practice/mini", focus="all")
    assert "Question 1 of 7" in client.get(run).text


def test_the_quiz_page_offers_practice_for_the_missed_questions(app, client, mini_bank):
    url = start(client)
    review_url = submit(client, url, {**RIGHT, "q1": "a", "q3": "true"}).headers["Location"]
    review = client.get(review_url).text
    # q1, q3 wrong; matching and ordering unanswered; the essay is left for the teacher.
    assert "Practise the 4 questions you missed" in review
    reply = client.post(review_url.replace("/review", "/practice"), data={"csrf_token": csrf_token(review)})
    run = reply.headers["Location"]
    assert "Question 1 of 4" in client.get(run).text and "In which city" in client.get(run).text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Attempt)) == 1


def test_a_hidden_review_offers_no_practice_of_its_misses(app, client, mini_bank):
    configure(app, "full", review_explanations="never")
    url = start(client)
    review_url = submit(client, url, {**RIGHT, "q1": "a"}).headers["Location"]
    review = client.get(review_url).text
    assert "you missed" not in review
    reply = client.post(review_url.replace("/review", "/practice"),
                        data={"csrf_token": csrf_token(client.get("/practice/mini").text)})  # forced anyway
    assert reply.status_code == 302 and counts(app)["StudyRun"] == 0
    assert "does not show its answers yet" in client.get(reply.headers["Location"]).text


def test_the_teacher_can_switch_practice_off_in_the_quiz_settings(app, teacher_client, mini_bank):
    with app.app_context():
        quiz_id = db.session.scalar(select(Quiz.id).where(Quiz.key == "full"))
    url = f"/teacher/quizzes/{quiz_id}"
    page = teacher_client.get(url)
    assert page.status_code == 200 and "Students may practise this quiz" in page.text
    assert re.search(r'<input [^>]*checked id="practice_allowed"', page.text)  # on by default
    form = {k: v for k, v in re.findall(r'<input [^>]*name="(\w+)" type="(?:text|number)" value="([^"]*)"', page.text)}
    reply = teacher_client.post(url, data={**form, "title": "Full comprehension check", "csrf_token": csrf_token(
        page.text), "grading_method": "highest", "review_correctness": "immediately",
        "review_right_answers": "immediately", "review_explanations": "immediately", "questions_per_page": "0"})
    assert reply.status_code == 302, reply.text
    with app.app_context():
        assert db.session.get(Quiz, quiz_id).practice_allowed is False  # the box was left unticked


def test_two_checks_racing_for_the_same_try_record_one(app, client, mini_bank):
    """Two requests that both read the item before either wrote: the second finds the try taken."""
    run = practise(client)
    client.get(run)
    with app.app_context():
        item = db.session.scalar(select(StudyItem).where(StudyItem.position == 1))
        now = attempt_service.clock()
        practice.check_question(item, "a", 0, None, now)
        db.session.commit()
        with pytest.raises(practice.AlreadyChecked):
            practice.check_question(item, "a", 0, None, now)  # it saw tries == 0 too
    with app.app_context():
        assert db.session.scalar(select(StudyItem.tries).where(StudyItem.position == 1)) == 1
