"""Mastery on the student's progress page, and the class's practice and mastery on the teacher's page."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.web.attempt_steps import configure, move_clock
from tests.web.class_steps import assign, joined
from tests.web.helpers import start, submit
from tests.web.study_steps import RIGHT, WRONG, check, practise


def skill_row(html: str, skill: str) -> str:
    table = html.split("By reading skill</caption>")[1].split("</table>")[0]
    return re.sub(r"\s+", " ", re.search(rf"<th scope=\"row\">{skill}</th>(.*?)</tr>", table, re.DOTALL)[1])


def test_mastery_shows_each_skill_with_the_answers_behind_it(app, client, mini_bank):
    submit(client, start(client), RIGHT)  # q1-q5 right; matching and ordering blank; the essay waits
    page = client.get("/progress").text
    assert "Secure (100%)" in skill_row(page, "Locate") and "3 of 3 right in the last two weeks" in page
    assert "Getting there (67%)" in skill_row(page, "Understand")
    # The ordering and the essay were left blank: both marked 0, two answers, too few for a figure.
    assert "Not enough to judge yet: 2 answers in the last two weeks, 3 needed." in skill_row(page, "Evaluate")
    assert 'href="/practice/mini?focus=skill:understand"' in page  # the weakest skill with a figure
    assert "Paragraph 4" in page and "No answers in the last two weeks on paragraph" in page


def test_practice_moves_the_figure(app, client, mini_bank):
    submit(client, start(client), RIGHT)
    run = practise(client, "/practice/mini", focus="skill:understand")
    check(client, run, WRONG["q3"])
    check(client, run, RIGHT["q3"])  # the first try counts: a miss
    assert "2 of 4 right" in skill_row(client.get("/progress").text, "Understand")


def test_hidden_scores_do_not_count_and_old_answers_fade(app, client, mini_bank, monkeypatch):
    configure(app, "full", review_correctness="never")
    submit(client, start(client), RIGHT)
    page = client.get("/progress").text
    assert "Not enough to judge yet: no answers" in skill_row(page, "Locate")
    configure(app, "full", review_correctness="immediately")
    assert "3 of 3 right" in skill_row(client.get("/progress").text, "Locate")
    move_clock(monkeypatch, timedelta(days=15))
    assert "no answers in the last two weeks" in skill_row(client.get("/progress").text, "Locate")


def test_the_teacher_sees_who_practised_what_they_miss_and_the_class_mastery(app, teacher_client, klass):
    for name in ("Ana", "Ben", "Cleo"):
        student = app.test_client()
        joined(student, klass[1], name)
        run = practise(student, name=name)
        check(student, run, WRONG["q1"])  # everyone misses the city at first
        check(student, run, RIGHT["q1"])
    page = teacher_client.get(f"/teacher/classes/{klass[0]}/study")
    assert page.status_code == 200
    assert "3 of 3 students practised or reviewed in the last two weeks" in page.text
    assert re.search(r'<th scope="row">Ana</th><td>1</td><td>1</td>', page.text)
    missed = page.text.split("Most missed in practice")[1].split("</table>")[0]
    assert "In which city were the agreements finalized?" in missed and "3 of 3 (100%)" in missed
    assert "Assign a quiz to this class" in page.text  # no article set yet: no mastery table


def test_the_class_mastery_table_follows_the_assigned_article(app, client, teacher_client, klass):
    assign(app, klass[0])
    joined(client, klass[1], "Ana")
    submit(client, start(client, name="Ana"), RIGHT)
    page = teacher_client.get(f"/teacher/classes/{klass[0]}/study").text
    table = page.split("Mastery: ")[1]
    assert "The whole class" in table and "Secure" in table and "3 of 3 right" in table
    assert teacher_client.get(f"/teacher/classes/{klass[0]}").text.count(f"/teacher/classes/{klass[0]}/study") == 1
