"""The item-writing checks in the question editor: a leaking or cued question is flagged as the
teacher types (the panel the page fetches) and when Check is pressed without JavaScript, a warning
can be kept on purpose, and the choice survives saving, editing and the question's page."""

from __future__ import annotations

import html
import re

from tests.conftest import csrf_token
from tests.web.test_teacher_questions import BANK, COMMON, counts, create, editor_fields

# The answer "Berlin" is the right option of the bank's meeting-city question, in the same quiz.
LEAKING = {**COMMON, "prompt": "Which city hosted the talks?", "answers-0-text": "Berlin"}
# The right option is three times as long as the wrong ones: students learn to pick the longest.
CUED = {**COMMON, "prompt": "What did the meeting produce?",
        "options-0-text": "Kyiv", "options-1-text": "Two documents: security guarantees and a plan for more troops",
        "options-2-text": "Paris", "right_option": "1"}


def panel(client, type_name: str, data: dict, key: str | None = None) -> str:
    """The checks panel for the question as typed, as the editor's script fetches it."""
    page = client.get(f"{BANK}/questions/{key}/edit" if key else f"{BANK}/questions/new?type={type_name}")
    url = re.search(r'id="item-checks" data-url="([^"]+)"', page.text).group(1)
    reply = client.post(html.unescape(url), data={**data, "csrf_token": csrf_token(page.text)})
    assert reply.status_code == 200
    return html.unescape(reply.text)


def test_a_question_whose_answer_another_question_shows_is_flagged_as_it_is_typed(app, teacher_client, mini_bank):
    before = counts(app)
    checks = panel(teacher_client, "short_answer", LEAKING)
    assert "The answer's words 'Berlin' are shown in option 'b' of question 'meeting-city'" in checks
    # It also cites meeting-city's passage for the same answer: the same fact, asked twice.
    assert "It tests the same fact as question 'meeting-city'" in checks and "2 open warnings" in checks
    assert 'value="answer-leak"' in checks and 'value="same-fact"' in checks
    # Its twin with an answer no other question shows is clear.
    clear = panel(teacher_client, "short_answer", {**LEAKING, "answers-0-text": "Germany's capital"})
    assert "No warnings" in clear and "answer-leak" not in clear
    assert counts(app) == before  # checking saves nothing


def test_a_prompt_that_gives_away_another_questions_answer_is_flagged_on_both(app, teacher_client, mini_bank):
    # This prompt shows "Berlin", the answer of meeting-city: the warning is meeting-city's, about this question.
    checks = panel(teacher_client, "true_false", {**COMMON, "prompt": "The talks were held in Berlin.",
                                                  "answer": "true"})
    assert "<strong>answer-leak</strong> on question <code>meeting-city</code>" in checks
    assert 'value="answer-leak"' not in checks  # only meeting-city's own editor can accept it, there


def test_without_javascript_check_shows_the_cue_and_saves_nothing(app, teacher_client, mini_bank):
    before = counts(app)
    page = html.unescape(create(teacher_client, "single_choice", {**CUED, "check": "1"}).text)
    assert "longest-option" in page and "The right option 'b' has" in page
    assert 'value="longest-option"' in page and "Not saved" not in page
    assert counts(app) == before


def test_a_warning_kept_on_purpose_survives_saving_and_editing(app, teacher_client, mini_bank):
    saved = create(teacher_client, "single_choice", {**CUED, "id": "meeting-produced", "check": ""})
    assert saved.status_code == 302
    question = teacher_client.get(saved.headers["Location"])
    assert "item-writing warning open" in html.unescape(question.text)
    listed = re.search(r"<code>meeting-produced</code>.*?</tr>", teacher_client.get(BANK).text, re.DOTALL).group(0)
    assert '<span class="badge badge-warning">1 warning</span>' in listed
    edit = teacher_client.get(f"{BANK}/questions/meeting-produced/edit").text
    fields = editor_fields(edit)
    assert "accept_warnings" not in fields  # offered, not ticked
    teacher_client.post(f"{BANK}/questions/meeting-produced/edit",
                        data={**fields, "accept_warnings": "longest-option", "save": "1"})
    edit = teacher_client.get(f"{BANK}/questions/meeting-produced/edit").text
    fields = editor_fields(edit)
    assert fields["accept_warnings"] == "longest-option"
    # The question page lists it as accepted; saving the editor unchanged keeps it and makes no version.
    assert "Accepted: kept on purpose." in teacher_client.get(f"{BANK}/questions/meeting-produced").text
    listed = re.search(r"<code>meeting-produced</code>.*?</tr>", teacher_client.get(BANK).text, re.DOTALL).group(0)
    assert "badge-warning" not in listed
    before = counts(app)
    again = teacher_client.post(f"{BANK}/questions/meeting-produced/edit", data={**fields, "save": "1"})
    assert again.status_code == 302 and counts(app) == before
    follow = html.unescape(teacher_client.get(again.headers["Location"]).text)
    assert "Nothing changed" in follow and "warning open" not in follow and "warnings open" not in follow
    assert "No open warnings: 1 kept on purpose." in follow


def test_an_unfinished_question_keeps_its_accepted_warnings_until_it_can_be_checked(app, teacher_client, mini_bank):
    page = html.unescape(create(teacher_client, "single_choice",
                                {**CUED, "prompt": "", "accept_warnings": "longest-option", "check": "1"}).text)
    assert "The checks run once the question is complete" in page
    assert '<input type="hidden" name="accept_warnings" value="longest-option">' in page


def test_a_tampered_warning_name_is_refused_beside_the_checks(app, teacher_client, mini_bank):
    before = counts(app)
    reply = create(teacher_client, "single_choice", {**CUED, "accept_warnings": "anything-goes"})
    page = html.unescape(reply.text)
    assert reply.status_code == 200 and "'anything-goes' is not the name of a warning" in page
    assert counts(app) == before
