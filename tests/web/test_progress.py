"""A student's own progress page: scores over time and results by skill, never anyone else's."""

from __future__ import annotations

import re
from datetime import timedelta

from lectern.models import utcnow
from tests.web.attempt_steps import configure
from tests.web.helpers import RIGHT, start, submit


def _skills(html: str) -> dict[str, str]:
    table = html.split('<table class="skills">')[1].split("</table>")[0]
    return {m[0].split(":")[0]: m[1] for m in re.findall(r'<th scope="row">([^<]+)</th>\s*<td>[^<]*</td>\s*<td>(\d+%)',
                                                          table.replace("&#39;", "'"))}


def test_a_browser_with_no_attempts_gets_an_empty_page(client, mini_bank):
    page = client.get("/progress")
    assert page.status_code == 200 and "You have not submitted a quiz in this browser yet" in page.text


def test_the_progress_page_is_linked_from_my_attempts(client, mini_bank):
    assert 'href="/progress"' in client.get("/attempts").text


def test_a_student_sees_their_scores_over_time_and_by_skill(client, mini_bank):
    submit(client, start(client), RIGHT)  # 5 of 8
    submit(client, start(client), {})  # 0 of 8
    html = client.get("/progress").text
    rows = re.findall(r"<tr>\s*<td>[^<]+</td>\s*<td><a [^>]+>([^<]+)</a></td>\s*<td>(\d+)%", html)
    assert rows == [("Full comprehension check", "63"), ("Full comprehension check", "0")]  # 62.5, half up
    chart = re.search(r'<svg[^>]*id="chart-progress"[^>]*>.*?</svg>', html, re.DOTALL)[0]
    assert 'role="img"' in chart and "<title" in chart and "lowest 0%, highest 63%, latest 0%" in chart
    assert chart.count('class="bar"') == 2
    # locate: 3 questions, right the first time; understand: 2 of 3; evaluate: ordering and essay, 0 of 2.
    assert _skills(html) == {"Locate": "50%", "Understand": "33%", "Evaluate": "0%"}
    assert re.search(r'id="chart-skills"', html)


def test_only_this_browser_s_attempts_count(app, client, mini_bank):
    submit(client, start(client, name="Ana"), RIGHT)
    other = app.test_client()
    submit(other, start(other, name="Bo"), {})
    submit(other, start(other, quiz="quick", name="Bo"), {})
    mine = client.get("/progress").text
    assert mine.count("<td><a href=\"/attempts/") == 1 and "Quick check" not in mine and "63%" in mine
    theirs = other.get("/progress").text
    assert theirs.count("<td><a href=\"/attempts/") == 2 and "63%" not in theirs


def test_an_essay_waiting_for_grading_counts_in_no_skill_yet(client, mini_bank):
    submit(client, start(client), {**RIGHT, "q8": "Unnamed sources, so be careful."})
    html = client.get("/progress").text
    assert "so far: your teacher is grading a written answer" in html
    assert _skills(html)["Evaluate"] == "0%" and "(1 written answer not graded yet)" in html


def test_hidden_scores_stay_hidden_here_too(app, client, mini_bank):
    configure(app, review_correctness="after_close", closes_at=utcnow() + timedelta(days=1))
    submit(client, start(client), RIGHT)
    html = client.get("/progress").text
    assert "not shown yet" in html and "63%" not in html
    assert '<table class="skills">' not in html and "chart-progress" not in html
