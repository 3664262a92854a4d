"""Regrading after a key was fixed: the dry run shows whose marks change, the regrade applies them."""

from __future__ import annotations

import copy
import re

import pytest
from sqlalchemy import select

from lectern.core.questions import parse_question
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Attempt,
    MarkChange,
    Question,
    QuestionVersion,
    Response,
    Teacher,
)
from lectern.services.question_editing import revise_question
from tests.web.helpers import snapshot
from tests.web.results_steps import join, make_class
from tests.web.teachers import make_teacher, post_form, sign_in
from tests.web.test_mark_overrides import response_id, take_directly


def fix_key(app, teacher: int, key: str, change) -> int:
    """A teacher edits the question: its next version, with `change` applied to the definition; the new id."""
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.key == key))
        data = copy.deepcopy(question.versions[-1].definition)
        change(data)
        version = revise_question(question, parse_question(data), db.session.get(Teacher, teacher))
        db.session.commit()
        return version.id


def _full_credit_for_the_number(data):
    data["answers"][1]["credit"] = 100


def _rows(app, *attempts):
    with app.app_context():
        return [(db.session.get(Attempt, a).points,
                 db.session.scalar(select(Response.fraction).where(Response.attempt_id == a, Response.position == 4)))
                for a in attempts]


@pytest.fixture
def klass(app, mini_bank, teacher, teacher_client):
    """Ana and Cy wrote "5" (half marks), Bo "Article 5"; the teacher set Cy's mark to 0 by hand."""
    setup = make_class(app, teacher)
    with app.app_context():
        snapshot_ids = list(db.session.scalars(select(QuestionVersion.id).join(Question).order_by(Question.position)))
        db.session.get(Assignment, setup.assignment_id).question_version_ids = snapshot_ids
        db.session.commit()
    setup.snapshot = snapshot_ids
    for name in ("Ana", "Bo", "Cy"):
        join(app, setup, name)
    setup.ana = take_directly(app, setup, "Ana", {4: "5"})
    setup.bo = take_directly(app, setup, "Bo", {4: "Article 5"})
    setup.cy = take_directly(app, setup, "Cy", {4: "5"})
    cy_page = f"/teacher/classes/{setup.classroom_id}/attempts/{setup.cy}"
    reply = post_form(teacher_client, f"/teacher/classes/{setup.classroom_id}/responses/"
                      f"{response_id(app, setup.cy, 4)}/mark", {"marks": "0", "reason": "Name the article."},
                      page_url=cy_page)
    assert reply.status_code == 302
    setup.url = f"/teacher/classes/{setup.classroom_id}/assignments/{setup.assignment_id}/regrade"
    return setup


def test_nothing_to_regrade_until_a_question_is_corrected(klass, teacher_client):
    page = teacher_client.get(klass.url).text
    assert "there is nothing to regrade" in page
    assert klass.url in teacher_client.get(klass.gradebook_url()).text  # the gradebook links here


def test_the_dry_run_shows_whose_marks_change_and_changes_nothing(app, klass, teacher, teacher_client):
    fix_key(app, teacher, "treaty-article", _full_credit_for_the_number)
    before = snapshot(app)
    page = teacher_client.get(klass.url).text
    assert "Which article of the NATO treaty" in page
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    ana = table.split("Ana</th>")[1].split("</tr>")[0]
    assert ana.count("<td>0.5 → 1</td>") == 2  # her points on question 4, and her total
    assert "Cy" in table and "kept: you changed this mark" in table
    assert "Bo" not in table
    assert "Regrade 1 attempt<" in page
    assert re.search(rf'<input checked[^>]*value="{fix_question_id(app)}"', page)  # every question ticked at first
    with_overridden = teacher_client.get(klass.url, query_string={
        "questions": str(fix_question_id(app)),
        "include_overridden": "y", "preview": "Show"}).text
    assert "your changed mark is replaced" in with_overridden and "Regrade 2 attempts<" in with_overridden
    assert snapshot(app) == before


def test_the_regrade_applies_the_new_marks_and_keeps_the_override(app, klass, teacher, teacher_client):
    v2 = fix_key(app, teacher, "treaty-article", _full_credit_for_the_number)
    question = str(fix_question_id(app))
    reply = post_form(teacher_client, klass.url, {"questions": question})
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/gradebook")
    assert _rows(app, klass.ana, klass.bo, klass.cy) == [(1.0, 1.0), (1.0, 1.0), (0.0, 0.0)]
    with app.app_context():
        versions = set(db.session.scalars(select(Response.question_version_id).where(Response.position == 4)))
        assert versions == {v2}  # every answer now points at the corrected question
        assert db.session.get(Assignment, klass.assignment_id).question_version_ids == [
            v2 if position == 4 else v for position, v in enumerate(klass.snapshot, start=1)]
        regrades = db.session.execute(select(MarkChange.attempt_id, MarkChange.old_fraction, MarkChange.new_fraction)
                                      .where(MarkChange.kind == "regrade")).all()
        assert [tuple(r) for r in regrades] == [(klass.ana, 0.5, 1.0)]
    history = teacher_client.get(f"/teacher/classes/{klass.classroom_id}/attempts/{klass.ana}").text
    assert "Question 4: 0.5 → 1 point (regraded after the question was corrected)" in history
    assert "nothing to regrade" in teacher_client.get(klass.url).text


def test_overridden_marks_are_regraded_when_the_teacher_ticks_it(app, klass, teacher, teacher_client):
    fix_key(app, teacher, "treaty-article", _full_credit_for_the_number)
    reply = post_form(teacher_client, klass.url, {"questions": str(fix_question_id(app)), "include_overridden": "y"})
    assert reply.status_code == 302
    assert _rows(app, klass.ana, klass.cy) == [(1.0, 1.0), (1.0, 1.0)]


@pytest.mark.parametrize("questions", [None, "abc", "999999"])
def test_a_bad_choice_is_refused_and_nothing_changes(app, klass, teacher, teacher_client, questions):
    fix_key(app, teacher, "treaty-article", _full_credit_for_the_number)
    before = snapshot(app)
    reply = post_form(teacher_client, klass.url, {"questions": questions} if questions else {})
    assert reply.status_code == 400
    assert ("Tick at least one question to regrade." in reply.text
            or "Choose from the questions listed" in reply.text)
    assert snapshot(app) == before


def test_an_essay_keeps_the_teachers_mark(app, klass, teacher, teacher_client):
    with app.app_context():
        essay = db.session.scalar(select(Response).where(Response.attempt_id == klass.ana, Response.position == 8))
        essay.answer, essay.fraction = "Unnamed sources.", 0.5
        db.session.commit()

    def reword(data):
        data["model_answer"] = data["model_answer"] + " (Reworded.)"

    fix_key(app, teacher, "sources", reword)
    page = teacher_client.get(klass.url).text
    assert "What do the article" in page and "No mark changes" in page
    with app.app_context():
        question = db.session.scalar(select(Question.id).where(Question.key == "sources"))
    assert post_form(teacher_client, klass.url, {"questions": str(question)}).status_code == 302
    with app.app_context():
        assert db.session.get(Response, response_id(app, klass.ana, 8)).fraction == 0.5


def test_another_teacher_gets_404(app, klass, teacher):
    fix_key(app, teacher, "treaty-article", _full_credit_for_the_number)
    make_teacher(app, "other@school.org")
    other = app.test_client()
    assert sign_in(other, "other@school.org").status_code == 302
    assert other.get(klass.url).status_code == 404
    before = snapshot(app)
    reply = post_form(other, klass.url, {"questions": str(fix_question_id(app))}, page_url="/teacher/")
    assert reply.status_code == 404 and snapshot(app) == before


def fix_question_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Question.id).where(Question.key == "treaty-article"))
