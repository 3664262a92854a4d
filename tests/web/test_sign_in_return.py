"""After signing in, a teacher goes back to the page they asked for, and never off the site:
the hostile `next` values a probe found (a tab, CR/LF, backslashes, `//`) and their encoded
and Unicode variants all land on the dashboard."""

from __future__ import annotations

import pytest

from tests.conftest import csrf_token
from tests.web.teachers import PASSWORD


def _sign_in_with(app, query: str):
    client = app.test_client()
    page = client.get(f"/teacher/sign-in?{query}")
    assert page.status_code == 200
    return client.post(f"/teacher/sign-in?{query}", data={
        "email": "teacher@school.org", "password": PASSWORD, "csrf_token": csrf_token(page.text)})


HOSTILE = [
    "next=/%09/evil.example",          # the tab a browser drops: //evil.example
    "next=/%0D%0A/evil.example",       # CR/LF: was a 500 from the header check
    "next=/%0A/evil.example",
    "next=%0D%0ASet-Cookie:x=1",
    "next=//evil.example",
    "next=///evil.example",
    "next=////evil.example/teacher/",
    "next=/\\evil.example",            # a backslash reads as a slash
    "next=/%5Cevil.example",
    "next=%5C%5Cevil.example",
    "next=/%2F/evil.example",           # encoded once
    "next=%2F%2Fevil.example",
    "next=/%252F/evil.example",         # encoded twice
    "next=/%2509/evil.example",
    "next=https://evil.example/",
    "next=https:/evil.example",
    "next=javascript:alert(1)",
    "next=evil.example",
    "next=/%E2%88%95evil.example",      # U+2215 division slash
    "next=/%EF%BC%8F%EF%BC%8Fevil.example",  # full-width solidus
    "next=%E3%80%82/evil.example",
    "next=/no-such-page",
    "next=",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_a_hostile_next_lands_on_the_dashboard(app, teacher, query):
    reply = _sign_in_with(app, query)
    assert reply.status_code == 302
    assert reply.headers["Location"] == "/teacher/"


def test_the_page_asked_for_is_where_sign_in_leads(app, teacher):
    client = app.test_client()
    asked = client.get("/teacher/teachers")
    assert asked.status_code == 302 and "/teacher/sign-in?next=" in asked.headers["Location"]
    page = client.get(asked.headers["Location"])
    reply = client.post(asked.headers["Location"], data={
        "email": "teacher@school.org", "password": PASSWORD, "csrf_token": csrf_token(page.text)})
    assert reply.headers["Location"] == "/teacher/teachers"


def test_a_query_on_the_page_asked_for_is_kept(app, teacher):
    reply = _sign_in_with(app, "next=/teacher/banks/mini%3Fview%3Dall")
    assert reply.headers["Location"] == "/teacher/banks/mini?view=all"
