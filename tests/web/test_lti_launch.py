"""LTI 1.3 launches from a simulated platform: OIDC login, signed id_token, who the browser becomes,
the class made for the course, framing by the platform only, and every tampered token refused."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import (
    ClassCoTeacher,
    Classroom,
    Enrollment,
    LtiContext,
    LtiResourceLink,
    LtiUser,
    Student,
    Teacher,
)
from tests.web.lti_platform import (
    AUTH_URL,
    CLIENT_ID,
    INSTRUCTOR,
    ISSUER,
    LINEITEM,
    NEXT_KEY,
    OTHER_KEY,
    SimulatedPlatform,
    begin_login,
    launch,
)
from tests.web.teachers import make_teacher, sign_in


@pytest.fixture
def platform(app, mini_bank, monkeypatch):
    simulated = SimulatedPlatform().install(monkeypatch)
    simulated.register(app)
    return simulated


@pytest.fixture
def course(app, platform):
    """The course's teacher opened the activity once: Lectern made the class and the assignment."""
    reply, _, _ = launch(app.test_client(), platform, platform.claims(sub="teacher-9", role=INSTRUCTOR,
                                                                      name="Ms Rivera"))
    assert reply.status_code == 302, reply.text
    return platform


def _counts(app) -> tuple[int, ...]:
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(m))
                     for m in (Student, Teacher, LtiUser, Classroom, Enrollment, LtiContext, LtiResourceLink))


def test_login_initiation_sends_the_browser_to_the_platform_with_state_and_nonce(app, platform):
    client = app.test_client()
    state, nonce, reply = begin_login(client)
    location = urlsplit(reply.headers["Location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == AUTH_URL
    assert query["client_id"] == [CLIENT_ID] and query["login_hint"] == ["user-hint"]
    assert query["lti_message_hint"] == ["msg-7"] and query["redirect_uri"] == ["http://localhost/lti/launch"]
    assert query["response_type"] == ["id_token"] and query["response_mode"] == ["form_post"]
    assert query["scope"] == ["openid"] and query["prompt"] == ["none"]
    assert state and nonce and state != nonce
    cookie = next(c for c in reply.headers.getlist("Set-Cookie") if c.startswith("lti_state_"))
    assert "SameSite=None" in cookie and "Secure" in cookie and "HttpOnly" in cookie and "Partitioned" in cookie


def test_an_unregistered_platform_is_told_so_at_login(app, platform):
    reply = app.test_client().get("/lti/login", query_string={"iss": "https://other.example", "login_hint": "x"})
    assert reply.status_code == 400
    assert "not registered in Lectern" in reply.text


def test_the_instructor_launching_first_makes_the_class_and_lands_on_its_gradebook(app, platform):
    client = app.test_client()
    reply, _, _ = launch(client, platform, platform.claims(sub="teacher-9", role=INSTRUCTOR, name="Ms Rivera"))
    assert reply.status_code == 302
    assert "/gradebook" in reply.headers["Location"]
    with app.app_context():
        context = db.session.scalar(select(LtiContext))
        assert context.classroom.name == "Year 9 English"
        user = db.session.scalar(select(LtiUser).where(LtiUser.sub == "teacher-9"))
        assert user.teacher is not None and context.classroom.teacher_id == user.teacher.id
        assert not user.teacher.email.startswith("teacher-9")  # the platform's email is never the account
        link = db.session.scalar(select(LtiResourceLink))
        assert link.assignment.quiz.key == "full" and link.can_post_scores
    page = client.get(reply.headers["Location"])
    assert page.status_code == 200 and "Full comprehension check" in page.text


def test_a_second_instructor_of_the_course_co_teaches_the_same_class(app, course):
    client = app.test_client()
    reply, _, _ = launch(client, course, course.claims(sub="teacher-10", role=INSTRUCTOR, name="Mr Okafor"))
    assert reply.status_code == 302 and "/gradebook" in reply.headers["Location"]
    assert client.get(reply.headers["Location"]).status_code == 200  # the class's gradebook, as its owner sees it
    assert "Year 9 English" in client.get("/teacher/").text
    again, _, _ = launch(app.test_client(), course, course.claims(sub="teacher-10", role=INSTRUCTOR, name="Mr Okafor"))
    assert again.status_code == 302  # launching again adds nothing twice
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Classroom)) == 1
        owner = db.session.scalar(select(LtiUser).where(LtiUser.sub == "teacher-9")).teacher
        second = db.session.scalar(select(LtiUser).where(LtiUser.sub == "teacher-10")).teacher
        classroom = db.session.scalar(select(Classroom))
        assert classroom.teacher_id == owner.id and second.id != owner.id
        assert db.session.scalar(select(func.count()).select_from(ClassCoTeacher)) == 1
        gradebook = reply.headers["Location"]
    outsider = app.test_client()  # a teacher of no course still sees nothing of the class
    make_teacher(app, "other@school.org")
    sign_in(outsider, "other@school.org")
    assert outsider.get(gradebook).status_code == 404


def test_a_learner_arrives_named_on_the_roster_and_at_the_quiz(app, course):
    client = app.test_client()
    reply, _, _ = launch(client, course, course.claims(sub="learner-1", name="Ana Lima"))
    assert reply.status_code == 302
    assert reply.headers["Location"].startswith("/quizzes/mini/full?assignment=")
    session_cookie = next(c for c in reply.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "SameSite=None" in session_cookie and "Secure" in session_cookie and "Partitioned" in session_cookie
    page = client.get(reply.headers["Location"])
    assert page.status_code == 200 and 'value="Ana Lima"' in page.text
    policy = page.headers["Content-Security-Policy"]
    assert f"frame-ancestors {ISSUER}" in policy and "X-Frame-Options" not in page.headers
    with app.app_context():
        enrollment = db.session.scalar(select(Enrollment))
        assert enrollment.display_name == "Ana Lima" and enrollment.classroom.name == "Year 9 English"


def test_the_same_user_launching_again_is_the_same_student_even_with_a_new_email(app, course):
    launch(app.test_client(), course, course.claims(sub="learner-1"))
    launch(app.test_client(), course, course.claims(sub="learner-1", email="new@school.example", name="Ana L."))
    launch(app.test_client(), course, course.claims(sub="learner-2", email="learner-1@school.example", name="Bo"))
    with app.app_context():
        names = sorted(db.session.scalars(select(Student.display_name)))
        assert names == ["Ana L.", "Bo"]  # matched by sub, never by email


def test_a_browser_that_never_launched_is_not_framed_by_anyone(app, course):
    page = app.test_client().get("/")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"


def test_a_learner_before_the_teacher_set_up_the_course_is_told_to_ask_them(app, platform):
    before = _counts(app)
    reply, _, _ = launch(app.test_client(), platform, platform.claims())
    assert reply.status_code == 400
    assert "Your teacher has not opened this activity yet" in reply.text
    assert _counts(app) == before


def _expired(platform):
    return platform.claims(iat=int(time.time()) - 3600, exp=int(time.time()) - 600)


TAMPERED = {
    "wrong key": (lambda p: p.claims(), {"key": OTHER_KEY}, "signature does not match"),
    "wrong audience": (lambda p: p.claims(aud="someone-else"), {}, "not registered in Lectern"),
    "wrong audience in a list": (lambda p: p.claims(aud=["someone-else", "x"]), {}, "meant for another tool"),
    "expired": (_expired, {}, "The launch has expired"),
    "missing deployment id": (lambda p: p.claims(deployment=None), {}, "names no deployment"),
    "unknown deployment id": (lambda p: p.claims(deployment="deployment-9"), {}, "is not registered in Lectern"),
    "nonce of another sign-in": (lambda p: p.claims(), {"nonce": "made-up"}, "does not belong to the sign-in"),
    "anonymous": (lambda p: p.claims(sub=""), {}, "no user id"),
}


@pytest.mark.parametrize("case", TAMPERED, ids=list(TAMPERED))
def test_a_tampered_launch_is_refused_with_a_clear_page_and_nothing_created(app, course, case):
    make_claims, options, message = TAMPERED[case]
    before = _counts(app)
    reply, _, _ = launch(app.test_client(), course, make_claims(course), **options)
    assert reply.status_code == 400
    assert message in reply.text.replace("&#39;", "'") and "Nothing was changed" in reply.text
    assert _counts(app) == before


def test_a_replayed_launch_is_refused(app, course):
    client = app.test_client()
    state, nonce, _ = begin_login(client)
    token = course.sign({**course.claims(), "nonce": nonce})
    assert client.post("/lti/launch", data={"id_token": token, "state": state}).status_code == 302
    before = _counts(app)
    again = client.post("/lti/launch", data={"id_token": token, "state": state})
    assert again.status_code == 400 and "used already" in again.text
    assert _counts(app) == before


def test_a_launch_whose_expiry_is_centuries_away_works_once(app, course):
    client = app.test_client()
    state, nonce, _ = begin_login(client)
    token = course.sign({**course.claims(exp=10**12), "nonce": nonce})  # a platform's clock or bug
    assert client.post("/lti/launch", data={"id_token": token, "state": state}).status_code == 302
    again = client.post("/lti/launch", data={"id_token": token, "state": state})
    assert again.status_code == 400 and "used already" in again.text


def test_a_service_url_too_long_to_keep_is_left_out_and_the_launch_works(app, course):
    long_lineitem = LINEITEM + "&pad=" + "x" * 600
    reply, _, _ = launch(app.test_client(), course, course.claims(link="link-2", lineitem=long_lineitem))
    assert reply.status_code == 302 and "/quizzes/" in reply.headers["Location"]
    with app.app_context():  # no score goes to a cut-off address: the link has no line item
        link = db.session.scalar(select(LtiResourceLink).where(LtiResourceLink.resource_link_id == "link-2"))
        assert link is not None and link.lineitem_url is None


def test_a_forged_state_is_refused(app, course):
    client = app.test_client()
    begin_login(client)
    token = course.sign({**course.claims(), "nonce": "n"})
    reply = client.post("/lti/launch", data={"id_token": token, "state": "forged"})
    assert reply.status_code == 400 and "did not begin at Lectern" in reply.text


def test_without_the_state_cookie_the_frame_offers_a_new_window(app, course):
    client = app.test_client()
    state, nonce, _ = begin_login(client)
    token = course.sign({**course.claims(), "nonce": nonce})
    blocked = app.test_client()  # a browser that kept no cookie inside the frame
    before = _counts(app)
    reply = blocked.post("/lti/launch", data={"id_token": token, "state": state})
    assert reply.status_code == 200 and "Open Lectern in a new window" in reply.text
    assert 'target="_blank"' in reply.text and "login_hint=user-hint" in reply.text
    assert f"frame-ancestors {ISSUER}" in reply.headers["Content-Security-Policy"]
    assert _counts(app) == before


def test_a_platform_key_rotated_since_the_last_launch_is_fetched_again(app, course, monkeypatch):
    fetched = course.jwks_fetches
    monkeypatch.setattr(course, "key", NEXT_KEY)
    monkeypatch.setattr(course, "kid", "platform-key-2")
    reply, _, _ = launch(app.test_client(), course, course.claims(sub="learner-3"))
    assert reply.status_code == 302
    assert course.jwks_fetches == fetched + 1
    reply, _, _ = launch(app.test_client(), course, course.claims(sub="learner-4"))
    assert course.jwks_fetches == fetched + 1  # cached since
