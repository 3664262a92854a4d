"""The attempt page and the review render each question once per process and reuse it for every
student it looks the same for (lectern/question_fragments.py). Reuse must never show one student
what another gave: these pages are read after another student's made the same question cached."""

from __future__ import annotations

import re

from tests.conftest import csrf_token
from tests.web.attempt_steps import attempt_id, save
from tests.web.helpers import RIGHT, start, submit

WRONG = {"q1": "a", "q3": "true", "q4": "Article 4"}


def checked(page: str, name: str) -> list[str]:
    return re.findall(rf'<input checked id="[^"]+" name="{name}" type="(?:radio|checkbox)" value="([^"]+)">', page)


def test_each_student_sees_their_own_saved_answers_and_flags(app, mini_bank):
    ana, ben = app.test_client(), app.test_client()
    ana_url, ben_url = start(ana, name="Ana"), start(ben, name="Ben")
    blank = ana.get(ana_url).text
    assert checked(blank, "q1") == [] and 'value="Article 5"' not in blank

    save(ana, ana_url, {**RIGHT, "flag2": "y"})
    save(ben, ben_url, WRONG)
    ana_page, ben_page = ana.get(ana_url).text, ben.get(ben_url).text
    assert checked(ana_page, "q1") == ["b"] and checked(ben_page, "q1") == ["a"]
    assert 'value="Article 5"' in ana_page and 'value="Article 4"' in ben_page
    assert 'value="Article 5"' not in ben_page
    assert '<input checked id="flag2"' in ana_page and '<input checked id="flag2"' not in ben_page
    # Ben clearing his answer shows it blank again, though his earlier page was cached.
    save(ben, ben_url, {"q1": ""})
    assert checked(ben.get(ben_url).text, "q1") == []


def test_a_page_sent_back_with_messages_shows_what_was_sent_not_a_cached_page(app, mini_bank):
    client = app.test_client()
    url = start(client)
    client.get(url)  # the blank page is cached now
    token = csrf_token(client.get(url).text)
    reply = client.post(url, data={"q1": "b", "q5": "lots", "csrf_token": token, "action": "save"})
    assert reply.status_code == 200
    assert 'value="lots"' in reply.text and checked(reply.text, "q1") == ["b"]
    assert "Enter a number" in reply.text


def test_each_review_shows_the_students_own_answers_and_links_back_to_their_own_attempt(app, mini_bank):
    reviews = {}
    for name, answers in (("Ana", RIGHT), ("Ben", RIGHT), ("Cy", WRONG)):
        client = app.test_client()
        url = start(client, name=name)
        submit(client, url, answers)
        reviews[name] = (attempt_id(url), client.get(f"{url}/review").text)

    for name, (own, page) in reviews.items():
        linked = set(re.findall(r"attempt=(\d+)&amp;question=", page))
        assert linked == {str(own)}, name
        assert "\x00" not in page
    ana, ben, cy = (reviews[n][1] for n in ("Ana", "Ben", "Cy"))
    assert "Article 5" in ana and "Article 4" not in ana
    assert "Article 4" in cy
    assert ana.count("badge-correct") == ben.count("badge-correct") > cy.count("badge-correct")
