"""Registering a platform (admin page and `flask lti register`), Lectern's keys and their rotation."""

from __future__ import annotations

import jwt
import pytest
from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import LtiPlatform
from tests.web.lti_platform import AUTH_URL, CLIENT_ID, ISSUER, JWKS_URL, TOKEN_URL
from tests.web.teachers import make_teacher, post_form, sign_in

FORM = {"name": "School Moodle", "issuer": ISSUER + "/", "client_id": CLIENT_ID, "deployment_ids": "1\n2\n",
        "auth_login_url": AUTH_URL, "token_url": TOKEN_URL, "jwks_url": JWKS_URL, "frame_origins": ""}


def _platforms(app):
    with app.app_context():
        return db.session.scalars(select(LtiPlatform)).all()


def test_the_admin_page_shows_lecterns_urls_and_registers_a_platform(app, teacher_client):
    page = teacher_client.get("/teacher/lti")
    for url in ("http://localhost/lti/login", "http://localhost/lti/launch", "http://localhost/lti/jwks.json",
                "http://localhost/lti/deep-link"):
        assert url in page.text
    reply = post_form(teacher_client, "/teacher/lti", FORM)
    assert reply.status_code == 302
    (platform,) = _platforms(app)
    assert platform.issuer == ISSUER and platform.deployment_ids == ["1", "2"]
    assert platform.frame_origins == [ISSUER]
    assert "School Moodle" in teacher_client.get("/teacher/lti").text
    keys = teacher_client.get("/lti/jwks.json").get_json()["keys"]
    assert len(keys) == 1 and keys[0]["kty"] == "RSA" and keys[0]["use"] == "sig" and "d" not in keys[0]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("token_url", "token.php", "access token URL must be a web address starting with https://"),
    ("jwks_url", "https://lms.example.edu:port/certs.php", "public keyset URL must be a web address"),
    ("auth_login_url", AUTH_URL + "?" + "x" * 600, "authentication URL is 641 characters long; Lectern keeps at most 500"),
    ("issuer", "https://lms.example.edu/" + "x" * 300, "keeps at most 255"),
    ("frame_origins", "https://lms.example.edu:99999", "Each address allowed to frame Lectern must start with https://"),
])
def test_a_bad_address_is_refused_with_what_to_fix(app, teacher_client, field, value, message):
    reply = post_form(teacher_client, "/teacher/lti", {**FORM, field: value})
    assert reply.status_code == 400
    assert message in reply.text
    assert _platforms(app) == []


def test_only_an_admin_registers_platforms(app):
    make_teacher(app, "plain@school.org")
    client = app.test_client()
    sign_in(client, "plain@school.org")
    assert client.get("/teacher/lti").status_code == 403


def test_the_command_registers_and_rotating_the_key_keeps_the_old_one_published(app):
    runner = app.test_cli_runner()
    out = runner.invoke(args=["lti", "register", "--name", "Canvas", "--issuer", "https://canvas.instructure.com",
                              "--client-id", "10000000000001", "--deployment-id", "6:abc", "--auth-login-url",
                              "https://sso.canvaslms.com/api/lti/authorize_redirect", "--token-url",
                              "https://sso.canvaslms.com/login/oauth2/token", "--jwks-url",
                              "https://sso.canvaslms.com/api/lti/security/jwks",
                              "--frame-origin", "https://school.instructure.com"]).output
    assert "Registered Canvas" in out and "Login initiation URL: http://localhost/lti/login" in out
    (platform,) = _platforms(app)
    assert platform.frame_origins == ["https://school.instructure.com"]
    client = app.test_client()
    first = client.get("/lti/jwks.json").get_json()["keys"]
    assert "Signing with key" in runner.invoke(args=["lti", "rotate-key"]).output
    after = client.get("/lti/jwks.json").get_json()["keys"]
    assert len(after) == 2 and first[0]["kid"] in {k["kid"] for k in after}
    bad = runner.invoke(args=["lti", "register", "--name", "X", "--issuer", "nope", "--client-id", "1",
                              "--deployment-id", "1", "--auth-login-url", "a", "--token-url", "b", "--jwks-url", "c"])
    assert bad.exit_code != 0 and "issuer (platform id) must be a web address" in bad.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LtiPlatform)) == 1
    jwt.PyJWKSet.from_dict({"keys": after})  # a key set PyJWT (as a platform would) reads
