"""Teacher accounts for the web tests: create one, sign in through the real form."""

from __future__ import annotations

from lectern.extensions import db
from lectern.services.teachers import create_teacher
from tests.conftest import csrf_token

PASSWORD = "correct horse battery"


def make_teacher(app, email: str = "teacher@school.org", *, admin: bool = False) -> int:
    with app.app_context():
        teacher = create_teacher(email, PASSWORD)
        teacher.is_admin = admin
        db.session.commit()
        return teacher.id


def sign_in(client, email: str = "teacher@school.org", password: str = PASSWORD):
    page = client.get("/teacher/sign-in")
    return client.post("/teacher/sign-in", data={"email": email, "password": password,
                                                 "csrf_token": csrf_token(page.text)})


def post_form(client, url: str, data: dict, page_url: str | None = None):
    """POST a form the way a browser does: with the CSRF token of the page that shows it."""
    page = client.get(page_url or url)
    return client.post(url, data={**data, "csrf_token": csrf_token(page.text)})
