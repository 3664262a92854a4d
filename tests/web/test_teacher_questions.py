"""Teachers writing, editing, previewing and retiring questions, through the real forms (CSRF on)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from lectern.core.article import Article
from lectern.core.banks import evidence_problems, read_bank
from lectern.core.questions import Evidence
from lectern.core.questions.base import stable_id
from lectern.extensions import db
from lectern.models import Attempt, Question, QuestionVersion
from lectern.services.question_versions import definition_of
from tests.conftest import MINI_BANK, csrf_token
from tests.web.helpers import RIGHT, start, submit

BANK = "/teacher/banks/mini"
P1 = "In a pivotal meeting held in Berlin"
COMMON = {"prompt": "Where did they meet?", "explanation": "Paragraph 1 says so.", "skill": "locate",
          "difficulty": "easy", "tags": "berlin, meeting", "points": "2",
          "evidence-0-paragraph": "1", "evidence-0-quote": P1}
PER_TYPE = {  # fields as WTForms names them; the right answer in words; a right preview answer
    "single_choice": ({"options-0-text": "Kyiv", "options-1-text": "Berlin", "right_option": "1",
                       "options-1-feedback": "Yes: paragraph 1.", "options-2-text": "Paris"},
                      "Berlin", {"q1": "b"}),
    "multiple_response": ({"options-0-text": "Americans", "options-0-correct": "y", "options-1-text": "Europeans",
                           "options-1-correct": "y", "options-1-feedback": "Yes: the EU.",
                           "options-2-text": "Russians"}, "Americans; Europeans", {"q1": ["a", "b"]}),
    "true_false": ({"answer": "true", "feedback_true": "Yes: paragraph 1.", "feedback_false": "No."},
                   "True", {"q1": "true"}),
    "short_answer": ({"answers-0-text": "Berlin", "answers-0-feedback": "Yes: paragraph 1.",
                      "answers-1-text": "Germany", "answers-1-credit": "50"}, "Berlin", {"q1": "berlin"}),
    "numeric": ({"answers-0-value": "800,000", "answers-0-tolerance": "0", "answers-0-feedback": "Yes: paragraph 1.",
                 "unit": "people"}, "800,000 people", {"q1": "800000"}),
    "matching": ({"pairs-0-item": "Meeting", "pairs-0-match": "Berlin", "pairs-1-item": "Treaty",
                  "pairs-1-match": "NATO", "distractors-0": "Paris"}, "Meeting → Berlin; Treaty → NATO",
                 {"q1-i1": stable_id("Berlin"), "q1-i2": stable_id("NATO")}),
    "ordering": ({"items-0": "First", "items-1": "Second", "items-2": "Third"}, "First → Second → Third",
                 {"q1-" + stable_id("First"): "1", "q1-" + stable_id("Second"): "2", "q1-" + stable_id("Third"): "3"}),
    "essay": ({"model_answer": "In Berlin, as paragraph 1 says."}, "In Berlin, as paragraph 1 says.",
              {"q1": "Berlin, I think."}),
    "cloze": ({"prompt": "Where did they meet? In {1:SHORTANSWER:=Berlin#Yes: paragraph 1.~*#No}."},
              "Gap 1: Berlin", {"q1-g1": "berlin"}),
}


class _FormReader(HTMLParser):
    """What a browser would send for the question editor's form, before any button is pressed."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._inside = self._select = self._textarea = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._inside = "question-editor" in (a.get("class") or "")
        elif tag == "option" and self._select:
            self._first = self._first or a.get("value")
            if "selected" in a:
                self.fields.append((self._select, a.get("value")))
                self._select = None
        elif not self._inside or "name" not in a:
            return
        elif tag == "input" and a.get("type") in ("text", "hidden", None):
            self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "input" and a.get("type") in ("checkbox", "radio") and "checked" in a:
            self.fields.append((a["name"], a.get("value") or "on"))
        elif tag == "select":
            self._select, self._first = a["name"], None
        elif tag == "textarea":
            self._textarea, self._text = a["name"], ""

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            self.fields.append((self._select, self._first))  # nothing selected: the browser sends the first
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.removeprefix("\r\n").removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text += data


def editor_fields(page: str) -> dict:
    reader = _FormReader()
    reader.feed(page)
    fields: dict = {}
    for name, value in reader.fields:
        fields[name] = value
    return fields


def counts(app) -> tuple[int, int]:
    with app.app_context():
        return (db.session.scalar(select(func.count()).select_from(Question)),
                db.session.scalar(select(func.count()).select_from(QuestionVersion)))


def create(client, type_name: str, data: dict):
    url = f"{BANK}/questions/new?type={type_name}"
    return client.post(url, data={**data, "csrf_token": csrf_token(client.get(url).text)})


def text_of(page) -> str:
    return html.unescape(page.text)


def publish(client, key: str):
    """Publish a draft the way the teacher does: the Publish button on the question's page."""
    page = client.get(f"{BANK}/questions/{key}")
    return client.post(f"{BANK}/questions/{key}/publish", data={"csrf_token": csrf_token(page.text)})


@pytest.mark.parametrize("type_name", list(PER_TYPE))
def test_a_question_of_every_type_is_written_offered_and_previewed(app, client, teacher_client, mini_bank, type_name):
    fields, right_answer, answer = PER_TYPE[type_name]
    key = "new-" + type_name.replace("_", "-")
    reply = create(teacher_client, type_name, {**COMMON, **fields, "id": key})
    assert reply.status_code == 302, text_of(reply)
    assert reply.headers["Location"] == f"{BANK}/questions/{key}"
    with app.app_context():
        version = db.session.scalar(select(QuestionVersion).join(Question).where(Question.key == key))
        definition = definition_of(version)
        assert (version.number, definition.points, definition.tags) == (1, 2, ["berlin", "meeting"])
        assert definition.right_answer() == right_answer and version.created_by_id is not None
    detail = text_of(teacher_client.get(reply.headers["Location"]))
    assert "Version 1" in detail and "teacher@school.org" in detail
    assert key in teacher_client.get(BANK).text

    early = app.test_client()  # a new question is a draft: no student is given it yet
    assert "Where did they meet?" not in early.get(start(early)).text
    assert publish(teacher_client, key).status_code == 302
    assert "Where did they meet?" in client.get(start(client)).text  # published: offered in a new attempt

    preview_url = f"{BANK}/questions/{key}/preview"
    before = text_of(teacher_client.get(preview_url))
    assert "<fieldset" in before and "Where did they meet?" in before
    for secret in ("Right answer", "Paragraph 1 says so.", "Yes: paragraph 1.", "checked", "In Berlin, as"):
        assert secret not in before
    graded = text_of(teacher_client.post(preview_url, data={**answer, "csrf_token": csrf_token(before)}))
    # A cloze's review names each gap in a table's row, its right answer in the row.
    shown = [part.split(": ", 1)[1] if type_name == "cloze" else part for part in right_answer.split("; ")]
    assert "Paragraph 1 says so." in graded and all(part in graded for part in shown)
    if type_name == "essay":
        assert "Waiting for your teacher to grade" in graded
    else:
        assert "badge-correct" in graded and "2 / 2 points" in graded
    assert counts(app) == (9, 9)  # a preview stores nothing


@pytest.mark.parametrize("key", [q.id for q in read_bank(MINI_BANK).questions])
def test_saving_a_question_unchanged_makes_no_new_version(app, teacher_client, mini_bank, key):
    url = f"{BANK}/questions/{key}/edit"
    reply = teacher_client.post(url, data=editor_fields(teacher_client.get(url).text))
    assert reply.status_code == 302, text_of(reply)
    assert "Nothing changed" in teacher_client.get(reply.headers["Location"]).text
    assert counts(app) == (8, 8)


def test_add_and_remove_buttons_change_the_rows_and_save_nothing(app, teacher_client, mini_bank):
    url = f"{BANK}/questions/new?type=single_choice"
    page = teacher_client.get(url).text
    assert len(re.findall(r'name="options-\d+-text"', page)) == 4
    typed = {**editor_fields(page), "options-0-text": "Kyiv", "options-1-text": "Berlin", "options-2-text": "Paris"}
    more = teacher_client.post(url, data={**typed, "add_options": "1"})
    assert more.status_code == 200 and len(re.findall(r'name="options-\d+-text"', more.text)) == 5
    assert 'value="Kyiv"' in more.text and "Not saved" not in more.text and 'class="errors"' not in more.text
    fewer = teacher_client.post(url, data={**editor_fields(more.text), "remove_options-1": "1"})
    assert len(re.findall(r'name="options-\d+-text"', fewer.text)) == 4
    assert re.findall(r'name="options-\d+-text" type="text" value="([^"]*)"', fewer.text) == ["Kyiv", "Paris", "", ""]
    evidence = teacher_client.post(url, data={**editor_fields(fewer.text), "add_evidence": "1"})
    assert len(re.findall(r'name="evidence-\d+-paragraph"', evidence.text)) == 2
    edit = f"{BANK}/questions/article-order/edit"
    items = teacher_client.post(edit, data={**editor_fields(teacher_client.get(edit).text), "add_items": "1"})
    assert len(re.findall(r'name="items-\d+"', items.text)) == 4
    assert counts(app) == (8, 8)


def _refused(app, client, type_name, data, field_id, message):
    before = counts(app)
    reply = create(client, type_name, data)
    assert reply.status_code == 200 and "Not saved" in reply.text
    errors = re.search(rf'<ul class="errors" id="{re.escape(field_id)}-errors">(.*?)</ul>', reply.text, re.DOTALL)
    assert errors and message in html.unescape(errors.group(1)), text_of(reply)
    assert counts(app) == before
    return reply


def test_the_loaders_rules_refuse_bad_questions_next_to_the_field(app, teacher_client, mini_bank):
    none_right = {**COMMON, **PER_TYPE["single_choice"][0], "id": "two-right", "right_option": ""}
    reply = _refused(app, teacher_client, "single_choice", none_right, "options",
                     "Mark exactly one answer as right, or switch to Multiple response.")
    assert 'value="Kyiv"' in reply.text and 'value="Where did they meet?"' not in reply.text
    assert re.search(r">\s*Where did they meet\?</textarea>", reply.text) and 'value="two-right"' in reply.text

    no_tolerance = {**COMMON, "id": "no-tolerance", "answers-0-value": "800000"}
    reply = _refused(app, teacher_client, "numeric", no_tolerance, "answers-0-tolerance",
                     "Give a tolerance: how far off an answer may be and still count (0 for exact).")
    assert 'value="800000"' in reply.text
    _refused(app, teacher_client, "numeric", {**no_tolerance, "answers-0-value": "1e400", "answers-0-tolerance": "inf"},
             "answers-0-tolerance", "Write a number, like 2 or 2.5.")  # JSON could not store them

    article = Article("", "", None, read_bank(MINI_BANK).article.paragraphs)
    [(_, loader_says)] = evidence_problems([Evidence(paragraph=2, quote=P1)], article)
    misquoted = {**COMMON, **PER_TYPE["true_false"][0], "id": "misquoted", "evidence-0-paragraph": "2"}
    reply = _refused(app, teacher_client, "true_false", misquoted, "evidence-0-quote", loader_says)
    assert "it occurs in paragraph 1" in loader_says and f'value="{P1}"' in reply.text

    taken = {**COMMON, **PER_TYPE["essay"][0], "id": "meeting-city"}
    _refused(app, teacher_client, "essay", taken, "id", "Another question of this bank already has this id")
    _refused(app, teacher_client, "essay", {**taken, "id": "Not An Id"}, "id",
             "The id may use only lower-case letters, digits and single hyphens, like who-signed-it.")
    _refused(app, teacher_client, "ordering", {**COMMON, "id": "two-items", "items-0": "A", "items-1": "B"},
             "items", "Give at least three items to put in order.")
    _refused(app, teacher_client, "multiple_response", {**COMMON, "id": "bad-credit", "options-0-text": "A",
             "options-0-correct": "y", "options-0-credit": "lots", "options-1-text": "B"},
             "options-0-credit", "Write a number, like 2 or 2.5.")


def test_multiple_response_credits_say_which_options_are_right(app, teacher_client, mini_bank):
    credits = {**COMMON, "id": "credits", "options-0-text": "A", "options-0-credit": "50", "options-1-text": "B",
               "options-1-credit": "50%", "options-2-text": "C", "options-2-credit": "-50"}
    assert create(teacher_client, "multiple_response", credits).status_code == 302
    with app.app_context():
        definition = definition_of(db.session.scalar(select(QuestionVersion).order_by(QuestionVersion.id.desc())))
        assert definition.fractions() == {"a": 0.5, "b": 0.5, "c": -0.5} and definition.right_answer() == "A; B"
    _refused(app, teacher_client, "multiple_response", {**credits, "id": "ticked-wrong", "options-2-correct": "y"},
             "options-2-credit", "A right option needs a credit above 0, and a wrong one 0 or less.")


def _review_section(page: str, position: int) -> str:
    return re.search(rf'<li class="card review-item[^"]*" id="question-{position}">.*?</li>\s*(?=<li|</ol>)',
                     page, re.DOTALL).group(0)


def test_editing_after_attempts_leaves_every_earlier_review_and_score_as_it_was(app, client, teacher_client, mini_bank):
    attempt_url = start(client)
    review_url = submit(client, attempt_url, RIGHT).headers["Location"]
    review_before = client.get(review_url).text
    score = re.search(r'<p class="score-line">.*?</p>', review_before, re.DOTALL).group(0)

    edit = f"{BANK}/questions/meeting-city/edit"
    fields = editor_fields(teacher_client.get(edit).text)
    assert fields["right_option"] == "1" and fields["options-1-text"] == "Berlin"
    fields.update({"prompt": "Which city hosted the talks?", "options-0-text": "Kyiv, the capital",
                   "right_option": "0"})
    reply = teacher_client.post(edit, data=fields)
    assert reply.status_code == 302 and "Saved as version 2" in teacher_client.get(reply.headers["Location"]).text

    review_after = client.get(review_url).text
    assert _review_section(review_after, 1) == _review_section(review_before, 1)
    assert re.search(r'<p class="score-line">.*?</p>', review_after, re.DOTALL).group(0) == score
    with app.app_context():
        attempt = db.session.scalar(select(Attempt))
        assert attempt.points == 5 and attempt.responses[0].question_version.number == 1

    other = app.test_client()
    new_attempt = other.get(start(other)).text
    assert "Which city hosted the talks?" in new_attempt and "Kyiv, the capital" in new_attempt
    assert "In which city were the agreements finalized?" not in new_attempt
    detail = teacher_client.get(f"{BANK}/questions/meeting-city").text
    assert ">Version 1</a>" in detail and ">Version 2</a>" in detail
    old = teacher_client.get(f"{BANK}/questions/meeting-city/versions/1").text
    assert "In which city were the agreements finalized?" in old and "the latest is" in old
    again = teacher_client.get(edit).text
    assert "Editing v2" in again and 'value="Kyiv, the capital"' in again
    assert teacher_client.get(f"{BANK}/questions/meeting-city/versions/3").status_code == 404


EVIL = "<script>alert(1)</script> [link](javascript:alert(1)) <img src=x onerror=alert(1)>"


class _Dangers(HTMLParser):
    """Markup that could run script: inline scripts, on* attributes, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and not (a.get("src") or "").startswith("/static/"):
            self.found.append("inline <script>")
        if tag == "img":
            self.found.append("<img>")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def assert_harmless(page: str) -> None:
    checker = _Dangers()
    checker.feed(page)
    assert checker.found == [] and "<script>alert" not in page


def test_teacher_text_is_shown_as_harmless_text_or_sanitized_markup(app, client, teacher_client, mini_bank):
    evil = {**COMMON, "id": "evil", "prompt": "Prompt " + EVIL, "explanation": "Why " + EVIL,
            "options-0-text": "A " + EVIL, "options-0-feedback": "Feedback A " + EVIL, "right_option": "0",
            "options-1-text": "B " + EVIL, "options-1-feedback": "Feedback B " + EVIL}
    assert create(teacher_client, "single_choice", evil).status_code == 302
    assert publish(teacher_client, "evil").status_code == 302
    attempt_url = start(client)
    attempt_page = client.get(attempt_url).text
    assert "alert(1)" in html.unescape(attempt_page)  # shown, as text
    assert_harmless(attempt_page)
    review = client.get(submit(client, attempt_url, {"q9": "b"}).headers["Location"]).text
    assert "Feedback B" in review and "Why" in review
    assert_harmless(review)
    preview_url = f"{BANK}/questions/evil/preview"
    preview = teacher_client.get(preview_url).text
    assert_harmless(preview)
    graded = teacher_client.post(preview_url, data={"q1": "a", "csrf_token": csrf_token(preview)}).text
    assert "Feedback A" in graded
    assert_harmless(graded)
    for url in (BANK, f"{BANK}/questions/evil", f"{BANK}/questions/evil/edit"):
        assert_harmless(teacher_client.get(url).text)


def test_retired_questions_leave_new_attempts_until_restored(app, client, teacher_client, mini_bank):
    detail = f"{BANK}/questions/sources"
    token = csrf_token(teacher_client.get(detail).text)
    assert teacher_client.post(detail + "/retire", data={"csrf_token": token}).status_code == 302
    assert "Retired" in teacher_client.get(BANK).text
    assert client.get(start(client)).text.count("<fieldset") == 7
    assert teacher_client.post(detail + "/restore", data={"csrf_token": token}).status_code == 302
    other = app.test_client()  # a new student: no attempt in progress to continue
    assert other.get(start(other)).text.count("<fieldset") == 8
    assert teacher_client.post(detail + "/retire", data={}).status_code == 400  # CSRF stays on


def test_the_editor_is_for_signed_in_teachers_and_known_things_only(app, client, teacher_client, mini_bank):
    page = client.get(f"{BANK}/questions/new?type=essay")
    assert page.status_code == 302 and "/teacher/sign-in" in page.headers["Location"]
    assert teacher_client.get(f"{BANK}/questions/new?type=crossword").status_code == 404
    assert teacher_client.get(f"{BANK}/questions/nope").status_code == 404
    assert teacher_client.get("/teacher/banks/nope").status_code == 404
    picker = teacher_client.get(f"{BANK}/questions/new").text
    assert all(f"type={t}" in picker for t in PER_TYPE)


def test_a_credit_moodle_would_refuse_is_named_in_its_row_and_nothing_is_saved(app, teacher_client, mini_bank):
    before = counts(app)
    fields = {**PER_TYPE["short_answer"][0], "answers-1-credit": "35"}
    reply = create(teacher_client, "short_answer", {**COMMON, **fields, "id": "odd-credit"})
    assert reply.status_code == 200 and "Not saved" in reply.text
    assert "Use one of Moodle's grades" in text_of(reply) and "the nearest is 33.33333% or 40%" in text_of(reply)
    assert counts(app) == before
    thirds = {**PER_TYPE["short_answer"][0], "answers-1-credit": "33.33333"}
    assert create(teacher_client, "short_answer", {**COMMON, **thirds, "id": "third-credit"}).status_code == 302
