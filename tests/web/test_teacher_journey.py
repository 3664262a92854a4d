"""A new teacher's first lesson, end to end through the pages: account, sign-in, a question of
every type with its preview, a class, an assignment, and a student who joins and takes the quiz."""

from __future__ import annotations

import re

from tests.conftest import csrf_token
from tests.web.test_teacher_questions import COMMON, PER_TYPE

EMAIL, PASSWORD = "new.teacher@school.org", "a long enough password"


def _post(client, page_url: str, url: str, data: dict):
    return client.post(url, data={**data, "csrf_token": csrf_token(client.get(page_url).text)})


def test_a_new_teacher_runs_a_first_lesson(app, mini_bank):
    # What `make run` prints: create an account on the command line.
    hint = app.test_cli_runner().invoke(args=["teachers", "hint"]).output
    assert "flask teachers create" in hint
    created = app.test_cli_runner().invoke(args=["teachers", "create", EMAIL], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert created.exit_code == 0, created.output

    teacher = app.test_client()
    signed_in = _post(teacher, "/teacher/sign-in", "/teacher/sign-in", {"email": EMAIL, "password": PASSWORD})
    assert signed_in.headers["Location"] == "/teacher/"
    assert "Your classes and banks" in teacher.get("/teacher/").text

    # One question of every type, each previewed as a student sees it and then graded.
    for kind, (fields, right_answer, answer) in PER_TYPE.items():
        new = f"/teacher/banks/mini/questions/new?type={kind}"
        saved = _post(teacher, new, new, {**COMMON, **fields, "id": f"first-{kind.replace('_', '-')}"})
        assert saved.status_code == 302, (kind, saved.text[:2000])
        preview = f"/teacher/banks/mini/questions/first-{kind.replace('_', '-')}/preview"
        assert "Where did they meet?" in teacher.get(preview).text
        graded = _post(teacher, preview, preview, answer).text
        # A cloze review lists each gap's right answer in its own row, so "Gap 1: " is not written.
        parts = [re.sub(r"^Gap \d+: ", "", part) for part in right_answer.split("; ")]
        assert all(part.replace("→", "&rarr;") in graded or part in graded for part in parts), kind

    # A class, its join code, and the full quiz assigned to it.
    made = _post(teacher, "/teacher/classes/new", "/teacher/classes/new", {"name": "Year 9 English"})
    class_url = made.headers["Location"]
    page = teacher.get(class_url).text
    code = re.search(r'<code[^>]*class="join-code"[^>]*>([A-Z0-9\- ]+)<', page) or \
        re.search(r"/join/([A-Z0-9]{6})", page)
    code = code.group(1).replace(" ", "").replace("-", "")
    choose_url = re.search(r'href="([^"]+/assign)"', page).group(1)
    settings_url = re.search(r'href="([^"]+/assign\?quiz=\d+)">Full comprehension check',
                             teacher.get(choose_url).text).group(1)
    settings = teacher.get(settings_url).text
    assert 'name="attempts_allowed" type="number" value="1"' in settings  # a test's defaults, stated
    quiz_id = re.search(r'<option selected value="(\d+)">', settings).group(1)
    assigned = _post(teacher, settings_url, class_url + "/assignments", {
        "quiz_id": quiz_id, "closes_at": "2040-06-30T15:00", "attempts_allowed": "1", "grading_method": "highest",
        "review_correctness": "after_close", "review_right_answers": "after_close",
        "review_explanations": "after_close"})
    assert assigned.status_code == 302, assigned.text

    # A student joins with the code and takes the quiz from their class page.
    student = app.test_client()
    joined = _post(student, "/join", "/join", {"class_code": code.lower(), "display_name": "Maya"})
    assert joined.status_code == 302
    classes = student.get("/classes").text
    start_url = re.search(r'href="(/quizzes/mini/full\?assignment=\d+)"', classes).group(1).replace("&amp;", "&")
    started = _post(student, start_url, start_url, {"display_name": "Maya"})
    attempt_url = started.headers["Location"]
    summary = _post(student, attempt_url, attempt_url, {"q1": "b"})
    assert summary.headers["Location"].endswith("/summary")
    submitted = _post(student, summary.headers["Location"], summary.headers["Location"], {"submit": "Submit and finish"})
    assert submitted.headers["Location"].endswith("/review")

    # The teacher sees her on the roster and in the gradebook, with a grade.
    assert "Maya" in teacher.get(class_url + "/roster").text
    gradebook_url = re.search(r'href="([^"]+/gradebook)"', teacher.get(class_url).text).group(1)
    gradebook = teacher.get(gradebook_url).text
    assert "Maya" in gradebook and "Submitted" in gradebook
    assert re.search(r"\d+(\.\d+)?\s*%", gradebook)
