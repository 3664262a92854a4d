"""A quiz set for a class runs by the class's own settings: one class sits a timed single-attempt
test while another practises the same quiz freely; results can wait for the teacher's release;
and a class keeps the questions it was given until its teacher updates them."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

from sqlalchemy import select

from lectern.extensions import db
from lectern.models import DRAFT, Assignment, Attempt, Question, QuestionVersion, Quiz
from tests.conftest import csrf_token
from tests.web.attempt_steps import load, move_clock
from tests.web.class_steps import ids, joined, new_class, rows
from tests.web.helpers import RIGHT, start, submit
from tests.web.teachers import post_form

TEST = {"opens_at": "", "closes_at": "2040-01-01T09:00", "time_limit_minutes": "15", "attempts_allowed": "1",
        "grading_method": "highest", "review_correctness": "after_close", "review_right_answers": "after_close",
        "review_explanations": "after_close"}
PRACTICE = {"opens_at": "", "closes_at": "", "time_limit_minutes": "", "attempts_allowed": "",
            "grading_method": "highest", "review_correctness": "immediately", "review_right_answers": "immediately",
            "review_explanations": "immediately", "practice_allowed": "y"}


def _quiz_id(app, key: str = "full") -> int:
    with app.app_context():
        return db.session.scalar(select(Quiz.id).where(Quiz.key == key))


def _assign(app, teacher_client, classroom_id: int, settings: dict, key: str = "full"):
    page = f"/teacher/classes/{classroom_id}/assign?quiz={_quiz_id(app, key)}"
    return post_form(teacher_client, f"/teacher/classes/{classroom_id}/assignments",
                     {"quiz_id": _quiz_id(app, key), **settings}, page)


def test_the_assign_form_starts_as_a_test_and_says_so(app, teacher_client, klass):
    choose = teacher_client.get(f"/teacher/classes/{klass[0]}/assign").text
    assert "Full comprehension check" in choose and f"quiz={_quiz_id(app)}" in choose
    form = unescape(teacher_client.get(f"/teacher/classes/{klass[0]}/assign?quiz={_quiz_id(app)}").text)
    assert "These start as a test's settings: one attempt, results after the close date" in form
    assert 'name="attempts_allowed" type="number" value="1"' in form
    assert '<option selected value="after_close">After the quiz closes</option>' in form
    assert "When I release the results" in form


def test_one_class_sits_a_timed_test_while_another_practises_the_same_quiz(app, teacher_client, mini_bank):
    test_class, practice_class = new_class(teacher_client, "9A"), new_class(teacher_client, "9B")
    assert _assign(app, teacher_client, test_class[0], TEST).status_code == 302
    assert _assign(app, teacher_client, practice_class[0], PRACTICE).status_code == 302
    tested, practised = ids(app, Assignment)
    with app.app_context():  # the shared quiz itself is untouched
        quiz = db.session.get(Quiz, _quiz_id(app))
        assert (quiz.time_limit_minutes, quiz.attempts_allowed) == (None, None)

    ana, ben = app.test_client(), app.test_client()
    joined(ana, test_class[1], "Ana")
    joined(ben, practice_class[1], "Ben")
    ana_start = ana.get(f"/quizzes/mini/full?assignment={tested}").text
    assert "Time limit: 15 minutes" in ana_start and "One attempt" in ana_start
    url = start(ana, name="Ana")  # from the article's own link: still the class's test
    attempt = load(app, url)
    assert attempt.assignment_id == tested and attempt.deadline is not None
    assert round((attempt.deadline - attempt.started_at).total_seconds()) == 15 * 60
    assert submit(ana, url, RIGHT).status_code == 302
    review = ana.get(f"{url}/review").text
    assert "will be shown after the quiz closes" in review and "<dt>Right answer</dt>" not in review
    again = ana.get("/quizzes/mini/full")
    assert "This quiz allows one attempt, and you have used them all." in again.text
    assert 'value="Start practising"' not in ana.get("/practice/mini/full").text  # a test: no practice yet

    for _ in range(2):  # the other class retakes it freely and sees its review at once
        url = start(ben, name="Ben")
        assert load(app, url).assignment_id == practised and load(app, url).deadline is None
        assert submit(ben, url, RIGHT).status_code == 302
        assert "Score" in ben.get(f"{url}/review").text
    assert ben.get("/practice/mini/full").status_code == 200
    assert "Students may practise" not in ben.get("/practice/mini/full").text


def test_changing_one_classs_settings_leaves_the_other_class_and_the_quiz_alone(app, teacher_client, mini_bank):
    first, second = new_class(teacher_client, "9A"), new_class(teacher_client, "9B")
    _assign(app, teacher_client, first[0], PRACTICE)
    _assign(app, teacher_client, second[0], PRACTICE)
    one, two = ids(app, Assignment)
    url = f"/teacher/classes/{first[0]}/assignments/{one}/settings"
    assert "These settings are this class's only" in unescape(teacher_client.get(url).text)
    assert post_form(teacher_client, url, {**TEST, "time_limit_minutes": "20"}).status_code == 302
    with app.app_context():
        a, b = db.session.get(Assignment, one), db.session.get(Assignment, two)
        assert (a.time_limit_minutes, a.attempts_allowed, a.review_correctness) == (20, 1, "after_close")
        assert (b.time_limit_minutes, b.attempts_allowed, b.review_correctness) == (None, None, "immediately")
        assert db.session.get(Quiz, _quiz_id(app)).time_limit_minutes is None


def test_settings_that_contradict_each_other_are_refused_with_what_to_fix(app, teacher_client, klass):
    before = rows(app)
    no_close = _assign(app, teacher_client, klass[0], {**TEST, "closes_at": ""})
    assert no_close.status_code == 400
    assert "You chose to show results after the quiz closes: give it a close date" in no_close.text
    practice_hidden = _assign(app, teacher_client, klass[0], {**TEST, "practice_allowed": "y"})
    assert practice_hidden.status_code == 400 and "Practice shows the answers at once" in practice_hidden.text
    bad = _assign(app, teacher_client, klass[0], {**TEST, "attempts_allowed": "0", "time_limit_minutes": "x"})
    assert bad.status_code == 400 and "Allow 1 to 100 attempts" in bad.text and "Not a valid integer" in bad.text
    assert rows(app) == before


def test_results_wait_for_the_teachers_release(app, teacher_client, klass):
    released = {**PRACTICE, "practice_allowed": "", "review_correctness": "released",
                "review_right_answers": "released", "review_explanations": "released"}
    assert _assign(app, teacher_client, klass[0], released).status_code == 302
    [assignment_id] = ids(app, Assignment)
    ana = app.test_client()
    joined(ana, klass[1], "Ana")
    url = start(ana, name="Ana")
    submit(ana, url, RIGHT)
    assert "when your teacher releases the results" in ana.get(f"{url}/review").text
    settings = f"/teacher/classes/{klass[0]}/assignments/{assignment_id}/settings"
    assert "Not released yet" in teacher_client.get(settings).text
    release = f"/teacher/classes/{klass[0]}/assignments/{assignment_id}/release"
    assert post_form(teacher_client, release, {}, settings).status_code == 302
    shown = ana.get(f"{url}/review").text
    assert "when your teacher releases" not in shown and "<dt>Right answer</dt>" in shown
    assert post_form(teacher_client, release, {"withdraw": "1"}, settings).status_code == 302
    assert "when your teacher releases the results" in ana.get(f"{url}/review").text


def test_a_class_keeps_its_questions_until_its_teacher_updates_them(app, teacher_client, klass, monkeypatch):
    assert _assign(app, teacher_client, klass[0], PRACTICE).status_code == 302
    [assignment_id] = ids(app, Assignment)
    with app.app_context():  # after assigning: one question edited, one drafted into the bank
        question = db.session.scalar(select(Question).where(Question.key == "meeting-city"))
        old = question.versions[-1]
        edited = QuestionVersion(question=question, number=old.number + 1, type=old.type,
                                 definition={**old.definition, "prompt": "Where did the leaders meet this week?"},
                                 digest="edited")
        db.session.add(edited)
        db.session.scalar(select(Question).where(Question.key == "army-size")).status = DRAFT
        db.session.commit()
        old_id, edited_id = old.id, edited.id
    ana = app.test_client()
    joined(ana, klass[1], "Ana")
    url = start(ana, name="Ana")
    shown = {r.question_version_id for r in load(app, url).responses}
    assert old_id in shown and edited_id not in shown
    settings = f"/teacher/classes/{klass[0]}/assignments/{assignment_id}/settings"
    page = teacher_client.get(settings).text
    assert "1 question edited" in page and "This class still gets the questions as they were" in page
    assert post_form(teacher_client, f"/teacher/classes/{klass[0]}/assignments/{assignment_id}/questions",
                     {}, settings).status_code == 302
    submit(ana, url, RIGHT)
    url = start(ana, name="Ana")
    shown = {r.question_version_id for r in load(app, url).responses}
    assert edited_id in shown and old_id not in shown
    with app.app_context():  # the draft is in neither snapshot
        draft = db.session.scalar(select(Question).where(Question.key == "army-size"))
        assert draft.versions[-1].id not in db.session.get(Assignment, assignment_id).question_version_ids


def test_unassigning_asks_first(app, teacher_client, klass):
    assert _assign(app, teacher_client, klass[0], PRACTICE).status_code == 302
    [assignment_id] = ids(app, Assignment)
    url = f"/teacher/classes/{klass[0]}/assignments/{assignment_id}/remove"
    page = teacher_client.get(url)
    assert page.status_code == 200 and "Unassign Full comprehension check from 7B?" in page.text
    assert ids(app, Assignment) == [assignment_id]
    assert post_form(teacher_client, url, {}).status_code == 302
    assert ids(app, Assignment) == [] and ids(app, Attempt) == []


def test_unassigning_submits_attempts_in_progress_with_their_saved_answers(app, teacher_client, klass):
    """Unlinked from the class, an open attempt would meet the student's own open attempt of the
    quiz (only one may be open); it is submitted instead, and nothing else changes."""
    ana = app.test_client()
    joined(ana, klass[1], "Ana")
    own = start(ana)  # on her own, before the class was given the quiz
    assert _assign(app, teacher_client, klass[0], PRACTICE).status_code == 302
    [assignment_id] = ids(app, Assignment)
    page = ana.get(f"/quizzes/mini/full?assignment={assignment_id}")
    in_class = ana.post(f"/quizzes/mini/full?assignment={assignment_id}", data={
        "display_name": "Ana", "csrf_token": csrf_token(page.text)}).headers["Location"]
    assert in_class != own
    token = csrf_token(ana.get(in_class).text)
    assert ana.post(f"{in_class}/save", data={**RIGHT, "csrf_token": token}).status_code == 200

    url = f"/teacher/classes/{klass[0]}/assignments/{assignment_id}/remove"
    assert "attempts in progress are submitted" in teacher_client.get(url).text
    assert post_form(teacher_client, url, {}).status_code == 302
    assert ana.get(in_class).headers["Location"].endswith("/review")
    with app.app_context():
        submitted = db.session.get(Attempt, int(in_class.rsplit("/", 1)[1]))
        assert submitted.submitted_at is not None and submitted.points > 0 and submitted.assignment_id is None
        assert db.session.get(Attempt, int(own.rsplit("/", 1)[1])).submitted_at is None


def test_a_tests_practice_opens_once_its_results_show(app, teacher_client, klass, monkeypatch):
    assert _assign(app, teacher_client, klass[0], TEST).status_code == 302
    ana = app.test_client()
    joined(ana, klass[1], "Ana")
    assert 'value="Start practising"' not in ana.get("/practice/mini/full").text
    move_clock(monkeypatch, timedelta(days=365 * 20))  # past the close date: the review shows everything
    assert 'value="Start practising"' in ana.get("/practice/mini/full").text
