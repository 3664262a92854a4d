"""Times on the viewer's clock: the browser's zone (the `tz` cookie), else LECTERN_TIMEZONE."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from lectern import create_app
from lectern.core.banks import read_bank
from lectern.extensions import db
from lectern.models import Assignment
from lectern.services.bank_loading import load_bank
from tests.conftest import MINI_BANK, empty_database, make_app
from tests.web.class_steps import assign, new_class


class FormValues(HTMLParser):
    """The values a browser would send from the page's main form (inputs, checked boxes, selects)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.values.setdefault(a["name"], a.get("value") or ("y" if a.get("type") == "checkbox" else ""))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def settings_values(client, url: str) -> dict[str, str]:
    parser = FormValues()
    parser.feed(client.get(url).text)
    return parser.values


@pytest.fixture
def settings_url(app, teacher_client, mini_bank):
    classroom_id, _code = new_class(teacher_client)
    assignment_id = assign(app, classroom_id)
    return f"/teacher/classes/{classroom_id}/assignments/{assignment_id}/settings", assignment_id


def stored_opening(app, assignment_id: int) -> datetime | None:
    with app.app_context():
        return db.session.scalar(select(Assignment.opens_at).where(Assignment.id == assignment_id))


def test_a_teacher_in_new_york_types_9_and_14_utc_is_stored_and_9_shown_back(app, teacher_client, settings_url):
    url, assignment_id = settings_url
    teacher_client.set_cookie("tz", "America/New_York")
    page = teacher_client.get(url).text
    assert "Your time (America/New_York)" in page
    assert "(UTC)" not in page
    values = {**settings_values(teacher_client, url), "opens_at": "2027-01-15T09:00"}
    reply = teacher_client.post(url, data=values)
    assert reply.status_code == 302, reply.text
    assert stored_opening(app, assignment_id) == datetime(2027, 1, 15, 14, 0)  # winter: UTC-5
    assert 'value="2027-01-15T09:00"' in teacher_client.get(url).text


def test_summer_time_is_taken_into_account(app, teacher_client, settings_url):
    url, assignment_id = settings_url
    teacher_client.set_cookie("tz", "America/New_York")
    values = {**settings_values(teacher_client, url), "opens_at": "2027-07-15T09:00"}
    assert teacher_client.post(url, data=values).status_code == 302
    assert stored_opening(app, assignment_id) == datetime(2027, 7, 15, 13, 0)  # summer: UTC-4


@pytest.mark.parametrize("cookie", ["Mars/Base", "../../etc/passwd", "America", "x" * 300])
def test_a_cookie_naming_no_zone_falls_back_to_the_default_without_failing(app, teacher_client, settings_url,
                                                                           cookie):
    url, assignment_id = settings_url
    teacher_client.set_cookie("tz", cookie)
    page = teacher_client.get(url)
    assert page.status_code == 200 and "Your time (UTC)" in page.text
    values = {**settings_values(teacher_client, url), "opens_at": "2027-01-15T09:00"}
    assert teacher_client.post(url, data=values).status_code == 302
    assert stored_opening(app, assignment_id) == datetime(2027, 1, 15, 9, 0)


def test_a_date_at_the_edge_of_the_calendar_is_refused_in_words(app, teacher_client, settings_url):
    url, assignment_id = settings_url
    teacher_client.set_cookie("tz", "Asia/Tokyo")
    values = {**settings_values(teacher_client, url), "opens_at": "0001-01-01T00:30"}
    reply = teacher_client.post(url, data=values)
    assert reply.status_code == 400
    assert "too far away" in reply.text
    assert stored_opening(app, assignment_id) is None


@pytest.fixture
def berlin_app(tmp_path):
    app = make_app(tmp_path, LECTERN_TIMEZONE="Europe/Berlin")
    with app.app_context():
        empty_database(app)
        db.create_all()
        load_bank(read_bank(MINI_BANK))
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_without_a_cookie_the_schools_zone_applies(berlin_app):
    from tests.web.teachers import make_teacher, sign_in

    make_teacher(berlin_app)
    client = berlin_app.test_client()
    assert sign_in(client).status_code == 302
    classroom_id, _code = new_class(client)
    assignment_id = assign(berlin_app, classroom_id)
    url = f"/teacher/classes/{classroom_id}/assignments/{assignment_id}/settings"
    assert "Your time (Europe/Berlin)" in client.get(url).text
    values = {**settings_values(client, url), "opens_at": "2027-01-15T09:00"}
    assert client.post(url, data=values).status_code == 302
    assert stored_opening(berlin_app, assignment_id) == datetime(2027, 1, 15, 8, 0)  # CET is UTC+1
    with berlin_app.test_request_context("/"):
        from lectern.rendering import when

        assert when(datetime(2026, 12, 1, 8, 30)) == "01 Dec 2026, 09:30 CET"


def test_the_cookie_wins_over_the_schools_zone(berlin_app):
    with berlin_app.test_request_context("/", headers={"Cookie": "tz=America/New_York"}):
        from lectern.rendering import when

        assert when(datetime(2026, 12, 1, 14, 0)) == "01 Dec 2026, 09:00 EST"


def test_a_student_is_told_when_the_quiz_opens_on_their_clock(app, client, teacher_client, mini_bank):
    from tests.web.class_steps import joined

    classroom_id, code = new_class(teacher_client)
    assignment_id = assign(app, classroom_id, opens_at=datetime(2030, 1, 15, 14, 0))
    joined(client, code)
    client.set_cookie("tz", "America/New_York")
    page = client.get(f"/quizzes/mini/full?assignment={assignment_id}").text
    assert "opens on 15 Jan 2030, 09:00 EST" in page
    assert "14:00" not in page


def test_a_bad_school_zone_stops_the_start_with_a_message_naming_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("LECTERN_TIMEZONE", "Mars/Olympus_Mons")
    with pytest.raises(RuntimeError, match="LECTERN_TIMEZONE.*Mars/Olympus_Mons.*Europe/Berlin"):
        create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
