"""Cloze questions on the web: written in the editor, answered gap by gap, reviewed per gap, imported."""

from __future__ import annotations

import html
import re
from pathlib import Path

from sqlalchemy import select

from lectern.core.questions.base import stable_id
from lectern.extensions import db
from lectern.models import Question, QuestionVersion
from lectern.services.question_versions import definition_of
from tests.conftest import csrf_token
from tests.web.helpers import start, submit
from tests.web.test_question_import import _confirm, _upload
from tests.web.test_teacher_questions import BANK, COMMON, counts, create, publish

FIXTURE = Path(__file__).parents[1] / "fixtures" / "cloze_multianswer.xml"
BROKEN = Path(__file__).parents[1] / "fixtures" / "cloze_broken.xml"
TEXT = ("Where did they meet? In {2:SHORTANSWER:=Berlin#Yes: paragraph 1.~*#No: read paragraph 1.}, "
        "a {1:MULTICHOICE:=pivotal#Right~minor#No} meeting of {1:NUMERICAL:=2:0#Two sides} sides.")


def _cloze(teacher_client, key: str = "where-cloze", text: str = TEXT):
    return create(teacher_client, "cloze", {**COMMON, "prompt": text, "id": key})


def test_a_bad_gap_is_named_next_to_the_text_and_nothing_is_saved(app, teacher_client, mini_bank):
    before = counts(app)
    reply = _cloze(teacher_client, text="In {1:SHORTANSWER:=Berlin} and {1:NUMERICAL:=abc}.")
    page = html.unescape(reply.text)
    assert reply.status_code == 200 and "Not saved" in page
    assert re.search(r'<ul class="errors" id="prompt-errors"><li>Gap 2: NUMERICAL answer \'abc\' is not a number', page)
    assert "In {1:SHORTANSWER:=Berlin} and {1:NUMERICAL:=abc}." in page  # what was typed stays to be fixed
    reply = _cloze(teacher_client, text="In {1:MULTICHOICE:=Berlin}.")
    assert "Gap 1: a MULTICHOICE or MULTIRESPONSE gap needs at least two options" in html.unescape(reply.text)
    reply = _cloze(teacher_client, text="No gaps at all.")
    assert "The text has no gap; write at least one" in html.unescape(reply.text)
    assert counts(app) == before


def test_the_editor_shows_help_and_a_saved_cloze_comes_back_in_the_syntax(app, teacher_client, mini_bank):
    blank = html.unescape(teacher_client.get(f"{BANK}/questions/new?type=cloze").text)
    assert "Text with gaps" in blank and "{1:SHORTANSWER:=Berlin#Right~*#No: paragraph 2 names Berlin}" in blank
    assert _cloze(teacher_client).status_code == 302
    editor = html.unescape(teacher_client.get(f"{BANK}/questions/where-cloze/edit").text)
    assert TEXT in editor
    with app.app_context():
        version = db.session.scalar(select(QuestionVersion).join(Question).where(Question.key == "where-cloze"))
        q = definition_of(version)
        assert q.prompt == "Where did they meet? In {#1}, a {#2} meeting of {#3} sides."
        assert [(g.kind, g.weight) for g in q.gaps] == [("short_answer", 2), ("single_choice", 1), ("numeric", 1)]
    changed = TEXT.replace("=2:0#Two sides", "=2:0#Two sides, as paragraph 1 says")
    page = teacher_client.get(f"{BANK}/questions/where-cloze/edit")
    data = {**COMMON, "prompt": changed, "csrf_token": csrf_token(page.text), "save": "1"}
    assert teacher_client.post(f"{BANK}/questions/where-cloze/edit", data=data).status_code == 302
    with app.app_context():
        versions = db.session.scalars(select(QuestionVersion).join(Question).where(Question.key == "where-cloze")).all()
        assert [v.number for v in versions] == [1, 2]  # saving makes a version, like every type


def test_a_student_answers_gap_by_gap_and_the_review_shows_each_gap(app, client, teacher_client, mini_bank):
    assert _cloze(teacher_client).status_code == 302
    assert publish(teacher_client, "where-cloze").status_code == 302
    url = start(client)
    page = client.get(url).text
    position = re.search(r'name="q(\d+)-g1"', page).group(1)
    gap = f"q{position}-g"
    # Inline in the text, each labelled; nothing marks the right option before submitting.
    assert re.search(r'In <input class="cloze-gap" id="' + gap + r'1"[^>]*aria-label="Gap 1 of 3"', page)
    assert 'aria-label="Gap 2 of 3"' in page and "Yes: paragraph 1." not in page and "selected value=\"x" not in page
    reply = client.post(url, data={f"{gap}2": "not-an-option", "csrf_token": csrf_token(page), "submit": "Finish attempt…"})
    assert reply.status_code == 400  # a tampered option is refused
    reply = submit(client, url, {f"{gap}1": "berlin", f"{gap}2": stable_id("minor")})
    assert reply.status_code == 302
    review = html.unescape(client.get(reply.headers["Location"]).text)
    item = review[review.index("Where did they meet? In [1] ______, a [2] ______ meeting"):]
    table = item[item.index('<table class="cloze-review">'):item.index("</table>")]
    rows = re.findall(r"<tr><th scope=\"row\">(\d)</th>(.*?)</tr>", table, re.DOTALL)
    assert [n for n, _ in rows] == ["1", "2", "3"]
    assert "berlin" in rows[0][1] and "Correct" in rows[0][1] and "Yes: paragraph 1." in rows[0][1]
    assert "minor" in rows[1][1] and "Incorrect" in rows[1][1] and "pivotal" in rows[1][1]
    assert "Not answered" in rows[2][1] and "2" in rows[2][1]
    verdict = item[:item.index("<table")]
    assert "Partly correct" in verdict and "1 / 2 points" in verdict  # 2 of the 4 weights earned, of 2 points


def test_moodle_xml_cloze_imports_with_its_gaps_and_broken_ones_are_named(app, teacher_client, mini_bank):
    refused = _upload(teacher_client, BROKEN.read_bytes(), filename="broken-cloze.xml")
    text = html.unescape(refused.text)
    assert "“Multichoice gap with one choice”" in text and "needs at least two options" in text
    assert "“Numerical gap with a word for its answer”" in text and "NUMERICAL answer 'zero' is not a number" in text
    assert "“Cloze without gaps”" in text and "the text has no gap" in text
    assert "teacher.confirm_import" not in text and "/import/confirm" not in text  # nothing can be confirmed
    preview = _upload(teacher_client, FIXTURE.read_bytes(), filename="cloze.xml")
    assert preview.status_code == 200 and "1 question" in html.unescape(preview.text)
    assert _confirm(teacher_client, preview.text).status_code == 302
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.key == "rivers-and-cities"))
        q = definition_of(question.versions[-1])
        assert q.type == "cloze" and q.points == 7 and len(q.gaps) == 6
        assert q.gaps[3].answers[1].text == "Donau" and q.gaps[3].answers[1].credit == 50
