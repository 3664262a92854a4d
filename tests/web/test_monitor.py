"""The monitor of an assigned quiz: every student on the roster with where they are, those in
progress first; answers counted as saved, never marked; time left; and a page that only reads."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from lectern.extensions import db
from lectern.models import Attempt, utcnow
from tests.web.attempt_steps import save
from tests.web.class_steps import rows
from tests.web.helpers import RIGHT
from tests.web.results_steps import begin, join, make_class, take

pytestmark = pytest.mark.usefixtures("mini_bank")


def _words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _rows(html: str) -> list[str]:
    """The table's rows as words, in page order."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.DOTALL)[1]
    return [_words(r) for r in re.findall(r"<tr.*?</tr>", body, re.DOTALL)]


@pytest.fixture
def sitting(app, teacher):
    """Ana submitted 62.5%; Zed is working, 2 answers saved, 10 minutes left; Bo ran out of time; Cy has not started."""
    setup = make_class(app, teacher)
    for name in ("Ana", "Bo", "Cy", "Zed"):
        join(app, setup, name)
    take(setup, "Ana", RIGHT)
    take(setup, "Bo", {})
    zed = begin(setup, "Zed")
    save(setup.browsers["Zed"], f"/attempts/{zed}", {"q1": "a", "q2": ["a", "b"]})
    with app.app_context():
        bo = db.session.scalar(db.select(Attempt).where(Attempt.display_name == "Bo"))
        bo.submitted_by = "deadline"
        db.session.get(Attempt, zed).deadline = utcnow() + timedelta(minutes=10, seconds=30)
        db.session.commit()
    return setup


def test_every_student_with_where_they_are_in_progress_first(teacher_client, sitting):
    page = teacher_client.get(sitting.gradebook_url("monitor"))
    assert page.status_code == 200
    table = _rows(page.text)
    assert table[0].startswith("Zed In progress 2 of 8 10 min")
    assert table[1].startswith("Cy Not started –")
    assert table[2].startswith("Ana Submitted –") and table[2].endswith("63% : Ana's attempt")
    assert table[3].startswith("Bo Submitted by the deadline –") and table[3].endswith("0% : Bo's attempt")
    words = _words(page.text)
    assert "In progress 1 · Not started 1 · Submitted 1 · Submitted by the deadline 1" in words
    assert re.search(r"Updated at \d\d:\d\d:\d\d UTC", words)


def test_answers_in_progress_are_counted_never_marked(teacher_client, sitting):
    html = teacher_client.get(sitting.gradebook_url("monitor")).text
    zed = re.search(r'<th scope="row">Zed</th>(.*?)</tr>', html, re.DOTALL)[1]
    assert "2 of 8" in zed
    assert "correct" not in zed.lower() and "%" not in zed and "badge" not in zed  # no mark, no score


def test_it_refreshes_itself_and_says_how_without_script(teacher_client, sitting):
    html = teacher_client.get(sitting.gradebook_url("monitor")).text
    assert f'href="{sitting.gradebook_url("monitor")}" id="monitor-refresh">Refresh<' in html
    assert '<script src="/static/monitor.js"' in html and 'id="monitor-live"' in html
    with teacher_client.get("/static/monitor.js") as reply:
        script = reply.text
    assert "15000" in script and "monitor-live" in script


def test_an_overdue_attempt_shows_time_up_and_the_page_writes_nothing(app, teacher_client, sitting):
    with app.app_context():
        zed = db.session.scalar(db.select(Attempt).where(Attempt.display_name == "Zed"))
        zed.deadline = utcnow() - timedelta(minutes=1)
        db.session.commit()
    before = rows(app)
    html = teacher_client.get(sitting.gradebook_url("monitor")).text
    assert _rows(html)[0].startswith("Zed In progress 2 of 8 time up")
    assert rows(app) == before


def test_the_class_card_and_gradebook_link_to_the_monitor(teacher_client, sitting):
    url = sitting.gradebook_url("monitor")
    assert f'href="{url}"' in teacher_client.get(f"/teacher/classes/{sitting.classroom_id}").text
    assert f'href="{url}"' in teacher_client.get(sitting.gradebook_url()).text
