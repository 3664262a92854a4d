"""Every endpoint in app.url_map answers with the security headers: a strict Content-Security-
Policy that forbids framing, nosniff, a same-origin Referrer-Policy, and `no-store` on every
page that is not a static file (a shared classroom computer's cache keeps nothing of a
teacher's or a student's). A route added later is covered without being listed here."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Classroom
from tests.conftest import csrf_token
from tests.web.teachers import sign_in
from tests.web.test_authorization import world  # noqa: F401  (the sample ids of a class with a taken quiz)


@pytest.fixture
def samples(app, world):  # noqa: F811
    with app.app_context():
        code = db.session.scalar(select(Classroom.join_code))
    return {**world, "code": code, "filename": "lectern.css", "run_id": 1, "token": "no-such-invite",
            "sha256": "0" * 64}


def _check(reply, method: str, url: str, endpoint: str) -> None:
    where = f"{method} {url} ({reply.status_code})"
    policy = reply.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, where
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, where
    assert reply.headers.get("X-Content-Type-Options") == "nosniff", where
    assert reply.headers.get("Referrer-Policy") == "same-origin", where
    assert reply.headers.get("X-Frame-Options") == "DENY", where
    assert "Strict-Transport-Security" not in reply.headers, f"{where}: HSTS over plain HTTP"
    if endpoint == "static":
        assert reply.headers.get("Cache-Control") != "no-store", where
    else:
        assert reply.headers.get("Cache-Control") == "no-store", where


def test_every_endpoint_sends_the_security_headers(app, client, samples):
    teacher = app.test_client()
    assert sign_in(teacher).status_code == 302
    token = {c: csrf_token(c.get("/teacher/sign-in", follow_redirects=True).text) for c in (client, teacher)}
    rules = sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint == "auth.sign_out", r.rule))
    seen = set()
    for rule in rules:
        missing = rule.arguments - samples.keys()
        assert not missing, f"{rule.endpoint}: give a sample value for {sorted(missing)}"
        url = rule.build({name: samples[name] for name in rule.arguments}, append_unknown=False)[1]
        browser = teacher if rule.endpoint.startswith(("teacher.", "auth.sign_out")) else client
        for method in sorted(rule.methods & {"GET", "POST"}):
            if method == "GET":
                reply = browser.get(url)
            else:
                reply = browser.post(url, data={"csrf_token": token[browser]})
            _check(reply, method, url, rule.endpoint)
            reply.close()  # a static file's reply holds the file open until closed
            seen.add(rule.endpoint)
    assert len(seen) >= 60  # the walk reached every audience's pages


def test_hsts_is_sent_over_https(client, mini_bank):
    reply = client.get("/", base_url="https://lectern.school.example")
    assert reply.headers["Strict-Transport-Security"].startswith("max-age=")


def test_an_export_is_not_stored(teacher_client, mini_bank):
    reply = teacher_client.get("/teacher/banks/mini/export?format=gift")
    assert reply.status_code == 200
    assert reply.headers["Cache-Control"] == "no-store"
