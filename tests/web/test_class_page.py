"""The class page, results first: the join code in a line, then one card per assigned quiz with its
state, its settings for this class, how many submitted, the mean, median and spread of the grades,
essays waiting, and links (the gradebook one click away). And the gradebook's live counts."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, select

from lectern.extensions import db
from lectern.models import Assignment
from tests.web.attempt_steps import save
from tests.web.class_steps import assign
from tests.web.helpers import RIGHT
from tests.web.results_steps import WITH_ESSAY, begin, join, make_class, take

pytestmark = pytest.mark.usefixtures("mini_bank")


def _card(html: str, assignment_id: int) -> str:
    return re.search(rf'<article[^>]*id="assignment-{assignment_id}".*?</article>', html, re.DOTALL)[0]


def _words(html: str) -> str:
    """The text as a reader sees it: tags removed, spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _set(app, assignment_id: int, **values) -> None:
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        for name, value in values.items():
            setattr(assignment, name, value)
        db.session.commit()


@pytest.fixture
def lesson(app, teacher):
    """7B with five students: Ana 62.5%, Bo 0%, Eve 62.5% with an essay waiting, Cy in progress, Di not started."""
    setup = make_class(app, teacher)
    for name in ("Ana", "Bo", "Cy", "Di", "Eve"):
        join(app, setup, name)
    take(setup, "Ana", RIGHT)
    take(setup, "Bo", {})
    take(setup, "Eve", WITH_ESSAY)
    cy = begin(setup, "Cy")
    save(setup.browsers["Cy"], f"/attempts/{cy}", {"q1": "b", "q3": "false"})
    return setup


def test_each_quiz_card_shows_who_submitted_and_how_the_class_did(teacher_client, lesson):
    page = teacher_client.get(f"/teacher/classes/{lesson.classroom_id}")
    assert page.status_code == 200
    card = _card(page.text, lesson.assignment_id)
    words = _words(card)
    assert "Full comprehension check Open" in words
    assert "3 of 5 submitted" in words and "1 in progress" in words
    assert "mean 42%" in words and "median 63%" in words  # (62.5 + 0 + 62.5) / 3; the middle one, half up
    assert "1 essay waiting" in words
    assert f'href="/teacher/classes/{lesson.classroom_id}/grading"' in card
    bands = re.search(r'<svg class="spark-bars"[^>]*aria-label="([^"]+)"', card)[1]
    assert "0–10%: 1" in bands and "60–70%: 2" in bands and "90–100%: 0" in bands


def test_the_card_links_to_the_gradebook_monitor_analysis_and_holds_no_forms(teacher_client, lesson):
    html = teacher_client.get(f"/teacher/classes/{lesson.classroom_id}").text
    card = _card(html, lesson.assignment_id)
    base = f"/teacher/classes/{lesson.classroom_id}/assignments/{lesson.assignment_id}"
    for suffix in ("gradebook", "monitor", "analysis"):
        assert f'href="{base}/{suffix}"' in card
    assert "<form" not in card
    assert html.index("Join code") < html.index(f'href="{base}/gradebook"')  # the code first, then results
    assert f'href="/teacher/classes/{lesson.classroom_id}/roster"' in html
    assert "Roster: 5 students" in _words(html)


def test_the_card_says_the_settings_of_this_class(app, teacher_client, lesson):
    _set(app, lesson.assignment_id, time_limit_minutes=20, attempts_allowed=None, grading_method="last",
         review_correctness="immediately", review_right_answers="after_close", review_explanations="after_close",
         practice_allowed=True)
    words = _words(_card(teacher_client.get(f"/teacher/classes/{lesson.classroom_id}").text, lesson.assignment_id))
    assert "20 min · unlimited attempts · grade: last attempt · practice allowed" in words
    assert ("Review: the score: immediately after submitting; "
            "the right answers and the explanations: after the quiz closes.") in words


@pytest.mark.parametrize("method, mean", [("first", "63%"), ("last", "0%"), ("highest", "63%"), ("average", "31%")])
def test_the_figures_use_the_grading_method_of_this_class(app, teacher, teacher_client, method, mean):
    setup = make_class(app, teacher)
    join(app, setup, "Ana")
    _set(app, setup.assignment_id, attempts_allowed=None, grading_method=method)
    take(setup, "Ana", RIGHT)
    take(setup, "Ana", {})
    words = _words(_card(teacher_client.get(f"/teacher/classes/{setup.classroom_id}").text, setup.assignment_id))
    assert "1 of 1 submitted" in words and f"mean {mean}" in words


def test_a_quiz_nobody_took_shows_no_figures_and_no_essays_line(app, teacher, teacher_client):
    setup = make_class(app, teacher)
    join(app, setup, "Ana")
    words = _words(_card(teacher_client.get(f"/teacher/classes/{setup.classroom_id}").text, setup.assignment_id))
    assert "0 of 1 submitted" in words and "mean –" in words and "median –" in words
    assert "essay" not in words and "spark-bars" not in words


def test_the_class_page_costs_the_same_queries_for_one_quiz_or_two(app, teacher, teacher_client, lesson):
    other = make_class(app, teacher, "8C")
    join(app, other, "Zoe")
    take(other, "Zoe", RIGHT)
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(*args, **kwargs):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        teacher_client.get(f"/teacher/classes/{other.classroom_id}")
        one = len(statements)
        with app.app_context():  # a second quiz for 8C, with Zoe's attempt at it
            quick = Assignment(classroom_id=other.classroom_id,
                               quiz_id=db.session.scalar(select(Assignment.quiz_id)) + 1)
            db.session.add(quick)
            db.session.commit()
        statements.clear()
        teacher_client.get(f"/teacher/classes/{other.classroom_id}")
        two = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert two == one, (one, two)


def test_the_gradebook_counts_students_live_and_shows_how_far_one_in_progress_is(teacher_client, lesson):
    html = teacher_client.get(lesson.gradebook_url()).text
    assert "Submitted 3 · In progress 1 · Not started 1" in _words(html)
    cy = re.search(r'<th scope="row">Cy</th>(.*?)</tr>', html, re.DOTALL)[1]
    assert "in progress (answered 2 of 8)" in _words(cy)


def test_no_essays_waiting_means_no_essays_link(app, teacher_client, klass):
    assign(app, klass[0], "quick")
    page = teacher_client.get(f"/teacher/classes/{klass[0]}").text
    assert "Quick check" in page and "Essays to grade" not in page and "essays waiting" not in page
