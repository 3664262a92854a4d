"""The teacher's dashboard (recent results, each class in a line) and the teacher's own navigation."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from lectern.extensions import db
from lectern.models import Assignment, Attempt, utcnow
from tests.web.helpers import RIGHT
from tests.web.results_steps import WITH_ESSAY, begin, join, make_class, take
from tests.web.teachers import make_teacher, sign_in

pytestmark = pytest.mark.usefixtures("mini_bank")


def _words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _section(html: str, section_id: str) -> str:
    return re.search(rf'<section id="{section_id}".*?</section>', html, re.DOTALL)[0]


def test_recent_results_list_the_latest_attempts_in_my_classes_only(app, teacher, teacher_client):
    mine = make_class(app, teacher, "7B")
    join(app, mine, "Ana")
    join(app, mine, "Bo")
    take(mine, "Ana", RIGHT)
    take(mine, "Bo", {})
    theirs = make_class(app, make_teacher(app, "other@school.org"), "Drama")
    join(app, theirs, "Zoe")
    take(theirs, "Zoe", RIGHT)
    recent = _section(teacher_client.get("/teacher/").text, "recent")
    rows = [_words(r) for r in re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", recent, re.DOTALL)]
    assert [r.split(" Full")[0] for r in rows] == ["Bo", "Ana"]  # newest first
    assert rows[1].startswith("Ana Full comprehension check 7B 63%")  # 62.5, half up
    assert "Zoe" not in recent and "Drama" not in recent


def test_recent_results_stop_at_ten(app, teacher, teacher_client):
    setup = make_class(app, teacher)
    join(app, setup, "Ana")
    with app.app_context():
        db.session.execute(db.update(Assignment).values(attempts_allowed=None))
        db.session.commit()
    for _ in range(11):
        take(setup, "Ana", RIGHT)
    recent = _section(teacher_client.get("/teacher/").text, "recent")
    assert len(re.findall(r'<th scope="row">Ana</th>', recent)) == 10


def test_each_class_in_a_line_with_what_needs_doing(app, teacher, teacher_client):
    setup = make_class(app, teacher, "7B")
    make_class(app, teacher, "8C", quiz="quick", opens_at=utcnow() + timedelta(days=1))
    for name in ("Ana", "Bo", "Cy"):
        join(app, setup, name)
    take(setup, "Ana", WITH_ESSAY)
    take(setup, "Bo", RIGHT)
    begin(setup, "Cy")
    with app.app_context():  # Bo's was last week: not "this week"
        bo = db.session.scalar(db.select(Attempt).where(Attempt.display_name == "Bo"))
        bo.submitted_at = utcnow() - timedelta(days=8)
        db.session.commit()
    classes = _section(teacher_client.get("/teacher/").text, "classes")
    lines = {re.search(r">([^<]+)</a>", r)[1]: _words(r)
             for r in re.findall(r'<tr>\s*<th scope="row">.*?</tr>', classes, re.DOTALL)}
    # students, quizzes open now, submitted this week, essays waiting
    assert lines["7B"].endswith("3 students in 7B 1 1 1 essays to grade in 7B")
    assert lines["8C"].endswith("0 students in 8C 0 0 0")
    assert f'href="/teacher/classes/{setup.classroom_id}/grading"' in classes


def test_a_teacher_sees_their_own_navigation_not_the_students(teacher_client, client):
    nav = re.search(r'<nav aria-label="Main">.*?</nav>', teacher_client.get("/teacher/").text, re.DOTALL)[0]
    assert "Dashboard" in nav and 'href="/teacher/#banks"' in nav and "Sign out" in nav
    assert "My attempts" not in nav and "Review today" not in nav
    student_nav = re.search(r'<nav aria-label="Main">.*?</nav>', client.get("/").text, re.DOTALL)[0]
    assert "My attempts" in student_nav and "Dashboard" not in student_nav


def test_only_an_admin_sees_the_teachers_link(app, teacher_client):
    def nav(client) -> str:
        return re.search(r'<nav aria-label="Main">.*?</nav>', client.get("/teacher/").text, re.DOTALL)[0]

    assert 'href="/teacher/teachers"' in nav(teacher_client)  # the fixture's teacher is an admin
    make_teacher(app, "colleague@school.org")
    colleague = app.test_client()
    assert sign_in(colleague, "colleague@school.org").status_code == 302
    assert 'href="/teacher/teachers"' not in nav(colleague) and "Dashboard" in nav(colleague)
