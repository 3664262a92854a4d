"""The student journey through the test client: home, article, attempt, review, past attempts."""

from __future__ import annotations

import re

from sqlalchemy import select

from lectern.core.questions.base import stable_id
from lectern.extensions import db
from lectern.models import Attempt
from tests.web.helpers import RIGHT, start, submit


def test_home_lists_banks_and_their_quizzes(client, mini_bank):
    page = client.get("/")
    assert page.status_code == 200
    assert "U.S., EU, and Ukraine Finalize Landmark Security Agreements in Berlin" in page.text
    assert 'href="/quizzes/mini/full"' in page.text and "Quick check" in page.text


def test_article_has_numbered_anchored_paragraphs(client, mini_bank):
    page = client.get("/articles/mini")
    assert page.status_code == 200
    for n in (1, 10, 20):
        assert f'id="p{n}"' in page.text and f'href="#p{n}"' in page.text
    assert 'id="p21"' not in page.text
    assert "<mark>" not in page.text


def test_article_highlights_the_evidence_quote(client, mini_bank):
    page = client.get("/articles/mini", query_string={"p": 10, "q": "approximately 800,000 personnel"})
    assert "<mark>approximately 800,000 personnel</mark>" in page.text
    assert 'id="p10" value="10" class="highlighted"' in page.text


def test_a_quote_not_in_the_paragraph_is_not_highlighted(client, mini_bank):
    page = client.get("/articles/mini", query_string={"p": 1, "q": "<script>alert(1)</script>"})
    assert page.status_code == 200
    assert "<mark>" not in page.text and "<script>alert" not in page.text


def test_article_marks_key_terms_and_shows_reading_figures(client, mini_bank):
    page = client.get("/articles/mini")
    assert re.search(r"<dfn tabindex=\"0\" aria-describedby=\"def-4-\d+\">Article 5</dfn>", page.text)
    assert "attack on one member is an attack on all" in page.text
    assert re.search(r"\d+ words", page.text) and "min" in page.text and "US grade" in page.text


def test_full_journey_scores_and_reviews(app, client, mini_bank):
    url = start(client, name="Ana Lima")
    page = client.get(url)
    assert page.status_code == 200
    assert page.text.count("<fieldset") == 8 and page.text.count("<legend") == 8
    reply = submit(client, url, {**RIGHT, "q6-i1": stable_id("reconnaissance and surveillance")})
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/review")

    review = client.get(reply.headers["Location"])
    assert review.status_code == 200
    # 5 right, matching 0 of 2, ordering unanswered, essay unanswered: 5 of 8.
    assert "5 / 8 points" in review.text and "(63%)" in review.text
    assert review.text.count("Not answered") >= 2
    assert "Yes, paragraph 1 says the meeting was held in Berlin." in review.text  # chosen option's feedback
    assert "The first sentence names the city." in review.text  # explanation
    assert re.search(r'href="/articles/mini\?p=10&amp;q=approximately\+800(,|%2C)000\+personnel&amp;attempt=\d+'
                     r'&amp;question=5#p10"', review.text)
    assert "They rest on unnamed sources" in review.text  # the essay's model answer
    with app.app_context():
        attempt = db.session.scalar(select(Attempt))
        assert attempt.points == 5 and attempt.max_points == 8 and attempt.submitted_at is not None
        assert [r.fraction for r in attempt.responses] == [1, 1, 1, 1, 1, 0, 0, 0]
        assert attempt.responses[5].answer == {"i1": stable_id("reconnaissance and surveillance")}
        assert attempt.responses[6].answer is None


def test_wrong_answers_show_the_right_answer_and_the_feedback_for_the_choice(client, mini_bank):
    url = start(client)
    reply = submit(client, url, {"q1": "a", "q3": "true", "q5": "700000"})
    review = client.get(reply.headers["Location"]).text
    assert "0 / 8 points" in review
    assert "Kyiv is Ukraine's capital" in review.replace("&#39;", "'")
    assert "Paragraph 13 says the opposite." in review
    assert re.search(r"Right answer</dt>\s*<dd>Berlin</dd>", review)
    assert re.search(r"Right answer</dt>\s*<dd>800,000</dd>", review)


def test_past_attempts_reopen_from_the_same_browser_only(app, mini_bank):
    mine, other = app.test_client(), app.test_client()
    url = start(mine)
    submit(mine, url, RIGHT)
    listing = mine.get("/attempts").text
    assert "Full comprehension check" in listing and "5 / 8" in listing
    assert mine.get(url + "/review").status_code == 200
    assert "You have not taken a quiz" in other.get("/attempts").text
    assert other.get(url + "/review").status_code == 404
    assert other.get(url).status_code == 404


def test_start_form_keeps_what_was_typed_and_says_what_is_wrong(client, mini_bank):
    from tests.conftest import csrf_token

    page = client.get("/quizzes/mini/full")
    reply = client.post("/quizzes/mini/full", data={"display_name": "x" * 61, "csrf_token": csrf_token(page.text)})
    assert reply.status_code == 200
    assert "Keep your name under 60 characters." in reply.text
    assert 'value="' + "x" * 61 + '"' in reply.text
    reply = client.post("/quizzes/mini/full", data={"display_name": "   ", "csrf_token": csrf_token(page.text)})
    assert "Enter your name" in reply.text


def test_bad_numeric_answer_is_shown_next_to_the_field_and_kept(app, client, mini_bank):
    url = start(client)
    reply = submit(client, url, {"q5": "about eight hundred thousand", "q4": "Berlin"})
    assert reply.status_code == 200
    assert "Enter a number using digits" in reply.text
    assert 'value="about eight hundred thousand"' in reply.text and 'value="Berlin"' in reply.text
    with app.app_context():
        assert db.session.scalar(select(Attempt.submitted_at)) is None


def test_quick_check_draws_one_question_per_skill(client, mini_bank):
    page = client.get(start(client, quiz="quick"))
    assert page.text.count("<fieldset") == 4


def test_submitted_attempt_redirects_to_its_review(client, mini_bank):
    url = start(client)
    submit(client, url, RIGHT)
    assert client.get(url).headers["Location"].endswith("/review")


def test_review_opens_with_every_question_at_a_glance(client, mini_bank):
    url = start(client)
    submit(client, url, {"q1": "b", "q3": "true"})
    review = client.get(url + "/review").text
    links = re.findall(r'<a href="#question-(\d+)" class="map-(\w+)">', review)
    assert [int(n) for n, _ in links] == list(range(1, 9))
    assert dict(links)["1"] == "correct" and dict(links)["3"] == "incorrect" and dict(links)["2"] == "unanswered"
