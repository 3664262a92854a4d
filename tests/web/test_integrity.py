"""Integrity: nothing reveals the right answer early, and tampered requests change nothing.

CSRF protection stays on here, as in production.
"""

from __future__ import annotations

import re
import threading

from lectern.core.banks import read_bank
from tests.conftest import MINI_BANK, csrf_token
from tests.web.helpers import RIGHT, snapshot, start


def test_attempt_page_holds_no_sign_of_the_right_answers(client, mini_bank):
    html = client.get(start(client)).text
    bank = read_bank(MINI_BANK)
    assert not re.search(r"correct", html, re.IGNORECASE)
    for q in bank.questions:
        assert q.explanation not in html
        for option in getattr(q, "options", []):
            if option.feedback:
                assert option.feedback not in html.replace("&#39;", "'")
        assert getattr(q, "model_answer", "§") not in html
        assert (q.__dict__.get("feedback_true") or "§") not in html
    # Options are offered in the bank's order, and the right one carries nothing extra.
    single = bank.question("meeting-city")
    radios = re.findall(r'<input id="q1-\d" name="q1" type="radio" value="(\w)">', html)
    assert radios == [o.id for o in single.options]
    # The ordering question shows its items in an order that is not the answer.
    ordering = bank.question("article-order")
    shown = re.findall(r'<label for="q7-x[0-9a-f]+">([^<]+)</label>', html)
    assert sorted(shown) == sorted(ordering.items) and shown != ordering.items


def _refused(app, client, url, data, expected_status):
    before = snapshot(app)
    reply = client.post(url, data=data)
    assert reply.status_code == expected_status, reply.text
    assert "Traceback" not in reply.text
    assert snapshot(app) == before
    return reply


def test_an_option_id_not_in_the_question_is_refused(app, client, mini_bank):
    url = start(client)
    token = csrf_token(client.get(url).text)
    _refused(app, client, url, {**RIGHT, "q1": "z", "csrf_token": token}, 400)
    _refused(app, client, url, {**RIGHT, "q2": ["a", "nope"], "csrf_token": token}, 400)
    _refused(app, client, url, {**RIGHT, "q6-i1": "x00000000", "csrf_token": token}, 400)
    _refused(app, client, url, {**RIGHT, "q7-" + _first_item(client, url): "9", "csrf_token": token}, 400)
    reply = _refused(app, client, url, {**RIGHT, "q3": "maybe", "csrf_token": token}, 400)
    assert "do not match the questions" in reply.text


def _first_item(client, url) -> str:
    return re.search(r'name="q7-(x[0-9a-f]+)"', client.get(url).text).group(1)


def test_a_missing_or_wrong_csrf_token_is_refused(app, client, mini_bank):
    url = start(client)
    client.get(url)
    reply = _refused(app, client, url, RIGHT, 400)
    assert "Reload the page" in reply.text
    _refused(app, client, url, {**RIGHT, "csrf_token": "forged"}, 400)


def test_another_students_attempt_is_not_found(app, mini_bank):
    owner, intruder = app.test_client(), app.test_client()
    url = start(owner)
    intruder_page = intruder.get("/quizzes/mini/full")
    _refused(app, intruder, url, {**RIGHT, "csrf_token": csrf_token(intruder_page.text)}, 404)
    assert intruder.get(url).status_code == 404


def test_a_resubmission_is_refused_and_changes_nothing(app, client, mini_bank):
    url = start(client)
    token = csrf_token(client.get(url).text)
    assert client.post(url, data={**RIGHT, "action": "finish", "csrf_token": token}).status_code == 302
    reply = _refused(app, client, url, {"q1": "a", "q3": "true", "action": "finish", "csrf_token": token}, 409)
    assert "already submitted" in reply.text


def test_a_double_click_on_submit_records_one_submission(app, client, mini_bank):
    url = start(client)
    token = csrf_token(client.get(url).text)
    cookie = client.get_cookie("session")
    second = app.test_client()
    second.set_cookie(cookie.key, cookie.value)
    statuses: list[int] = []
    barrier = threading.Barrier(2)

    def click(c, answers):
        barrier.wait()
        statuses.append(c.post(url, data={**answers, "action": "finish", "csrf_token": token}).status_code)

    threads = [threading.Thread(target=click, args=(client, RIGHT)),
               threading.Thread(target=click, args=(second, {"q1": "a"}))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [302, 409]
    attempts, responses, _ = snapshot(app)
    assert len(attempts) == 1 and attempts[0][1] is not None
    # The recorded answers are one click's, not a mix of both.
    assert attempts[0][2] in (5.0, 0.0)
    assert (attempts[0][2] == 5.0) == (responses[0][1] == "b" and responses[2][1] is False)


def test_unknown_urls_get_a_friendly_404(client):
    for path in ("/nope", "/articles/missing", "/quizzes/missing/full", "/attempts/999", "/attempts/abc"):
        reply = client.get(path)
        assert reply.status_code == 404
        assert "There is no page at this address" in reply.text and "Traceback" not in reply.text


def test_an_unexpected_error_shows_a_page_not_a_traceback(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    reply = client.get("/boom")
    assert reply.status_code == 500
    assert "secret internals" not in reply.text and "Something went wrong" in reply.text


def test_ids_too_large_for_the_database_are_simply_not_found(client, mini_bank):
    for path in ("/attempts/99999999999999999999", "/attempts/99999999999999999999/review"):
        assert client.get(path).status_code == 404
