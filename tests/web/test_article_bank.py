"""The article bank as students meet it: key terms, reading figures, quizzes drawn per attempt."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from lectern.core.banks import read_bank
from lectern.extensions import db
from lectern.models import Attempt
from lectern.services.bank_loading import load_bank
from lectern.services.question_versions import definition_of
from tests.conftest import REPO
from tests.web.helpers import start, submit

SLUG = "berlin-security-agreements"


@pytest.fixture
def berlin(app):
    with app.app_context():
        load_bank(read_bank(REPO / "quizzes" / SLUG))
        db.session.commit()


def _drawn(app, url):
    attempt_id = int(url.rstrip("/").split("/")[-1])
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        return [definition_of(r.question_version) for r in attempt.responses]


def test_quick_check_twice_gives_two_different_selections_each_meeting_its_rule(app, client, berlin):
    drawn = []
    for _ in range(2):  # the first is submitted, or starting again would resume it
        url = start(client, SLUG, "quick")
        drawn.append(_drawn(app, url))
        submit(client, url, {})
    first, second = drawn
    for drawn in (first, second):
        assert len(drawn) == 10 and len({q.id for q in drawn}) == 10
        assert {q.skill for q in drawn} == {"locate", "understand", "evaluate"}
        assert all(q.type != "essay" for q in drawn)
    assert {q.id for q in first} != {q.id for q in second}


def test_article_page_shows_key_terms_with_definitions_and_reading_figures(client, berlin):
    page = client.get(f"/articles/{SLUG}").text
    terms = re.findall(r'<dfn tabindex="0" aria-describedby="(def-\d+-\d+)">([^<]+)</dfn>', page)
    assert len(terms) >= 8
    for def_id, _ in terms:
        assert re.search(rf'<span class="term-def" role="tooltip" id="{def_id}">[^<]+</span>', page)
    assert re.search(r"5\d\d words, 20 paragraphs", page)
    assert "about 3 min" in page and re.search(r"US grade \d+\.\d", page)


def test_essays_appear_in_review_with_their_model_answer(app, client, berlin):
    url = start(client, SLUG, "critical")
    essays = [q for q in _drawn(app, url) if q.type == "essay"]
    assert len(essays) >= 4
    submit(client, url, {})
    review = client.get(url + "/review").text.replace("&#39;", "'").replace("&#34;", '"').replace("&quot;", '"')
    assert review.count("A model answer") == len(essays)
    for q in essays:
        assert q.model_answer in review
    with app.app_context():
        assert db.session.scalar(select(Attempt.needs_grading)) is False  # nothing was written
