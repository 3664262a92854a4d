"""The submit summary and flags: Finish attempt… saves and shows what is answered, blank and flagged
before anything is submitted; only Submit and finish (or the countdown at zero) submits. CSRF stays on."""

from __future__ import annotations

import re
from datetime import timedelta

from lectern.core.questions.base import stable_id
from tests.conftest import csrf_token
from tests.web.attempt_steps import attempt_id, configure, finish, load, move_clock, press, save
from tests.web.helpers import RIGHT, snapshot, start

MATCH = stable_id("reconnaissance and surveillance")


def summary_url(url: str) -> str:
    return f"/attempts/{attempt_id(url)}/summary"


def text_of(html: str) -> str:
    """The page's words, tags removed and whitespace folded, as a reader sees them."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def test_finish_opens_the_summary_and_submits_nothing_until_confirmed(app, client, mini_bank):
    url = start(client)
    reply = press(client, url, None, {"q1": "a", "q3": "true", "q4": "Berlin", "q5": "800,000"}, flag4="y")
    assert reply.status_code == 302 and reply.headers["Location"].endswith(summary_url(url))
    attempt = load(app, url)
    assert attempt.submitted_at is None and attempt.points is None
    assert [r.answer for r in attempt.responses][:5] == ["a", None, True, "Berlin", "800,000"]  # saved

    page = client.get(summary_url(url)).text
    words = text_of(page)
    assert "You answered 4 of 8 questions." in words
    blank = re.search(r"Not answered yet \(4\)(.*?)</ul>", page, re.DOTALL).group(1)
    assert re.findall(r'href="/attempts/\d+\?page=1#question-(\d)"', blank) == ["2", "6", "7", "8"]
    flagged = re.search(r"Flagged to come back to \(1\)(.*?)</ul>", page, re.DOTALL).group(1)
    assert re.findall(r"#question-(\d)", flagged) == ["4"]
    assert f'href="{url}"' in page and "Return to the attempt" in words
    # Nothing about right or wrong before the attempt is submitted.
    for telling in ("Right answer", "correct", "Kyiv", "points"):
        assert telling not in words

    reply = finish(client, url)
    assert reply.headers["Location"].endswith("/review")
    attempt = load(app, url)
    assert attempt.submitted_by == "student" and attempt.points == 1  # only 800,000 is right


def test_a_complete_attempt_still_shows_the_summary_and_says_so(app, client, mini_bank):
    url = start(client)
    items = re.findall(r'name="(q7-x[0-9a-f]+)"', client.get(url).text)
    every = {**RIGHT, "q6-i1": MATCH, "q8": "Unnamed sources.", **dict(zip(items, ["2", "3", "1"]))}
    reply = press(client, url, None, every)
    assert reply.headers["Location"].endswith("/summary")
    words = text_of(client.get(summary_url(url)).text)
    assert "You answered 8 of 8 questions." in words
    assert "Every question has an answer and none is flagged." in words
    assert "Not answered yet" not in words and "Flagged to come back to" not in words
    assert load(app, url).submitted_at is None


def test_flags_are_saved_with_the_answers_and_shown_again(app, client, mini_bank):
    url = start(client)
    page = client.get(url).text
    assert page.count("Flag to come back to") == 8
    assert '<input id="flag3" name="flag3" type="checkbox" value="y">' in page

    press(client, url, "save", {"q1": "b"}, flag3="y", flag7="y")
    assert [r.position for r in load(app, url).responses if r.flagged] == [3, 7]
    page = client.get(url).text
    assert '<input checked id="flag3" name="flag3" type="checkbox" value="y">' in page
    assert "Answered 1 of 8" in text_of(page) and "2 flagged" in text_of(page)

    # Unticking a box clears its flag; the background save stores flags too.
    assert save(client, url, {"q1": "b", "flag7": "y"}).status_code == 200
    assert [r.position for r in load(app, url).responses if r.flagged] == [7]


def test_a_page_clears_only_its_own_flags(app, client, mini_bank):
    configure(app, questions_per_page=3)
    url = start(client)
    press(client, url + "?page=2", "save", {}, flag5="y")
    press(client, url, "next", {"q1": "b"}, flag2="y")  # page 1 does not send page 2's boxes
    assert [r.position for r in load(app, url).responses if r.flagged] == [2, 5]


def test_the_navigation_marks_answered_and_flagged_and_saves_before_moving(app, client, mini_bank):
    configure(app, questions_per_page=3)
    url = start(client)
    press(client, url, "save", {"q1": "b", "q3": "false"}, flag2="y")
    page = client.get(url).text
    assert "Answered 2 of 8" in text_of(page)
    buttons = re.findall(r'<button type="submit" name="goto" value="(\d)"\s+class="([^"]+)"', page)
    assert [int(n) for n, _ in buttons] == list(range(1, 9))
    marks = dict(buttons)
    assert marks["1"] == "qnav qnav-answered" and marks["2"] == "qnav qnav-flagged" and marks["4"] == "qnav"
    assert 'aria-label="Question 2, not answered, flagged">2⚑</button>' in page  # in words, not only colour

    # Question 7 is on page 3: the page's answers are saved, then the student lands on it.
    reply = press(client, url, None, {"q1": "b", "q2": ["a"]}, goto="7")
    assert reply.headers["Location"].endswith("?page=3#question-7")
    assert load(app, url).responses[1].answer == ["a"]
    # A number not in the attempt saves and stays on the page.
    reply = press(client, url + "?page=2", None, {"q4": "Berlin"}, goto="99")
    assert reply.status_code == 302 and reply.headers["Location"].endswith("?page=2")
    assert load(app, url).submitted_at is None


def test_one_page_quizzes_have_no_navigation(client, mini_bank):
    page = client.get(start(client)).text
    assert 'name="goto"' not in page and "Answered 0 of 8" in text_of(page)


def test_a_timed_summary_shows_the_time_left_and_closes_when_it_runs_out(app, client, mini_bank, monkeypatch):
    configure(app, time_limit_minutes=5)
    url = start(client)
    page = client.get(summary_url(url)).text
    assert re.search(r"Time left: <span class=\"timer-value\">(4 min 59|5 min 00) s", page)
    assert "countdown.js" in page and "data-submit-at-zero" in page

    move_clock(monkeypatch, timedelta(minutes=6))
    reply = client.get(summary_url(url))
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/review")
    assert load(app, url).submitted_at is None  # a GET only reads; the sweeper or the next write closes it
    token = csrf_token(client.get("/quizzes/mini/full").text)
    reply = client.post(summary_url(url), data={"csrf_token": token, "submit": "Submit and finish"})
    assert reply.headers["Location"].endswith("/review")
    assert load(app, url).submitted_by == "deadline"


def test_a_submitted_attempts_summary_goes_to_its_review_and_changes_nothing(app, client, mini_bank):
    url = start(client)
    press(client, url, None, RIGHT)
    finish(client, url)
    before = snapshot(app)
    assert client.get(summary_url(url)).headers["Location"].endswith("/review")
    token = csrf_token(client.get("/quizzes/mini/full").text)
    assert client.post(summary_url(url), data={"csrf_token": token}).headers["Location"].endswith("/review")
    assert snapshot(app) == before


def test_the_summary_refuses_other_students_and_a_missing_token(app, client, mini_bank):
    url = start(client)
    before = snapshot(app)
    intruder = app.test_client()
    token = csrf_token(intruder.get("/quizzes/mini/full").text)
    assert intruder.get(summary_url(url)).status_code == 404
    assert intruder.post(summary_url(url), data={"csrf_token": token}).status_code == 404
    assert client.post(summary_url(url), data={}).status_code == 400
    assert intruder.get("/attempts/999999/summary").status_code == 404
    assert snapshot(app) == before
