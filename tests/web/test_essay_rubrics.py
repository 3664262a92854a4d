"""Essays with rubrics: written in the editor, graded by picking a level per criterion, shown in the review;
migration 0010 (response.rubric_marks)."""

from __future__ import annotations

import html
import re
import shutil

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from lectern.core.banks import read_bank
from lectern.extensions import db
from lectern.models import MarkChange, Question, QuestionVersion, Response
from lectern.services.bank_loading import load_bank
from tests.conftest import MINI_BANK, empty_database, make_app
from tests.web.helpers import snapshot, start
from tests.web.results_steps import WITH_ESSAY, attempt_row, essay_response, join, take
from tests.web.teachers import post_form
from tests.web.test_essay_grading import graded  # noqa: F401  (Ana's essay waiting, on this module's mini bank)
from tests.web.test_question_editor import errors_beside
from tests.web.test_teacher_questions import BANK, COMMON, create, editor_fields

RUBRIC_YAML = """    rubric:
      - criterion: "Evidence"
        levels:
          - {points: 0, description: "No reference to the article."}
          - {points: 1, description: "Refers to the article in general terms."}
          - {points: 2, description: "Quotes a paragraph for each point."}
      - criterion: "Caution"
        levels:
          - {points: 0, description: "Trusts every claim."}
          - {points: 2, description: "Says why unnamed sources call for care."}
"""
PICKED = "✓ picked"


@pytest.fixture
def mini_bank(app, tmp_path):
    """The mini bank, its essay (worth 1 point) judged by a rubric of 4 points: Evidence 0–2, Caution 0 or 2.

    It stands in for the plain mini bank under test_essay_grading's `graded`, for every test here.
    """
    folder = tmp_path / "mini"
    shutil.copytree(MINI_BANK, folder)
    questions = folder / "questions.yaml"
    text = questions.read_text(encoding="utf-8")
    anchor = next(line for line in text.splitlines() if line.startswith("    model_answer: They rest on"))
    questions.write_text(text.replace(anchor + "\n", anchor + "\n" + RUBRIC_YAML), encoding="utf-8")
    with app.app_context():
        load_bank(read_bank(folder))
        db.session.commit()
    return "mini"


@pytest.fixture
def essay(graded):  # noqa: F811
    """Ana of 7B submitted the full quiz with her essay, which waits for grading by its rubric."""
    graded.review_url = f"/attempts/{graded.attempt}/review"
    return graded


def _grade(client, setup, levels: dict, comment: str = "", back: str = "attempt", response: int | None = None):
    response = response or setup.response
    page = setup.queue if back == "queue" else setup.attempt_url
    return post_form(client, f"/teacher/classes/{setup.classroom_id}/responses/{response}/grade",
                     {**levels, "comment": comment, "back": back}, page_url=page)


def _stored(app, response_id: int) -> tuple:
    with app.app_context():
        r = db.session.get(Response, response_id)
        return r.fraction, r.rubric_marks, r.comment


def _item(page: str, position: int = 8, prefix: str = "") -> str:
    return html.unescape(re.search(rf'id="{prefix}question-{position}">(.*?)</li>\s*(?:<li class="card|</ol>)',
                                   page, re.DOTALL)[1])


def test_the_queue_offers_a_radio_per_level_with_its_points_and_description(app, essay, teacher_client):
    page = html.unescape(teacher_client.get(essay.queue).text)
    form = re.search(r'<form method="post" class="grade-form.*?</form>', page, re.DOTALL)[0]
    assert 'name="marks"' not in form
    assert len(re.findall(r'type="radio" name="level_0"', form)) == 3
    assert len(re.findall(r'type="radio" name="level_1"', form)) == 2
    assert "<legend>Evidence" in form and "<legend>Caution" in form
    assert "<strong>2 points</strong>: Quotes a paragraph for each point." in form
    assert "<strong>0 points</strong>: Trusts every claim." in form
    assert "checked" not in form


def test_grading_by_rubric_gives_its_fraction_of_the_points_and_keeps_the_picks(app, essay, teacher_client):
    reply = _grade(teacher_client, essay, {"level_0": "2", "level_1": "0"}, "Name the newspaper's sources.")
    assert reply.status_code == 302, reply.text
    assert _stored(app, essay.response) == (0.5, [2.0, 0.0], "Name the newspaper's sources.")
    assert attempt_row(app, essay.attempt) == (5.5, False, True)

    # Grading again shows the levels picked before.
    page = teacher_client.get(essay.attempt_url).text
    assert re.search(rf'id="rubric-{essay.response}-0-2" value="2" checked', page)
    assert re.search(rf'id="rubric-{essay.response}-1-0" value="0" checked', page)
    assert len(re.findall(r'name="level_\d" id="[^"]+" value="\d" checked', page)) == 2

    # Other picks with the same total change the picks, not the mark: nothing for the audit trail.
    _grade(teacher_client, essay, {"level_0": "0", "level_1": "1"}, "Name the newspaper's sources.")
    assert _stored(app, essay.response)[:2] == (0.5, [0.0, 2.0])
    _grade(teacher_client, essay, {"level_0": "2", "level_1": "1"}, "Name the newspaper's sources.")
    assert _stored(app, essay.response)[:2] == (1.0, [2.0, 2.0])
    assert attempt_row(app, essay.attempt) == (6.0, False, True)
    with app.app_context():
        changes = [(c.kind, c.old_fraction, c.new_fraction) for c in db.session.scalars(
            select(MarkChange).where(MarkChange.attempt_id == essay.attempt).order_by(MarkChange.id))]
    assert changes == [("comment", None, None), ("override", 0.5, 1.0)]


@pytest.mark.parametrize(("levels", "criterion", "message"), [
    ({"level_0": "3", "level_1": "0"}, 0, "Choose one of the levels listed for “Evidence”; reload the page"),
    ({"level_0": "-1", "level_1": "0"}, 0, "Choose one of the levels listed for “Evidence”"),
    ({"level_0": "1"}, 1, "Choose a level for “Caution”."),
    ({"marks": "1"}, 0, "Choose a level for “Evidence”."),  # the rubric gives the marks, not a number typed
])
@pytest.mark.parametrize("back", ["attempt", "queue"])
def test_a_tampered_or_incomplete_rubric_is_refused_next_to_its_criterion(app, essay, teacher_client, levels,
                                                                         criterion, message, back):
    before = snapshot(app), _stored(app, essay.response)
    reply = _grade(teacher_client, essay, levels, "A comment that must not be kept.", back=back)
    assert reply.status_code == 400
    page = html.unescape(reply.text)
    fid = f"rubric-{essay.response}-{criterion}"
    assert message in re.search(rf'<ul class="errors" id="{fid}-errors">(.*?)</ul>', page, re.DOTALL)[1]
    assert f'id="{fid}" aria-describedby="{fid}-errors"' in page
    assert "A comment that must not be kept." in page
    assert (snapshot(app), _stored(app, essay.response)) == before


def test_the_review_shows_the_rubric_before_grading_and_the_marks_per_criterion_after(app, essay, teacher_client):
    ana = essay.browsers["Ana"]
    before = _item(ana.get(essay.review_url).text)
    assert "What your teacher will judge" in before
    assert "Evidence" in before and "Quotes a paragraph for each point." in before
    assert "Says why unnamed sources call for care." in before
    assert PICKED not in before and " of 2 points" not in before

    _grade(teacher_client, essay, {"level_0": "1", "level_1": "1"})
    after = _item(ana.get(essay.review_url).text)
    assert "Your marks by the rubric" in after
    assert "<strong>Evidence</strong>: 1 of 2 points" in after
    assert "<strong>Caution</strong>: 2 of 2 points" in after
    assert after.count(PICKED) == 2
    picked = re.findall(r'<li class="rubric-picked">(.*?)</li>', after, re.DOTALL)
    assert ["Refers to the article in general terms." in picked[0], "unnamed sources" in picked[1]] == [True, True]
    assert PICKED in picked[0] and "0.75 / 1 points" in after

    # The teacher's view of the attempt shows the same, in both of its reviews.
    page = teacher_client.get(essay.attempt_url).text
    for prefix in ("", "student-"):
        item = _item(page, prefix=prefix)
        assert "<strong>Evidence</strong>: 1 of 2 points" in item and item.count(PICKED) == 2


def test_two_students_with_the_same_marks_each_see_their_own_levels(app, essay, teacher_client):
    join(app, essay, "Bo")
    bo_attempt = take(essay, "Bo", WITH_ESSAY)
    _grade(teacher_client, essay, {"level_0": "2", "level_1": "0"})
    _grade(teacher_client, essay, {"level_0": "0", "level_1": "1"}, response=essay_response(app, bo_attempt))
    ana = _item(essay.browsers["Ana"].get(essay.review_url).text)
    bo = _item(essay.browsers["Bo"].get(f"/attempts/{bo_attempt}/review").text)
    assert "<strong>Evidence</strong>: 2 of 2 points" in ana and "<strong>Caution</strong>: 0 of 2 points" in ana
    assert "<strong>Evidence</strong>: 0 of 2 points" in bo and "<strong>Caution</strong>: 2 of 2 points" in bo


def test_each_essay_is_graded_by_the_version_it_was_given_with_or_without_a_rubric(app, essay, teacher_client):
    with app.app_context():  # the bank file without the rubric: a new version of the essay
        load_bank(read_bank(MINI_BANK))
        db.session.commit()
    join(app, essay, "Bo")
    bo = essay_response(app, take(essay, "Bo", WITH_ESSAY))
    forms = re.findall(r'<form method="post" class="grade-form.*?</form>', teacher_client.get(essay.queue).text,
                       re.DOTALL)
    assert 'name="level_0"' in forms[0] and 'name="marks"' not in forms[0]  # Ana's keeps its rubric
    assert 'name="marks"' in forms[1] and 'name="level_0"' not in forms[1]
    assert _grade(teacher_client, essay, {"marks": "0,5"}, response=bo).status_code == 302
    assert _stored(app, bo) == (0.5, None, None)


def test_a_mark_changed_by_hand_drops_the_rubric_levels_it_no_longer_matches(app, essay, teacher_client):
    _grade(teacher_client, essay, {"level_0": "2", "level_1": "1"})
    reply = post_form(teacher_client, f"/teacher/classes/{essay.classroom_id}/responses/{essay.response}/mark",
                      {"marks": "0.25", "reason": "Copied from a classmate."}, page_url=essay.attempt_url)
    assert reply.status_code == 302, reply.text
    assert _stored(app, essay.response)[:2] == (0.25, None)
    item = _item(essay.browsers["Ana"].get(essay.review_url).text)
    assert "The rubric" in item and PICKED not in item and "0.25 / 1 points" in item


# --- the editor ---------------------------------------------------------------------------

ESSAY_FIELDS = {**COMMON, "model_answer": "A strong answer quotes paragraph 1.",
                "rubric-0-criterion": "Evidence", "rubric-0-levels": "0: None\n1: Some\n2,5: A quote for each point",
                "rubric-1-criterion": "", "rubric-1-levels": ""}


def _saved_rubric(app, key: str) -> list:
    with app.app_context():
        version = db.session.scalar(select(QuestionVersion).join(Question).where(Question.key == key)
                                    .order_by(QuestionVersion.number.desc()))
        return version.definition.get("rubric")


def test_a_teacher_writes_a_rubric_in_the_editor_and_finds_it_there_again(app, teacher_client, mini_bank):
    new = teacher_client.get(f"{BANK}/questions/new?type=essay").text
    assert 'name="rubric-0-criterion"' in new and 'name="rubric-0-levels"' in new and 'name="add_rubric"' in new
    assert "One level per line, fewest points first" in html.unescape(new)
    more = teacher_client.post(f"{BANK}/questions/new?type=essay", data={**editor_fields(new), "add_rubric": "1"})
    assert 'name="rubric-1-levels"' in more.text

    reply = create(teacher_client, "essay", {**ESSAY_FIELDS, "id": "quotes"})
    assert reply.status_code == 302, html.unescape(reply.text)
    assert _saved_rubric(app, "quotes") == [{"criterion": "Evidence", "levels": [
        {"points": 0.0, "description": "None"}, {"points": 1.0, "description": "Some"},
        {"points": 2.5, "description": "A quote for each point"}]}]
    fields = editor_fields(teacher_client.get(f"{BANK}/questions/quotes/edit").text)
    assert fields["rubric-0-criterion"] == "Evidence"
    assert fields["rubric-0-levels"] == "0: None\n1: Some\n2.5: A quote for each point"
    detail = html.unescape(teacher_client.get(f"{BANK}/questions/quotes").text)
    assert "<h3>Rubric</h3>" in detail and "2.5 points</span>: A quote for each point" in detail


@pytest.mark.parametrize(("fields", "field_id", "message"), [
    ({"rubric-0-levels": "2: All\n1: Some"}, "rubric-0-levels", "List the levels from the fewest points to the most"),
    ({"rubric-0-levels": "0: None\nSome\n2: All"}, "rubric-0-levels",
     "Level 2: start with its points and a colon, like “2: Quotes a paragraph for each point”."),
    ({"rubric-0-levels": "0: None\n1:"}, "rubric-0-levels", "Level 2: after the colon, say what an answer"),
    ({"rubric-0-levels": "2: All"}, "rubric-0-levels", "Give at least two levels, one per line"),
    ({"rubric-0-criterion": ""}, "rubric-0-criterion", "Say what this criterion judges"),
    ({"rubric-1-criterion": "evidence", "rubric-1-levels": "0: No\n1: Yes"}, "rubric-1-criterion",
     "Another criterion has this name"),
])
def test_a_bad_rubric_is_explained_next_to_its_field_and_nothing_is_saved(app, teacher_client, mini_bank, fields,
                                                                          field_id, message):
    reply = create(teacher_client, "essay", {**ESSAY_FIELDS, **fields})
    assert reply.status_code == 200 and "Not saved" in reply.text
    assert message in errors_beside(reply.text, field_id), html.unescape(reply.text)
    for developer_words in ("Input should", "List should", "levels_order", "rubric.0", "Value error"):
        assert developer_words not in html.unescape(reply.text)


# --- migration 0010 ---------------------------------------------------------------------


def test_upgrading_to_0010_adds_rubric_marks_and_keeps_the_responses(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        empty_database(app, schema=True)
        upgrade(revision="0009")
        assert "rubric_marks" not in {c["name"] for c in sa.inspect(db.engine).get_columns("response")}
        upgrade(revision="0010")
        assert "rubric_marks" in {c["name"] for c in sa.inspect(db.engine).get_columns("response")}
        downgrade(revision="0009")
        assert "rubric_marks" not in {c["name"] for c in sa.inspect(db.engine).get_columns("response")}
        upgrade()  # and back: a shared PostgreSQL database is left as the models describe it
        db.engine.dispose()


def test_the_student_sees_the_rubric_while_writing(app, client, mini_bank):
    page = html.unescape(client.get(start(client)).text)
    ahead = re.search(r'<details class="rubric-ahead">(.*?)</details>', page, re.DOTALL)[1]
    assert "How your teacher will grade it (2 criteria)" in ahead
    assert "2 points: Quotes a paragraph for each point." in re.sub(r"<[^>]+>", "", ahead)
    assert PICKED not in ahead and "Your teacher will read and grade this answer." not in page
