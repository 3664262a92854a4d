"""The question editor in a teacher's words: ids made from the prompt, every problem at once beside
its field, a radio for the one right answer, option ids that survive edits, and reviews that list."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from lectern.core.questions.base import stable_id
from lectern.extensions import db
from lectern.models import Question, QuestionVersion, Response
from tests.conftest import csrf_token
from tests.web.helpers import start, submit
from tests.web.test_teacher_questions import BANK, COMMON, P1, counts, create, editor_fields

WHO_SIGNED = {**COMMON, "prompt": "Who *signed* the agreement, in the end?", "options-0-text": "Kyiv",
              "options-1-text": "Berlin", "right_option": "1"}


def errors_beside(page: str, field_id: str) -> str:
    """The messages shown right after the field with this id (empty when there are none)."""
    found = re.search(rf'<ul class="errors" id="{re.escape(field_id)}-errors">(.*?)</ul>', page, re.DOTALL)
    return html.unescape(found.group(1)) if found else ""


def test_a_new_questions_id_is_made_from_its_prompt_and_never_taken_twice(app, teacher_client, mini_bank):
    page = teacher_client.get(f"{BANK}/questions/new?type=single_choice").text
    advanced = re.search(r'<details class="advanced">.*?</details>', page, re.DOTALL).group(0)
    assert 'name="id"' in advanced and "<summary>Advanced</summary>" in advanced
    assert page.index('name="prompt"') < page.index('name="id"')  # the prompt comes first, the id is tucked away

    first = create(teacher_client, "single_choice", WHO_SIGNED)
    assert first.headers["Location"] == f"{BANK}/questions/who-signed-the-agreement-in-the"
    second = create(teacher_client, "single_choice", {**WHO_SIGNED, "options-0-text": "Paris"})
    assert second.headers["Location"] == f"{BANK}/questions/who-signed-the-agreement-in-the-2"
    chosen = create(teacher_client, "single_choice", {**WHO_SIGNED, "id": "signatories"})
    assert chosen.headers["Location"] == f"{BANK}/questions/signatories"

    edit = teacher_client.get(f"{BANK}/questions/signatories/edit").text
    advanced = re.search(r'<details class="advanced">.*?</details>', edit, re.DOTALL).group(0)
    assert "<code>signatories</code>" in advanced and 'name="id"' not in edit


def test_every_problem_shows_at_once_beside_its_field_in_plain_words(app, teacher_client, mini_bank):
    bad = {**COMMON, "id": "Not An Id", "prompt": "", "explanation": "", "points": "lots",
           "evidence-0-paragraph": "2",  # the quote is in paragraph 1
           "options-0-text": "Kyiv", "options-1-feedback": "A row with feedback but no option text",
           "options-2-text": "Kyiv"}  # and no option marked right
    before = counts(app)
    reply = create(teacher_client, "single_choice", bad)
    page = reply.text
    assert reply.status_code == 200 and "Not saved" in page and counts(app) == before
    expected = {
        "id": "The id may use only lower-case letters, digits and single hyphens, like who-signed-it.",
        "prompt": "Write the question the students answer.",
        "explanation": "Say why the right answer is right",
        "points": "Write a number, like 2 or 2.5.",
        "options-1-text": "Give the option a text.",
        "options-2-text": "Another option says the same; make each option different.",
        "options": "Mark exactly one answer as right, or switch to Multiple response.",
        "evidence-0-quote": "is not in paragraph 2; it occurs in paragraph 1",
    }
    for field_id, message in expected.items():
        assert message in errors_beside(page, field_id), (field_id, html.unescape(page))
        assert 'aria-describedby="' in page and f"{field_id}-errors" in page
    # The advanced section opens by itself when the id needs fixing.
    assert '<details class="advanced" open>' in page
    text = html.unescape(page)
    for developer_words in ("String should match", "correct: true", "Field required", "Input should",
                            "[a-z0-9]", "options.1", "multiple_response", "Value error", "List should"):
        assert developer_words not in text


@pytest.mark.parametrize("type_name, fields, field_id, message", [
    ("multiple_response", {"options-0-text": "A", "options-1-text": "B"}, "options",
     "Mark at least one option as right."),
    ("multiple_response", {"options-0-text": "A", "options-0-credit": "60", "options-1-text": "B",
                           "options-1-credit": "0"}, "options", "credits add up to 60%; make them add up to 100%"),
    ("multiple_response", {"options-0-text": "A", "options-0-credit": "100", "options-1-text": "B"}, "options",
     "Give every option a credit, or leave all the credits empty."),
    ("true_false", {}, "answer", "Choose whether the statement is true or false."),
    ("short_answer", {"answers-0-text": "Berlin", "answers-0-credit": "50"}, "answers",
     "Give at least one accepted answer full credit"),
    ("short_answer", {"answers-0-text": "Berlin", "answers-1-text": "*"}, "answers-1-text",
     "An answer of only * would accept anything"),
    ("numeric", {"answers-0-tolerance": "0"}, "answers-0-value", "Write the number a student should give."),
    ("matching", {"pairs-0-item": "A", "pairs-0-match": "x", "pairs-1-item": "B", "pairs-1-match": "x"},
     "pairs-1-match", "Another pair has the same match"),
    ("matching", {"pairs-0-item": "A", "pairs-0-match": "x", "pairs-1-item": "B"}, "pairs-1-match",
     "Give the item its match."),
    ("ordering", {"items-0": "A", "items-1": "B", "items-2": "A"}, "items-2", "Another item says the same"),
    ("essay", {}, "model_answer", "Write a model answer."),
])
def test_each_types_rules_speak_plainly_next_to_their_field(app, teacher_client, mini_bank, type_name, fields,
                                                            field_id, message):
    reply = create(teacher_client, type_name, {**COMMON, **fields})
    assert reply.status_code == 200 and message in errors_beside(reply.text, field_id), html.unescape(reply.text)
    assert "Value error" not in reply.text and "Input should" not in reply.text


def test_single_choice_marks_its_right_answer_with_one_radio_group(app, teacher_client, mini_bank):
    new = teacher_client.get(f"{BANK}/questions/new?type=single_choice").text
    assert len(re.findall(r'type="radio" name="right_option"', new)) == 4
    assert 'type="checkbox"' not in re.search(r'<form method="post" class="card question-editor".*?</form>',
                                              new, re.DOTALL).group(0)
    assert len(re.findall(r'name="options-\d+-correct" type="checkbox"', teacher_client.get(
        f"{BANK}/questions/new?type=multiple_response").text)) == 4  # several right: still checkboxes

    edit = f"{BANK}/questions/meeting-city/edit"
    fields = editor_fields(teacher_client.get(edit).text)
    assert fields["right_option"] == "1" and fields["options-1-text"] == "Berlin"
    # Removing the row above the right one keeps the mark on Berlin, now the first row.
    fewer = teacher_client.post(edit, data={**fields, "remove_options-0": "1"})
    assert editor_fields(fewer.text)["right_option"] == "0" and editor_fields(fewer.text)["options-0-text"] == "Berlin"
    # Removing the right row itself leaves nothing marked.
    assert "right_option" not in editor_fields(teacher_client.post(edit, data={**fields, "remove_options-1": "1"}).text)


def _publish(client, key: str) -> None:
    detail = client.get(f"{BANK}/questions/{key}").text
    reply = client.post(f"{BANK}/questions/{key}/publish", data={"csrf_token": csrf_token(detail)})
    assert reply.status_code == 302, reply.text


def _options(app, key: str) -> list[dict]:
    with app.app_context():
        version = db.session.scalar(select(QuestionVersion).join(Question).where(Question.key == key)
                                    .order_by(QuestionVersion.number.desc()))
        return version.definition["options"]


def test_an_edit_keeps_each_options_id_so_past_answers_name_the_same_option(app, client, teacher_client, mini_bank):
    cities = {**COMMON, "id": "host-city", "prompt": "Which city hosted the talks?", "options-0-text": "Kyiv",
              "options-1-text": "Berlin", "options-2-text": "Paris", "options-3-text": "Rome", "right_option": "1"}
    assert create(teacher_client, "single_choice", cities).status_code == 302
    _publish(teacher_client, "host-city")
    attempt_url = start(client)
    paris = re.search(r'name="(q\d+)" type="radio" value="(\w+)"> <label for="[^"]+">Paris</label>',
                      client.get(attempt_url).text)
    assert paris.group(2) == "c"
    submitted = submit(client, attempt_url, {paris.group(1): "c"})
    review_url = submitted.headers["Location"]
    with app.app_context():
        response = db.session.scalar(select(Response).join(QuestionVersion).join(Question)
                                     .where(Question.key == "host-city"))
        assert response.answer == "c"

    edit = f"{BANK}/questions/host-city/edit"
    page = teacher_client.get(edit).text
    assert re.findall(r'name="options-\d+-id" type="hidden" value="(\w)"', page) == ["a", "b", "c", "d"]
    fields = editor_fields(page)
    # Delete Berlin (the option above Paris), reword Kyiv, make Rome right, and add Madrid.
    fields = editor_fields(teacher_client.post(edit, data={**fields, "remove_options-1": "1"}).text)
    fields.update({"options-0-text": "Kyiv, the capital", "right_option": "2", "options-3-text": "Madrid"})
    reply = teacher_client.post(edit, data=fields)
    assert reply.status_code == 302, html.unescape(reply.text)

    latest = _options(app, "host-city")
    assert [(o["id"], o["text"]) for o in latest] == [
        ("a", "Kyiv, the capital"), ("c", "Paris"), ("d", "Rome"), ("e", "Madrid")]  # b is never given out again
    assert next(o["text"] for o in latest if o["id"] == response.answer) == "Paris"
    assert "Paris" in re.search(r"<dt>Your answer</dt>\s*<dd>(.*?)</dd>",
                                client.get(review_url).text.split("Which city hosted")[1], re.DOTALL).group(1)

    # A tampered hidden id cannot take over a removed option's id: it is given a fresh one.
    fields = editor_fields(teacher_client.get(edit).text)
    fields.update({"options-3-id": "b", "options-4-text": "Vienna"})
    assert teacher_client.post(edit, data=fields).status_code == 302
    assert [o["id"] for o in _options(app, "host-city")] == ["a", "c", "d", "f", "g"]


def test_reviews_list_the_parts_of_multiple_response_and_matching_answers(app, client, mini_bank):
    attempt_url = start(client)
    matches = {"q6-i1": stable_id("deployed to western Ukraine"), "q6-i2": stable_id("combat troops on the front line")}
    review = client.get(submit(client, attempt_url, {"q1": "b", "q2": ["a", "b"], **matches}).headers["Location"]).text
    who_met = re.search(r'id="question-2">.*?</li>\s*(?=<li class="card)', review, re.DOTALL).group(0)
    answer_lists = re.findall(r'<ul class="answer-parts">(.*?)</ul>', who_met, re.DOTALL)
    assert len(answer_lists) == 2 and all(len(re.findall("<li>", parts)) == 2 for parts in answer_lists)
    assert "; " not in re.sub(r"<blockquote.*?</blockquote>", "", who_met, flags=re.DOTALL).split("<dt>Why")[0]
    roles = html.unescape(re.search(r'id="question-6">.*?<dt>Why', review, re.DOTALL).group(0))
    assert "<li>European troops → deployed to western Ukraine</li>" in roles
    assert "<li>The United States → combat troops on the front line</li>" in roles
    assert "<li>The United States → reconnaissance and surveillance</li>" in roles  # the right answer, listed too


def test_the_evidence_page_leads_back_to_the_students_results(app, client, teacher_client, mini_bank):
    review_url = submit(client, start(client), {"q1": "b"}).headers["Location"]
    attempt_id = re.search(r"/attempts/(\d+)/review", review_url).group(1)
    review = client.get(review_url).text
    link = html.unescape(re.search(r'<a href="(/articles/mini\?[^"]*)"', review).group(1))
    assert f"attempt={attempt_id}" in link and "question=1" in link
    evidence = client.get(link).text
    assert "Back to my results" in evidence
    assert evidence.count(f'href="/attempts/{attempt_id}/review#question-1"') == 2 and "<mark>" in evidence
    # Reached any other way (a teacher's preview, a shared link), the page offers no way back.
    assert "Back to my results" not in client.get("/articles/mini?p=1").text
    for tampered in ("abc", "-3", "0", "99999999999999999999999"):
        page = client.get(f"/articles/mini?p=1&attempt={tampered}&question=x")
        assert page.status_code == 200 and "Back to my results" not in page.text
    preview = teacher_client.get(f"{BANK}/questions/meeting-city/preview").text
    graded = teacher_client.post(f"{BANK}/questions/meeting-city/preview",
                                 data={"q1": "b", "csrf_token": csrf_token(preview)}).text
    assert "attempt=" not in graded and P1.split()[0] in html.unescape(graded)
