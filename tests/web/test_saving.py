"""Saving as you go: answers stored before a browser closes are there when the attempt reopens,
pages save as the student moves, and a timed attempt past its deadline is submitted by the server
with what was saved. CSRF stays on."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from lectern.core.attempt_rules import GRACE
from lectern.core.questions.base import stable_id
from lectern.extensions import db
from lectern.models import Attempt
from tests.conftest import csrf_token
from tests.web.attempt_steps import attempt_id, configure, finish, load, move_clock, press, save
from tests.web.helpers import RIGHT, snapshot, start, submit

MATCH = stable_id("reconnaissance and surveillance")


def _reopened(app, client):
    """A new browser with the same cookie: what a student gets after closing the laptop."""
    fresh = app.test_client()
    fresh.set_cookie("session", client.get_cookie("session").value)
    return fresh


def test_answers_saved_in_the_background_are_there_when_the_attempt_is_reopened(app, client, mini_bank):
    url = start(client)
    items = re.findall(r'name="(q7-x[0-9a-f]+)"', client.get(url).text)
    answers = {"q1": "b", "q2": ["a", "b"], "q3": "false", "q4": "Article 5", "q5": "800,000",
               "q6-i1": MATCH, "q8": "Unnamed sources.", **dict(zip(items, ["2", "3", "1"]))}
    reply = save(client, url, answers)
    assert reply.status_code == 200 and reply.json["skipped"] == []

    attempt = load(app, url)
    assert attempt.submitted_at is None and attempt.last_saved_at is not None and attempt.points is None
    assert [r.answer for r in attempt.responses][:5] == ["b", ["a", "b"], False, "Article 5", "800,000"]
    assert all(r.fraction is None for r in attempt.responses)  # saved, not graded

    html = _reopened(app, client).get(url).text
    assert '<input checked id="q1-1" name="q1" type="radio" value="b">' in html
    assert re.search(r'<input checked id="q2-\d" name="q2" type="checkbox" value="a">', html)
    assert re.search(r'<input checked id="q2-\d" name="q2" type="checkbox" value="b">', html)
    assert '<input checked id="q3-1" name="q3" type="radio" value="false">' in html
    assert 'value="Article 5"' in html and 'value="800,000"' in html
    assert f'<option selected value="{MATCH}">' in html
    for item, position in zip(items, ["2", "3", "1"]):
        select = re.search(rf'<select[^>]*name="{item}">(.*?)</select>', html, re.DOTALL).group(1)
        assert re.findall(r'<option selected value="(\d)">', select) == [position]
    assert re.search(r"<textarea[^>]*>\s*Unnamed sources.</textarea>", html)
    assert "Last saved" in html


def test_an_answer_still_being_typed_is_skipped_and_keeps_its_saved_value(app, client, mini_bank):
    url = start(client)
    save(client, url, {"q5": "800,000"})
    reply = save(client, url, {"q1": "b", "q5": "eight hundred"})
    assert reply.status_code == 200 and reply.json["skipped"] == [5]
    assert [r.answer for r in load(app, url).responses][::4] == ["b", "800,000"]


def test_pages_save_as_the_student_moves_and_submit_scores_every_page(app, client, mini_bank):
    configure(app, questions_per_page=3)
    url = start(client)
    first = client.get(url).text
    assert first.count("<fieldset") == 3 and "page 1 of 3" in first and "Previous page" not in first

    reply = press(client, url, "next", {k: RIGHT[k] for k in ("q1", "q2", "q3")})
    assert reply.status_code == 302 and reply.headers["Location"].endswith("?page=2")
    page2 = client.get(url + "?page=2").text
    assert 'id="question-4"' in page2 and 'id="question-1"' not in page2 and "Previous page" in page2
    reply = press(client, url + "?page=2", "previous", {"q4": RIGHT["q4"], "q5": "800000", "q6-i2": MATCH})
    assert reply.headers["Location"].endswith("?page=1")
    attempt = load(app, url)
    assert [r.answer for r in attempt.responses][:5] == ["b", ["a", "b"], False, "Article 5", "800000"]
    assert attempt.submitted_at is None

    # Back on page 1 the saved answers are filled in; Save keeps the student on the page.
    assert '<input checked id="q1-1" name="q1" type="radio" value="b">' in client.get(url + "?page=1").text
    reply = press(client, url + "?page=3", "save", {"q8": "Unnamed"})
    assert reply.headers["Location"].endswith("?page=3")
    assert "Your answers were saved at" in client.get(reply.headers["Location"]).text

    # Finishing from the last page saves it and opens the summary; submitting there scores every page.
    reply = press(client, url + "?page=3", None, {"q8": "Unnamed sources."})
    assert reply.headers["Location"].endswith("/summary") and load(app, url).submitted_at is None
    assert finish(client, url).headers["Location"].endswith("/review")
    attempt = load(app, url)
    assert attempt.points == 5.5 and attempt.submitted_by == "student"  # 5 right + half the matching
    assert attempt.responses[7].answer == "Unnamed sources."


def test_a_page_with_an_invalid_answer_saves_nothing_and_says_why(app, client, mini_bank):
    configure(app, questions_per_page=5)
    url = start(client)
    before = snapshot(app)
    reply = press(client, url, "next", {"q1": "b", "q5": "lots"})
    assert reply.status_code == 200 and "Enter a number using digits" in reply.text
    assert snapshot(app) == before


def test_saving_refuses_tampering_other_students_and_submitted_attempts(app, client, mini_bank):
    url = start(client)
    before = snapshot(app)
    assert save(client, url, {"q1": "z"}).status_code == 400
    assert client.post(f"/attempts/{attempt_id(url)}/save", data={"q1": "b"}).status_code == 400  # no CSRF token
    intruder = app.test_client()
    token = csrf_token(intruder.get("/quizzes/mini/full").text)
    assert intruder.post(f"/attempts/{attempt_id(url)}/save", data={"q1": "b", "csrf_token": token}).status_code == 404
    assert snapshot(app) == before

    submit(client, url, RIGHT)
    before = snapshot(app)
    reply = save(client, url, {"q1": "a"}, token_from="/quizzes/mini/full")
    assert reply.status_code == 409 and reply.json["review"].endswith("/review")
    assert snapshot(app) == before


def test_starting_again_resumes_the_unfinished_attempt(app, client, mini_bank):
    url = start(client)
    save(client, url, {"q1": "b"})
    token = csrf_token(client.get(url).text)
    reply = client.post("/quizzes/mini/full", data={"display_name": "Ana", "csrf_token": token})
    assert reply.headers["Location"] == url
    page = client.get("/quizzes/mini/full").text
    assert "in progress" in page and f'href="{url}"' in page
    with app.app_context():
        assert len(db.session.scalars(select(Attempt)).all()) == 1


def test_a_timed_attempt_whose_deadline_passes_is_submitted_by_the_server_with_the_saved_answers(
        app, client, mini_bank, monkeypatch):
    configure(app, time_limit_minutes=5)
    url = start(client)
    page = client.get(url).text
    assert re.search(r"Time left: <span class=\"timer-value\">(4 min 59|5 min 00) s", page)
    assert "countdown.js" in page
    save(client, url, {"q1": "b", "q3": "false"})
    assert load(app, url).deadline is not None

    move_clock(monkeypatch, timedelta(minutes=6))
    before = snapshot(app)
    reply = client.get(url)
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/review")
    review = client.get(reply.headers["Location"]).text
    assert "Time ran out" in review and "2 / 8 points" in review  # as the deadline submits it…
    assert snapshot(app) == before  # …by reading: the pages wrote nothing

    result = app.test_cli_runner().invoke(args=["attempts", "close-overdue"])  # as the server's sweeper does
    assert "1 overdue attempt(s) submitted" in result.output
    attempt = load(app, url)
    assert attempt.submitted_by == "deadline" and attempt.submitted_at == attempt.deadline
    assert attempt.points == 2 and [r.fraction for r in attempt.responses][:3] == [1, 0, 1]
    assert client.get(reply.headers["Location"]).text.count("2 / 8 points") == review.count("2 / 8 points")

    # Answers sent after the deadline change nothing.
    before = snapshot(app)
    token = csrf_token(client.get("/quizzes/mini/full").text)
    assert client.post(url, data={**RIGHT, "csrf_token": token}).status_code == 409
    assert save(client, url, RIGHT, token_from="/quizzes/mini/full").status_code == 409
    assert snapshot(app) == before


def test_answers_posted_after_the_deadline_are_not_accepted(app, client, mini_bank, monkeypatch):
    configure(app, time_limit_minutes=5)
    url = start(client)
    save(client, url, {"q1": "a"})
    token = csrf_token(client.get(url).text)
    move_clock(monkeypatch, timedelta(minutes=5) + GRACE + timedelta(seconds=5))
    reply = client.post(url, data={**RIGHT, "csrf_token": token})
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/review")
    attempt = load(app, url)
    assert attempt.submitted_by == "deadline" and attempt.points == 0
    assert attempt.responses[0].answer == "a" and attempt.responses[3].answer is None


def test_a_submission_within_the_grace_period_counts(app, client, mini_bank, monkeypatch):
    configure(app, time_limit_minutes=5)
    url = start(client)
    token = csrf_token(client.get(url).text)
    move_clock(monkeypatch, timedelta(minutes=5, seconds=10))
    # What countdown.js sends at zero: the page's answers with action=finish, submitted with no summary.
    reply = client.post(url, data={**RIGHT, "action": "finish", "csrf_token": token})
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/review")
    attempt = load(app, url)
    assert attempt.submitted_by == "student" and attempt.points == 5


def test_overdue_attempts_are_closed_by_the_command_and_by_the_next_write(app, mini_bank, monkeypatch):
    configure(app, time_limit_minutes=5)
    late, early, untimed = app.test_client(), app.test_client(), app.test_client()
    late_url = start(late)
    save(late, late_url, {"q1": "b"})
    move_clock(monkeypatch, timedelta(minutes=3))
    early_url = start(early)
    configure(app, time_limit_minutes=None)
    untimed_url = start(untimed)

    move_clock(monkeypatch, timedelta(minutes=6))
    result = app.test_cli_runner().invoke(args=["attempts", "close-overdue"])
    assert result.exit_code == 0 and "1 overdue attempt(s) submitted" in result.output
    assert load(app, late_url).points == 1 and load(app, late_url).submitted_by == "deadline"
    assert load(app, early_url).submitted_at is None and load(app, untimed_url).submitted_at is None

    move_clock(monkeypatch, timedelta(minutes=9))
    listing = early.get("/attempts").text
    assert "In progress" not in listing and "time ran out" in listing  # shown as closed…
    assert load(app, early_url).submitted_at is None  # …but only the next write closes it
    assert save(early, early_url, {"q1": "b"}, token_from="/quizzes/mini/full").status_code == 409
    assert load(app, early_url).submitted_by == "deadline" and load(app, early_url).points == 0
