"""Inviting a teacher by a one-time link: made by an admin, used once, expiring, never guessable."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import Teacher, TeacherInvite, utcnow
from lectern.services import teacher_invites
from lectern.services.teachers import create_teacher
from tests.conftest import csrf_token
from tests.web.teachers import PASSWORD, make_teacher, post_form, sign_in

LINK = re.compile(r'id="invite-link"[^>]*value="http://localhost(/invite/[A-Za-z0-9_\-]+)"')
NEW_PASSWORD = "a long new password"


@pytest.fixture
def admin_client(app):
    with app.app_context():
        db.session.add(create_teacher("head@school.org", PASSWORD, is_admin=True))
        db.session.commit()
    client = app.test_client()
    assert sign_in(client, "head@school.org").status_code == 302
    return client


def invite(client, email: str = "new@school.org") -> str:
    """Invite through the page and return the link's path, read off the page as the admin sees it."""
    reply = post_form(client, "/teacher/teachers", {"email": email})
    assert reply.status_code == 302, reply.text
    page = client.get("/teacher/teachers").text
    assert "it works once and expires on" in page
    return LINK.search(page)[1]


def accept(client, link: str, password: str = NEW_PASSWORD, repeat: str | None = None):
    page = client.get(link)
    assert page.status_code == 200, page.text
    return client.post(link, data={"password": password, "repeat": repeat or password,
                                   "csrf_token": csrf_token(page.text)})


def teachers(app) -> list[tuple[str, bool]]:
    with app.app_context():
        return list(map(tuple, db.session.execute(select(Teacher.email, Teacher.is_admin).order_by(Teacher.email))))


def test_the_link_creates_a_signed_in_teacher_who_is_not_an_admin(app, admin_client):
    link = invite(admin_client)
    newcomer = app.test_client()
    page = newcomer.get(link).text
    assert 'value="new@school.org" readonly' in page
    reply = accept(newcomer, link)
    assert reply.status_code == 302 and reply.headers["Location"] == "/teacher/"
    assert newcomer.get("/teacher/").status_code == 200  # signed in
    assert ("new@school.org", False) in teachers(app)
    assert newcomer.get("/teacher/teachers").status_code == 403  # not an admin
    assert sign_in(app.test_client(), "new@school.org", NEW_PASSWORD).status_code == 302


def test_the_link_is_shown_once_and_only_its_digest_is_stored(app, admin_client):
    link = invite(admin_client)
    assert LINK.search(admin_client.get("/teacher/teachers").text) is None
    token = link.rsplit("/", 1)[1]
    with app.app_context():
        stored = db.session.scalar(select(TeacherInvite))
        assert stored.token_digest == hashlib.sha256(token.encode()).hexdigest()
        assert token not in (stored.token_digest, stored.email)
        assert stored.expires_at - stored.created_at == timedelta(days=teacher_invites.INVITE_DAYS)


def test_the_link_works_once(app, admin_client):
    link = invite(admin_client)
    first = app.test_client()
    page = first.get(link)
    second = app.test_client()
    page_two = second.get(link)
    assert first.post(link, data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD,
                                  "csrf_token": csrf_token(page.text)}).status_code == 302
    # The second browser had the form open before the first sent it: it is refused all the same.
    reply = second.post(link, data={"password": "another password", "repeat": "another password",
                                    "csrf_token": csrf_token(page_two.text)})
    assert reply.status_code == 410
    assert "already used; ask for a new one" in reply.text
    assert second.get(link).status_code == 410
    assert [e for e, _ in teachers(app)].count("new@school.org") == 1


def test_of_two_simultaneous_acceptances_only_one_gets_through(app, admin_client, monkeypatch):
    """The race: both requests passed the first check before either wrote; the conditional
    UPDATE then lets exactly one claim the invite."""
    token = invite(admin_client).rsplit("/", 1)[1]
    with app.app_context():
        seen_open = db.session.scalar(select(TeacherInvite))  # what the slower request read
        db.session.expunge(seen_open)
    with app.test_request_context("/"):
        teacher_invites.accept_invite(token, NEW_PASSWORD)
        db.session.commit()
    monkeypatch.setattr(teacher_invites, "usable_invite", lambda _token: seen_open)
    with app.test_request_context("/"):
        with pytest.raises(teacher_invites.InviteUnusable):
            teacher_invites.accept_invite(token, "another password")
        db.session.rollback()
    assert [e for e, _ in teachers(app)].count("new@school.org") == 1


def test_an_expired_link_creates_nothing(app, admin_client, monkeypatch):
    link = invite(admin_client)
    newcomer = app.test_client()
    page = newcomer.get(link)  # the form opened in time, sent too late
    later = utcnow() + timedelta(days=teacher_invites.INVITE_DAYS, minutes=1)
    monkeypatch.setattr(teacher_invites, "clock", lambda: later)
    reply = newcomer.get(link)
    assert reply.status_code == 410
    assert "This invitation has expired; ask" in reply.text
    reply = newcomer.post(link, data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD,
                                      "csrf_token": csrf_token(page.text)})
    assert reply.status_code == 410
    assert "new@school.org" not in [e for e, _ in teachers(app)]
    assert "expired" in admin_client.get("/teacher/teachers").text


@pytest.mark.parametrize("path", ["/invite/not-a-real-token", "/invite/" + "A" * 43, "/invite/%00%ff",
                                  "/invite/" + "x" * 5000])
def test_an_unknown_or_tampered_token_is_a_plain_404(app, admin_client, path):
    link = invite(admin_client)
    reply = app.test_client().get(path)
    assert reply.status_code == 404
    assert "This invitation link does not work" in reply.text
    tampered = link[:-1] + ("A" if link[-1] != "A" else "B")
    client = app.test_client()
    assert client.get(tampered).status_code == 404
    assert client.post(tampered, data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD}).status_code in (400, 404)
    assert len(teachers(app)) == 1


def test_password_rules_and_the_repeat_are_checked_together(app, admin_client):
    link = invite(admin_client)
    client = app.test_client()
    reply = accept(client, link, password="short", repeat="different")
    assert reply.status_code == 400
    assert "Use at least 8 characters." in reply.text
    assert "The two passwords differ" in reply.text
    assert len(teachers(app)) == 1
    assert accept(client, link).status_code == 302  # the invite is still open after a refused try


def test_the_email_already_has_an_account(app, admin_client):
    assert "There is already a teacher with the email head@school.org" in post_form(
        admin_client, "/teacher/teachers", {"email": "Head@School.org"}).text
    link = invite(admin_client)
    make_teacher(app, "new@school.org")  # made another way while the invite waited
    reply = accept(app.test_client(), link)
    assert reply.status_code == 409
    assert "There is already a teacher with the email new@school.org" in reply.text
    with app.app_context():
        assert db.session.scalar(select(TeacherInvite.used_at)) is None  # refused: nothing changed


def test_a_bad_email_is_refused_beside_the_field(app, admin_client):
    reply = post_form(admin_client, "/teacher/teachers", {"email": "not an email"})
    assert reply.status_code == 400
    assert "That is not an email address" in reply.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(TeacherInvite)) == 0


def test_an_admin_can_withdraw_an_open_invite(app, admin_client):
    link = invite(admin_client)
    with app.app_context():
        invite_id = db.session.scalar(select(TeacherInvite.id))
    reply = post_form(admin_client, f"/teacher/teachers/invites/{invite_id}/withdraw", {}, "/teacher/teachers")
    assert reply.status_code == 302
    assert "its link no longer works" in admin_client.get("/teacher/teachers").text
    assert app.test_client().get(link).status_code == 404
    again = post_form(admin_client, f"/teacher/teachers/invites/{invite_id}/withdraw", {}, "/teacher/teachers")
    assert again.status_code == 302  # nothing left to withdraw: said so, nothing changed


def test_a_teacher_who_is_not_an_admin_is_refused(app, admin_client):
    make_teacher(app, "plain@school.org", admin=False)
    teacher_client = app.test_client()
    assert sign_in(teacher_client, "plain@school.org").status_code == 302
    assert teacher_client.get("/teacher/teachers").status_code == 403
    token = csrf_token(teacher_client.get("/teacher/").text)
    assert teacher_client.post("/teacher/teachers", data={"email": "x@school.org", "csrf_token": token}).status_code == 403
    invite(admin_client)
    with app.app_context():
        invite_id = db.session.scalar(select(TeacherInvite.id))
    reply = teacher_client.post(f"/teacher/teachers/invites/{invite_id}/withdraw", data={"csrf_token": token})
    assert reply.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(TeacherInvite)) == 1


def test_teachers_made_on_the_command_line_are_admins(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["teachers", "create", "cli@school.org", "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert ("cli@school.org", True) in teachers(app)
