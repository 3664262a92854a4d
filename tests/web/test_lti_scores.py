"""Grade passback (AGS) to a simulated platform: the score after a submission, the corrected score
after an essay is marked, retries from the outbox when the gradebook is down, never a score twice."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import LtiScore, utcnow
from lectern.services import lti_scores
from tests.conftest import csrf_token
from tests.web.helpers import RIGHT, submit
from tests.web.lti_platform import INSTRUCTOR, LINEITEM, TOKEN_URL, SimulatedPlatform, launch
from tests.web.results_steps import WITH_ESSAY, essay_response
from tests.web.teachers import post_form

SCORES_URL = LINEITEM.replace("/lineitem?", "/lineitem/scores?")


@pytest.fixture
def course(app, mini_bank, monkeypatch):
    """The teacher opened the activity from the course (their browser is signed in as that class's teacher)."""
    platform = SimulatedPlatform().install(monkeypatch)
    platform.register(app)
    platform.teacher = app.test_client()
    reply, _, _ = launch(platform.teacher, platform, platform.claims(sub="teacher-9", role=INSTRUCTOR, name="Ms Rivera"))
    platform.gradebook = reply.headers["Location"]
    return platform


def _take(client, course, answers, sub="learner-1", name="Ana Lima") -> str:
    """A learner launches, starts the quiz and submits; the submission's reply is closed, as a server does."""
    reply, _, _ = launch(client, course, course.claims(sub=sub, name=name))
    start = reply.headers["Location"]
    page = client.get(start)
    started = client.post(start, data={"display_name": name, "csrf_token": csrf_token(page.text)})
    done = submit(client, started.headers["Location"], answers)
    assert done.status_code == 302, done.text
    done.close()  # the WSGI server closes the response once it is sent: the sender runs then
    return started.headers["Location"]


def test_a_submitted_score_reaches_the_line_item_with_a_signed_token_request(app, course):
    client = app.test_client()
    _take(client, course, RIGHT)
    assert len(course.scores) == 1
    posted = course.scores[0]
    assert posted["url"] == SCORES_URL
    assert posted["headers"]["Content-Type"] == "application/vnd.ims.lis.v1.score+json"
    assert posted["headers"]["Authorization"] == "Bearer token-1"
    body = posted["body"]
    assert body["userId"] == "learner-1" and body["scoreMaximum"] == 100
    assert body["scoreGiven"] == pytest.approx(62.5)  # 5 of the 8 points: the essay unanswered scores 0
    assert body["activityProgress"] == "Completed" and body["gradingProgress"] == "FullyGraded"
    assert body["timestamp"].endswith("Z")

    request = course.token_requests[0]
    assert request["grant_type"] == "client_credentials"
    assert request["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    assert request["scope"] == "https://purl.imsglobal.org/spec/lti-ags/scope/score"
    keys = jwt.PyJWKSet.from_dict(client.get("/lti/jwks.json").get_json())
    kid = jwt.get_unverified_header(request["client_assertion"])["kid"]
    assertion = jwt.decode(request["client_assertion"], keys[kid], algorithms=["RS256"], audience=TOKEN_URL)
    assert assertion["iss"] == assertion["sub"] == "lectern-in-lms" and assertion["jti"]


def test_the_corrected_score_is_posted_after_the_essay_is_marked(app, course):
    attempt_url = _take(app.test_client(), course, WITH_ESSAY)
    first = course.scores[-1]["body"]
    assert first["gradingProgress"] == "PendingManual" and first["scoreGiven"] == pytest.approx(62.5)
    attempt_id = int(attempt_url.rstrip("/").rsplit("/", 1)[-1])
    classroom_id = course.gradebook.split("/classes/")[1].split("/")[0]
    response_id = essay_response(app, attempt_id)
    reply = post_form(course.teacher, f"/teacher/classes/{classroom_id}/responses/{response_id}/grade",
                      {"marks": "1", "comment": "", "back": "attempt"},
                      page_url=f"/teacher/classes/{classroom_id}/attempts/{attempt_id}")
    assert reply.status_code == 302
    reply.close()
    corrected = course.scores[-1]["body"]
    assert len(course.scores) == 2
    assert corrected["gradingProgress"] == "FullyGraded" and corrected["scoreGiven"] == pytest.approx(75.0)
    sync = course.teacher.get(course.gradebook.replace("/gradebook", "/lms-grades"))
    assert "Ana Lima" in sync.text and "75.0%" in sync.text and "sent" in sync.text


def test_a_gradebook_that_is_down_gets_the_score_later_and_only_once(app, course, monkeypatch):
    course.scores_down = True
    _take(app.test_client(), course, RIGHT)
    with app.app_context():
        row = db.session.scalar(select(LtiScore))
        assert (row.status, row.tries) == ("pending", 1) and "503" in row.last_error
        assert row.next_try_at > utcnow() + timedelta(seconds=50)  # backs off a minute
    sync = course.teacher.get(course.gradebook.replace("/gradebook", "/lms-grades"))
    assert "failed 1 time" in sync.text and "down for maintenance" in sync.text

    course.scores_down = False
    runner = app.test_cli_runner()
    assert "0 sent" in runner.invoke(args=["lti", "send-scores"]).output  # not due yet
    with app.app_context():
        db.session.scalar(select(LtiScore)).next_try_at = utcnow()
        db.session.commit()
    assert "1 sent" in runner.invoke(args=["lti", "send-scores"]).output
    assert "0 sent" in runner.invoke(args=["lti", "send-scores"]).output
    assert len(course.scores) == 1


def test_two_senders_never_post_the_same_row_twice(app, course, monkeypatch):
    monkeypatch.setitem(app.config, "LTI_SEND_AFTER_RESPONSE", False)
    _take(app.test_client(), course, RIGHT)
    with app.app_context():
        row = db.session.scalar(select(LtiScore))
        stale = (row.id, row.status, row.next_try_at, row.tries)
        assert lti_scores.send_due().sent == 1
        assert not lti_scores._claim(type("Seen", (), dict(zip(("id", "status", "next_try_at", "tries"), stale)))(),
                                     utcnow())
    assert len(course.scores) == 1


def test_an_attempt_without_a_launch_sends_nothing(app, course, klass):
    from tests.web.helpers import start

    client = app.test_client()
    submit(client, start(client), RIGHT).close()
    assert course.scores == []


def test_the_roster_sync_adds_the_course_learners_who_never_launched(app, course):
    from tests.web.lti_platform import LEARNER

    course.members = [
        {"user_id": "learner-1", "name": "Ana Lima", "roles": [LEARNER], "status": "Active"},
        {"user_id": "learner-2", "given_name": "Bo", "family_name": "Chen", "roles": [LEARNER]},
        {"user_id": "teacher-9", "name": "Ms Rivera", "roles": [INSTRUCTOR]},
        {"user_id": "learner-3", "name": "Gone", "roles": [LEARNER], "status": "Inactive"},
    ]
    out = app.test_cli_runner().invoke(args=["lti", "sync-roster"]).output
    assert "Year 9 English: 2 student(s) added." in out
    assert course.token_requests[-1]["scope"] == "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
    roster = course.teacher.get(course.gradebook.split("/assignments/")[0] + "/roster").text
    assert "Ana Lima" in roster and "Bo Chen" in roster and "Gone" not in roster and "Ms Rivera" not in roster
    _take(app.test_client(), course, RIGHT, sub="learner-2", name="Bo Chen")  # the launch finds the same student
    with app.app_context():
        from lectern.models import Enrollment

        assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 2


def test_the_gradebook_links_to_the_course_sync_page_only_for_an_activity_from_the_course(app, course):
    from lectern.models import Classroom
    from tests.web.results_steps import make_class

    _take(app.test_client(), course, RIGHT)
    gradebook = course.teacher.get(course.gradebook).text
    assert "Scores sent to the course (LMS)" in gradebook
    sync_url = course.gradebook.replace("/gradebook", "/lms-grades")
    assert f'href="{sync_url}"' in gradebook
    sync_page = course.teacher.get(sync_url).text
    assert "Ana Lima" in sync_page and "sent" in sync_page and "62.5%" in sync_page

    classroom_id = int(course.gradebook.split("/classes/")[1].split("/")[0])
    with app.app_context():
        teacher_id = db.session.get(Classroom, classroom_id).teacher_id
    own = make_class(app, teacher_id, name="Own class")  # set in Lectern, not from the course
    plain = course.teacher.get(f"/teacher/classes/{own.classroom_id}/assignments/{own.assignment_id}/gradebook")
    assert plain.status_code == 200 and "Scores sent to the course" not in plain.text
