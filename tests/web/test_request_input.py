"""Input no page of ours sends is answered with a message, changes nothing, and never reaches a
database driver: numbers past an integer column, NUL, stray files, field names we never use."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import Classroom
from lectern.request_input import DB_INT_MAX, bounded_int
from tests.web.teachers import post_form

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("value", ["0", "7", str(DB_INT_MAX)])
def test_bounded_int_takes_what_an_id_column_holds(value):
    assert bounded_int(value) == int(value)


@pytest.mark.parametrize("value", [str(DB_INT_MAX + 1), HUGE, "-1", "", "abc", "9" * 5000])
def test_bounded_int_refuses_the_rest_so_the_default_applies(value):
    with pytest.raises(ValueError):
        bounded_int(value)


def test_no_view_reads_an_unbounded_int_from_the_request():
    source = Path(__file__).parents[2] / "lectern"
    found = [f"{p.name}:{n}" for p in source.rglob("*.py")
             for n, line in enumerate(p.read_text().splitlines(), 1) if re.search(r"type=int\b", line)]
    assert not found, f"use type=bounded_int (lectern/request_input.py): {found}"


@pytest.mark.parametrize("assignment", [HUGE, "-1", str(DB_INT_MAX + 1)])
def test_an_assignment_id_past_the_column_is_a_404(client, mini_bank, assignment):
    assert client.get(f"/quizzes/mini/full?assignment={assignment}").status_code == 404


@pytest.mark.parametrize("page", [HUGE, "-5", "9223372036854775807"])
def test_a_page_number_past_the_column_shows_the_first_page(teacher_client, klass, page):
    reply = teacher_client.get(f"/teacher/classes/{klass[0]}/grading?page={page}")
    assert reply.status_code == 200


def _classes(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Classroom))


def test_nul_is_refused_with_a_message_and_nothing_changes(app, teacher_client, mini_bank):
    reply = post_form(teacher_client, "/teacher/classes/new", {"name": "7\x00B"})
    assert reply.status_code == 400
    assert "NUL character" in reply.text and "type that text again" in reply.text
    assert _classes(app) == 0
    assert teacher_client.get("/articles/mini?q=a%00b").status_code == 400  # in a query too


def test_a_file_sent_to_a_form_without_a_file_field_is_refused(app, teacher_client, mini_bank):
    reply = post_form(teacher_client, "/teacher/classes/new", {"name": (io.BytesIO(b"7B"), "name.txt")},
                      page_url="/teacher/classes/new")
    assert reply.status_code == 400
    assert "does not take files" in reply.text
    assert _classes(app) == 0


@pytest.mark.parametrize("name", ["rows-\u00b2-text", "rows-" + "9" * 5000 + "-text", "na\u00efve", ""])
def test_a_field_name_no_page_sends_is_refused(app, teacher_client, mini_bank, name):
    reply = post_form(teacher_client, "/teacher/classes/new", {"name": "7B", name: "x"})
    assert reply.status_code == 400
    assert "arrived damaged" in reply.text
    assert _classes(app) == 0
