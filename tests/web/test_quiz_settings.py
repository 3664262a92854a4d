"""Quiz settings: the teacher's form, and what each setting does to a student's attempt and review.
CSRF stays on."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import Assignment, Attempt, Classroom, Enrollment, Quiz, Student, utcnow
from lectern.services.attempt_results import quiz_grade
from tests.conftest import csrf_token
from tests.web.attempt_steps import configure, load, move_clock
from tests.web.helpers import RIGHT, start, submit
from tests.web.teachers import post_form

NEW = "/teacher/banks/mini/quizzes/new"
DEFAULTS = {"questions_per_page": "0", "grading_method": "highest", "review_correctness": "immediately",
            "review_right_answers": "immediately", "review_explanations": "immediately"}
# Right answers by question key, so they can be sent whatever position a shuffle gave each question.
RIGHT_BY_KEY = {"meeting-city": "b", "who-met": ["a", "b"], "us-combat-troops": "false",
                "treaty-article": "Article 5", "army-size": "800,000"}


def _quizzes(app) -> list[tuple]:
    with app.app_context():
        return [tuple(row) for row in db.session.execute(select(Quiz.__table__).order_by(Quiz.id))]


def test_a_teacher_creates_a_quiz_and_edits_its_settings(app, teacher_client, mini_bank, client):
    reply = post_form(teacher_client, NEW, {**DEFAULTS, "title": "Week 3 check", "draw": "3",
                                            "shuffle_questions": "y", "shuffle_options": "y",
                                            "time_limit_minutes": "5"})
    assert reply.status_code == 302, reply.text
    settings_url = reply.headers["Location"]
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.title == "Week 3 check"))
        assert settings_url == f"/teacher/quizzes/{quiz.id}"
        assert quiz.key == "week-3-check" and quiz.spec == {"id": "week-3-check", "title": "Week 3 check", "draw": 3}
        assert (quiz.shuffle_questions, quiz.shuffle_options, quiz.time_limit_minutes) == (True, True, 5)
        assert quiz.attempts_allowed is None and quiz.created_by_id is not None
    assert "Week 3 check" in client.get("/").text

    url = start(client, quiz="week-3-check")
    page = client.get(url).text
    assert page.count("<fieldset") == 3 and "Time left" in page

    edit = teacher_client.get(settings_url).text
    assert 'value="Week 3 check"' in edit and 'name="draw" type="number" value="3"' in edit
    reply = post_form(teacher_client, settings_url, {
        **DEFAULTS, "title": "Week 3 check", "draw": "3", "attempts_allowed": "2", "grading_method": "average",
        "review_right_answers": "never", "skills": ["locate", "understand"]})
    assert reply.status_code == 302 and reply.headers["Location"] == settings_url
    with app.app_context():
        quiz = db.session.get(Quiz, quiz.id)
        assert (quiz.attempts_allowed, quiz.grading_method, quiz.review_right_answers) == (2, "average", "never")
        assert quiz.shuffle_questions is False and quiz.time_limit_minutes is None  # unticked, emptied
        assert quiz.spec["skills"] == ["locate", "understand"]
    saved = teacher_client.get(settings_url).text
    assert "The quiz settings were saved." in saved
    # Dates belong to each class's assignment; the quiz's own form has none to set.
    assert 'name="opens_at"' not in saved and 'name="closes_at"' not in saved
    assert "When I release the results" not in saved  # a quiz on its own has no teacher to release it


def test_a_quiz_with_old_dates_can_clear_them(app, teacher_client, mini_bank):
    quiz_id = configure(app, "quick", closes_at=utcnow() + timedelta(days=3))
    url = f"/teacher/quizzes/{quiz_id}"
    page = teacher_client.get(url).text
    assert "still has its own dates from before classes had theirs" in page
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        spec = quiz.spec
    reply = post_form(teacher_client, url, {**DEFAULTS, "title": "Quick check", "clear_dates": "y",
                                            "skills": spec.get("skills") or [], "draw": spec.get("draw") or "",
                                            "one_per_skill": "y" if spec.get("one_per_skill") else ""})
    assert reply.status_code == 302, reply.text
    with app.app_context():
        assert db.session.get(Quiz, quiz_id).closes_at is None


@pytest.mark.parametrize("fields, field_id, message", [
    ({"title": " "}, "title", "Give the quiz a title."),
    ({"time_limit_minutes": "0"}, "time_limit_minutes", "Use 1 to 600 minutes"),
    ({"time_limit_minutes": "601"}, "time_limit_minutes", "Use 1 to 600 minutes"),
    ({"attempts_allowed": "101"}, "attempts_allowed", "Allow 1 to 100 attempts"),
    ({"draw": "20"}, "draw", "Draws 20 questions but only 8 match."),
    ({"one_per_skill": "y"}, "one_per_skill", "give the number of questions to draw"),
    ({"draw": "2", "one_per_skill": "y"}, "one_per_skill", "Must draw at least 3 to cover every skill."),
    ({"skills": ["evaluate"], "draw": "3"}, "draw", "Draws 3 questions but only 2 match."),
    ({"grading_method": "median"}, "grading_method", "Not a valid choice"),
])
def test_invalid_settings_are_shown_next_to_their_field_and_nothing_is_written(
        app, teacher_client, mini_bank, fields, field_id, message):
    before = _quizzes(app)
    reply = post_form(teacher_client, NEW, {**DEFAULTS, "title": "Checked", **fields})
    assert reply.status_code == 200
    errors = re.search(rf'<ul class="errors" id="{field_id}-errors">(.*?)</ul>', reply.text, re.DOTALL)
    assert errors and message in errors.group(1).replace("&#39;", "'"), reply.text
    assert re.search(rf'aria-describedby="[^"]*{field_id}-errors"', reply.text)
    assert _quizzes(app) == before

    quiz_id = configure(app)
    reply = post_form(teacher_client, f"/teacher/quizzes/{quiz_id}", {**DEFAULTS, "title": "Checked", **fields})
    assert reply.status_code == 200 and f'id="{field_id}-errors"' in reply.text
    assert _quizzes(app) == before


def test_the_settings_page_of_a_bank_file_quiz_says_what_reloading_keeps(app, teacher_client, mini_bank):
    quiz_id = configure(app, "quick", attempts_allowed=3)
    page = teacher_client.get(f"/teacher/quizzes/{quiz_id}").text
    assert "declared in the bank" in page and 'name="attempts_allowed" type="number" value="3"' in page
    assert 'value="y" checked' in page or re.search(r'checked id="one_per_skill"', page)
    assert teacher_client.get("/teacher/quizzes/999").status_code == 404
    assert teacher_client.get("/teacher/banks/nope/quizzes/new").status_code == 404


def _counts(app) -> tuple[int, int]:
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in (Attempt, Student))


def test_open_and_close_dates_and_attempts_allowed_refuse_a_start_and_create_nothing(app, client, mini_bank):
    # A refused start page has no form; the token comes from a page that has one (the same session).
    configure(app, "quick", attempts_allowed=None)
    token_page = client.get("/quizzes/mini/quick")
    assert 'name="display_name"' in token_page.text

    configure(app, opens_at=utcnow() + timedelta(days=1))
    _refused_with(app, client, csrf_token(token_page.text), "This quiz opens on")
    configure(app, opens_at=None, closes_at=utcnow() - timedelta(minutes=1))
    _refused_with(app, client, csrf_token(token_page.text), "This quiz closed on")
    assert _counts(app) == (0, 0)

    configure(app, closes_at=None, attempts_allowed=1)
    submit(client, start(client), RIGHT)
    _refused_with(app, client, csrf_token(token_page.text), "This quiz allows one attempt, and you have used them all.")
    assert _counts(app) == (1, 1)


def _refused_with(app, client, token, message):
    before = _counts(app)
    page = client.get("/quizzes/mini/full").text.replace("&#39;", "'")
    assert message in page and 'name="display_name"' not in page
    reply = client.post("/quizzes/mini/full", data={"display_name": "Ana", "csrf_token": token})
    assert reply.status_code == 403 and message in reply.text.replace("&#39;", "'")
    assert _counts(app) == before


def _order(app, url) -> list[str]:
    with app.app_context():
        attempt = db.session.get(Attempt, int(url.rsplit("/", 1)[1]))
        return [r.question_version.question.key for r in attempt.responses]


def test_shuffled_attempts_differ_keep_their_order_on_reload_and_grade_right(app, mini_bank):
    configure(app, shuffle_questions=True, shuffle_options=True)
    urls, orders = [], []
    for n in range(6):  # 8! orders: six attempts all alike would be a broken shuffle
        browser = app.test_client()
        urls.append((browser, start(browser, name=f"S{n}")))
        orders.append(_order(app, urls[-1][1]))
    assert len({tuple(o) for o in orders}) > 1

    browser, url = urls[0]
    first, again = browser.get(url).text, browser.get(url).text
    assert first.replace(csrf_token(first), "") == again.replace(csrf_token(again), "")
    attempt = load(app, url)
    for response in attempt.responses:  # options are shown in the stored order
        if response.option_order:
            shown = re.findall(rf'name="q{response.position}" type="(?:radio|checkbox)" value="(\w)"', first)
            assert shown == response.option_order

    answers = {f"q{pos}": RIGHT_BY_KEY[key] for pos, key in enumerate(orders[0], start=1) if key in RIGHT_BY_KEY}
    submit(browser, url, answers)
    assert load(app, url).points == 5


def _assigned(app, student_browser, closes_at=None, opens_at=None, quiz_key="full") -> int:
    """A class with the browser's student enrolled and the quiz assigned to it; returns the assignment id."""
    submit(student_browser, start(student_browser, quiz="quick"), {})  # the browser's student record
    with app.app_context():
        from lectern.services.teachers import create_teacher

        teacher = create_teacher("class@school.org", "correct horse battery")
        student = db.session.scalar(select(Student))
        quiz = db.session.scalar(select(Quiz).where(Quiz.key == quiz_key))
        classroom = Classroom(teacher=teacher, name="7B", join_code="QWERTY")
        assignment = Assignment(classroom=classroom, quiz=quiz, opens_at=opens_at, closes_at=closes_at)
        db.session.add_all([classroom, Enrollment(classroom=classroom, student=student, display_name="Ana"),
                            assignment])
        db.session.commit()
        return assignment.id


def test_an_enrolled_student_starts_an_assigned_quiz_and_the_attempt_records_it(app, client, mini_bank):
    configure(app, closes_at=utcnow() - timedelta(days=1))  # the class's own dates win over the quiz's
    assignment_id = _assigned(app, client, closes_at=utcnow() + timedelta(days=1))
    stranger = app.test_client()  # not in the class: the quiz's own (closed) dates
    assert "This quiz closed on" in stranger.get("/quizzes/mini/full").text
    # The student's class has it open: even from the article's own link they take it as set for the class.
    page = client.get("/quizzes/mini/full").text
    assert "This quiz closed on" not in page and "Set for your class 7B" in page
    url = start(client, quiz="full")
    assert load(app, url).assignment_id == assignment_id


def test_an_assignment_of_someone_else_or_another_quiz_is_not_found(app, client, mini_bank):
    assignment_id = _assigned(app, client)
    stranger = app.test_client()
    submit(stranger, start(stranger, quiz="quick", name="Bo"), {})
    assert stranger.get(f"/quizzes/mini/full?assignment={assignment_id}").status_code == 404
    assert app.test_client().get(f"/quizzes/mini/full?assignment={assignment_id}").status_code == 404
    assert client.get(f"/quizzes/mini/quick?assignment={assignment_id}").status_code == 404
    assert client.get("/quizzes/mini/full?assignment=999").status_code == 404
    assert client.get("/quizzes/mini/full?assignment=x").status_code == 404


def test_a_closed_assignment_refuses_with_a_message(app, client, mini_bank):
    assignment_id = _assigned(app, client, closes_at=utcnow() - timedelta(hours=1))
    page = client.get(f"/quizzes/mini/full?assignment={assignment_id}").text
    assert "This quiz closed on" in page and 'name="display_name"' not in page
    assert _counts(app)[0] == 1  # only the quick attempt that made the student


def test_review_timing_hides_right_answers_and_explanations_until_the_close_date(
        app, client, mini_bank, monkeypatch):
    configure(app, review_correctness="after_close", review_right_answers="never",
              review_explanations="after_close", closes_at=utcnow() + timedelta(days=1))
    url = start(client)
    submit(client, url, {"q1": "a", "q3": "true"})
    review = client.get(url + "/review").text.replace("&#39;", "'")
    assert "Your answers were submitted" in review and "after the quiz closes" in review
    assert "points" not in review and "badge" not in review and "state-incorrect" not in review
    assert "Right answer" not in review and "Berlin" not in review.split("<ol class=\"review\">")[1]
    assert "The first sentence names the city." not in review  # explanation
    assert "Kyiv is Ukraine's capital" not in review  # the chosen option's feedback
    assert "Evidence in the article" not in review and "<dd>Kyiv</dd>" in review  # their own answer stays
    listing = client.get("/attempts").text
    assert "Submitted" in listing and "/ 8" not in listing

    move_clock(monkeypatch, timedelta(days=2))
    review = client.get(url + "/review").text.replace("&#39;", "'")
    assert "0 / 8 points" in review and "badge-incorrect" in review
    assert "The first sentence names the city." in review and "Kyiv is Ukraine's capital" in review
    assert "Right answer" not in review  # 'never' stays never


def test_the_grade_over_several_attempts_follows_the_grading_method(app, client, mini_bank):
    quiz_id = configure(app, grading_method="average")
    submit(client, start(client), RIGHT)  # 5 / 8
    assert "Quiz grades" not in client.get("/attempts").text  # one attempt: its score is the grade
    submit(client, start(client), {})  # 0 / 8
    listing = client.get("/attempts").text
    assert "Quiz grades" in listing and re.search(r"Full comprehension check</strong>: 31%", listing)
    assert "(average of attempts; 2 attempts)" in listing
    configure(app, grading_method="first")
    with app.app_context():
        student, quiz = db.session.scalar(select(Student)), db.session.get(Quiz, quiz_id)
        assert quiz_grade(student, quiz) == 62.5


def test_a_type_filter_from_the_bank_file_survives_editing(app, teacher_client, mini_bank):
    quiz_id = configure(app, "quick", spec={"id": "quick", "title": "Quick check", "draw": 4, "one_per_skill": True,
                                             "types": ["single_choice", "true_false", "short_answer", "ordering"]})
    page = teacher_client.get(f"/teacher/quizzes/{quiz_id}").text
    assert re.findall(r'<input checked id="types-\d" name="types" type="checkbox" value="(\w+)">', page) == [
        "single_choice", "true_false", "short_answer", "ordering"]
    reply = post_form(teacher_client, f"/teacher/quizzes/{quiz_id}", {
        **DEFAULTS, "title": "Quick check", "draw": "4", "one_per_skill": "y",
        "types": ["single_choice", "true_false", "short_answer", "ordering"]})
    assert reply.status_code == 302
    with app.app_context():
        assert db.session.get(Quiz, quiz_id).spec["types"] == ["single_choice", "true_false", "short_answer", "ordering"]
