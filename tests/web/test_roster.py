"""The roster on its own page, each student's page (rename, remove), and the confirm pages that
stand before every destructive action: asking changes nothing, confirming does it, Cancel goes back."""

from __future__ import annotations

import re

import pytest

from lectern.extensions import db
from lectern.models import Classroom, Enrollment
from tests.conftest import csrf_token
from tests.web.class_steps import ids, join, joined, new_class, rows
from tests.web.teachers import post_form


@pytest.fixture
def roster(app, client, teacher_client, klass):
    """7B with Ana Lima and Bo on the roster: (class id, Ana's enrollment id, Bo's)."""
    joined(client, klass[1], "Ana Lima")
    joined(app.test_client(), klass[1], "Bo")
    ana, bo = ids(app, Enrollment)
    return klass[0], ana, bo


def test_the_roster_lists_students_with_a_link_to_edit_each(teacher_client, roster):
    classroom_id, ana, bo = roster
    html = teacher_client.get(f"/teacher/classes/{classroom_id}/roster").text
    assert re.search(r">Ana Lima</th>\s*<td>[^<]+</td>\s*<td>0</td>", html)
    for enrollment_id in (ana, bo):
        assert f'href="/teacher/classes/{classroom_id}/students/{enrollment_id}"' in html
    assert "<form" in html and "Merge two entries" in html  # the only form: merging
    assert "/remove" not in html and "/rename" not in html


def test_the_students_page_renames_and_leads_to_the_remove_confirmation(app, teacher_client, roster):
    classroom_id, ana, _ = roster
    page = f"/teacher/classes/{classroom_id}/students/{ana}"
    html = teacher_client.get(page).text
    assert 'value="Ana Lima"' in html
    assert f'href="{page}/remove"' in html and f'action="{page}/remove"' not in html  # a link, not a button that acts
    reply = post_form(teacher_client, f"{page}/rename", {"display_name": "Ana L."}, page)
    assert reply.headers["Location"] == f"/teacher/classes/{classroom_id}/roster"
    assert "Renamed to Ana L." in teacher_client.get(reply.headers["Location"]).text


def test_removing_asks_first_and_cancel_goes_back(app, teacher_client, roster):
    classroom_id, ana, _ = roster
    url = f"/teacher/classes/{classroom_id}/students/{ana}/remove"
    before = rows(app)
    confirm = teacher_client.get(url)
    assert confirm.status_code == 200 and rows(app) == before
    assert "Remove Ana Lima from 7B?" in confirm.text and "past attempts are kept" in confirm.text
    assert f'action="{url}"' in confirm.text and 'class="button danger-solid">Remove Ana Lima<' in confirm.text
    assert f'href="/teacher/classes/{classroom_id}/students/{ana}">Cancel<' in confirm.text
    reply = teacher_client.post(url, data={"csrf_token": csrf_token(confirm.text)})
    assert reply.headers["Location"] == f"/teacher/classes/{classroom_id}/roster"
    assert ana not in ids(app, Enrollment)
    assert "Ana Lima was removed from the class." in teacher_client.get(reply.headers["Location"]).text


@pytest.mark.parametrize("path", ["students/{ana}/remove", "code"])
def test_a_destructive_post_without_a_valid_token_changes_nothing(app, teacher_client, roster, path):
    classroom_id, ana, _ = roster
    url = f"/teacher/classes/{classroom_id}/" + path.format(ana=ana)
    before = rows(app)
    reply = teacher_client.post(url, data={"csrf_token": "forged"})
    assert reply.status_code == 400
    assert rows(app) == before


def test_a_new_join_code_asks_first(app, teacher_client, roster, klass):
    classroom_id = roster[0]
    html = teacher_client.get(f"/teacher/classes/{classroom_id}").text
    assert f'href="/teacher/classes/{classroom_id}/code"' in html and f'action="/teacher/classes/{classroom_id}/code"' \
        not in html
    confirm = teacher_client.get(f"/teacher/classes/{classroom_id}/code").text
    assert "Make a new join code for 7B?" in confirm and f'href="/teacher/classes/{classroom_id}">Cancel<' in confirm
    with app.app_context():
        assert db.session.get(Classroom, classroom_id).join_code == klass[1]
    teacher_client.post(f"/teacher/classes/{classroom_id}/code", data={"csrf_token": csrf_token(confirm)})
    with app.app_context():
        assert db.session.get(Classroom, classroom_id).join_code != klass[1]


def test_a_student_of_another_class_is_not_found_here(app, teacher_client, roster):
    other_id, other_code = new_class(teacher_client, "8C")
    join(app.test_client(), other_code, "Zoe")
    zoe = ids(app, Enrollment, Enrollment.classroom_id == other_id)[0]
    for suffix in ("", "/remove"):
        assert teacher_client.get(f"/teacher/classes/{roster[0]}/students/{zoe}{suffix}").status_code == 404
