"""Teacher accounts: creating them, signing in and out, cookies, and the sign-in rate limits."""

from __future__ import annotations

from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Teacher
from tests.conftest import csrf_token, make_app
from tests.web.teachers import PASSWORD, make_teacher, sign_in


def test_create_reads_the_password_twice_and_stores_an_scrypt_hash(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["teachers", "create", "Ms.Lee@School.org"], input="s3cret-pass\ns3cret-pass\n")
    assert result.exit_code == 0, result.output
    assert "created for ms.lee@school.org" in result.output and "s3cret-pass" not in result.output
    with app.app_context():
        teacher = db.session.scalar(select(Teacher))
        assert teacher.email == "ms.lee@school.org" and teacher.password_hash.startswith("scrypt:")
        assert "s3cret-pass" not in teacher.password_hash


def test_create_with_password_stdin(app):
    result = app.test_cli_runner().invoke(args=["teachers", "create", "a@b.org", "--password-stdin"],
                                          input="long enough\n")
    assert result.exit_code == 0, result.output


def test_create_refuses_weak_passwords_bad_emails_and_duplicates(app):
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["teachers", "create", "a@b.org", "--password-stdin"], input="short\n")
    assert weak.exit_code == 1 and "at least 8 characters" in weak.output
    bad = runner.invoke(args=["teachers", "create", "not-an-email", "--password-stdin"], input="long enough\n")
    assert bad.exit_code == 1 and "not an email address" in bad.output
    runner.invoke(args=["teachers", "create", "a@b.org", "--password-stdin"], input="long enough\n")
    again = runner.invoke(args=["teachers", "create", "A@b.org", "--password-stdin"], input="long enough\n")
    assert again.exit_code == 1 and "already a teacher" in again.output
    with app.app_context():
        assert len(db.session.scalars(select(Teacher)).all()) == 1


def test_the_hint_says_how_to_create_the_first_teacher(app):
    runner = app.test_cli_runner()
    assert "flask teachers create" in runner.invoke(args=["teachers", "hint"]).output
    make_teacher(app)
    assert runner.invoke(args=["teachers", "hint"]).output == ""


def test_sign_in_starts_a_new_session_and_sign_out_really_ends_it(app, teacher):
    client = app.test_client()
    client.get("/teacher/sign-in")
    before = client.get_cookie("session").value
    reply = sign_in(client)
    assert reply.status_code == 302 and reply.headers["Location"] == "/teacher/"
    cookie = reply.headers.getlist("Set-Cookie")[-1]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    signed_in = client.get_cookie("session").value
    assert signed_in != before
    assert client.get("/teacher/").status_code == 200

    page = client.get("/teacher/")
    client.post("/teacher/sign-out", data={"csrf_token": csrf_token(page.text)})
    assert client.get("/teacher/").status_code == 302
    # A copy of the signed-in cookie, kept by someone, no longer works either.
    thief = app.test_client()
    thief.set_cookie("session", signed_in)
    assert thief.get("/teacher/").headers["Location"].startswith("/teacher/sign-in")


def test_the_session_cookie_is_secure_when_served_over_https(tmp_path):
    from tests.conftest import make_app

    app = make_app(tmp_path, SESSION_COOKIE_SECURE=True)
    reply = app.test_client().get("/teacher/sign-in")
    assert "Secure" in reply.headers["Set-Cookie"]
    with app.app_context():
        db.engine.dispose()


def test_wrong_password_and_unknown_email_get_the_same_answer(app, teacher):
    client = app.test_client()
    wrong = sign_in(client, password="not the password")
    unknown = sign_in(client, email="nobody@school.org")
    assert wrong.status_code == unknown.status_code == 401
    message = "That email and password do not match an account."
    assert message in wrong.text and message in unknown.text


def test_the_sixth_wrong_password_in_a_minute_is_refused_with_a_retry_time(app, teacher):
    client = app.test_client()
    for attempt in range(5):
        assert sign_in(client, password=f"wrong {attempt}").status_code == 401
    refused = sign_in(client, password=PASSWORD)
    assert refused.status_code == 429
    retry = int(refused.headers["Retry-After"])
    assert 0 < retry <= 60 and f"Try again in {retry} seconds" in refused.text


def test_the_account_limit_holds_across_addresses_and_the_address_limit_across_accounts(app, teacher):
    client = app.test_client()
    page = client.get("/teacher/sign-in")
    token = csrf_token(page.text)

    def attempt(email: str, address: str):
        return client.post("/teacher/sign-in", data={"email": email, "password": "wrong password",
                                                     "csrf_token": token},
                           environ_base={"REMOTE_ADDR": address})

    for n in range(5):
        assert attempt("teacher@school.org", f"10.0.0.{n}").status_code == 401
    assert attempt("teacher@school.org", "10.0.0.99").status_code == 429
    for n in range(20):
        assert attempt(f"someone{n}@school.org", "192.0.2.7").status_code == 401
    assert attempt("someone-else@school.org", "192.0.2.7").status_code == 429


def test_a_successful_sign_in_does_not_count_against_the_limit(app, teacher):
    for _ in range(7):
        client = app.test_client()
        assert sign_in(client).status_code == 302


def test_sign_in_only_follows_local_next_links(app, teacher):
    client = app.test_client()
    page = client.get("/teacher/sign-in?next=https://evil.example/")
    reply = client.post("/teacher/sign-in?next=https://evil.example/",
                        data={"email": "teacher@school.org", "password": PASSWORD, "csrf_token": csrf_token(page.text)})
    assert reply.headers["Location"] == "/teacher/"


def _wrong_passwords_from(client, forwarded_for: str, times: int) -> list[int]:
    token = csrf_token(client.get("/teacher/sign-in").text)
    return [client.post("/teacher/sign-in", data={"email": f"someone{n}@school.org", "password": "wrong",
                                                  "csrf_token": token},
                        headers={"X-Forwarded-For": forwarded_for}).status_code for n in range(times)]


def test_behind_a_trusted_proxy_each_client_address_has_its_own_limit(tmp_path, app):
    behind_proxy = make_app(tmp_path, LECTERN_TRUSTED_PROXIES=1)
    client = behind_proxy.test_client()
    assert _wrong_passwords_from(client, "198.51.100.1", 21)[-1] == 429  # the 21st from one pupil's address
    assert _wrong_passwords_from(client, "198.51.100.2", 1) == [401]  # another address is not held back


def test_served_directly_a_forged_forwarded_address_changes_nothing(app):
    client = app.test_client()
    assert _wrong_passwords_from(client, "198.51.100.1", 20) == [401] * 20
    assert _wrong_passwords_from(client, "198.51.100.2", 1) == [429]  # still the same address really
