"""Who may change a bank: its owner and co-owners; everyone else may read it and duplicate it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import DRAFT, PUBLISHED, Bank, BankCoOwner, Question, Quiz
from tests.conftest import csrf_token
from tests.web.teachers import make_teacher, post_form, sign_in

BANK = "/teacher/banks/mini"
REFUSAL = "Only the bank&#39;s owner and co-owners can change it; duplicate it to make your own copy."
EDIT_PAGES = [f"{BANK}/questions/new?type=true_false", f"{BANK}/questions/meeting-city/edit", f"{BANK}/import",
              f"{BANK}/quizzes/new", f"{BANK}/terms/1/remove", f"{BANK}/owners"]


@pytest.fixture
def owned(app, teacher, mini_bank):
    """The mini bank, owned by the first teacher (as if they had made it), with one draft of theirs."""
    with app.app_context():
        bank = db.session.scalar(select(Bank).where(Bank.slug == "mini"))
        bank.created_by_id = teacher
        db.session.scalar(select(Question).where(Question.key == "sources")).status = DRAFT
        db.session.commit()
        return bank.id


@pytest.fixture
def other(app):
    """A second teacher, not an admin, signed in."""
    make_teacher(app, "other@school.org")
    client = app.test_client()
    assert sign_in(client, "other@school.org").status_code == 302
    return client


def _post(client, url: str, page: str = BANK, **data):
    return client.post(url, data={"csrf_token": csrf_token(client.get(page).text), **data})


def _quiz_id(app, bank_slug: str, key: str = "full") -> int:
    with app.app_context():
        return db.session.scalar(select(Quiz.id).join(Bank).where(Bank.slug == bank_slug, Quiz.key == key))


@pytest.mark.parametrize("url", EDIT_PAGES)
def test_another_teacher_gets_403_on_every_edit_page(owned, other, url):
    reply = other.get(url)
    assert reply.status_code == 403 and REFUSAL in reply.text and "Duplicate this bank" in reply.text


def test_another_teacher_changes_nothing_by_posting(app, owned, other):
    assert _post(other, f"{BANK}/questions/meeting-city/retire").status_code == 403
    assert _post(other, f"{BANK}/publish").status_code == 403
    assert _post(other, f"{BANK}/terms", term="Berlin", definition="A city.").status_code == 403
    assert other.get(f"/teacher/quizzes/{_quiz_id(app, 'mini')}").status_code == 403
    assert _post(other, f"/teacher/quizzes/{_quiz_id(app, 'mini')}/duplicate").status_code == 403
    with app.app_context():
        assert not db.session.scalar(select(Question.retired).where(Question.key == "meeting-city"))
        assert db.session.scalar(select(Question.status).where(Question.key == "sources")) == DRAFT
        assert db.session.scalar(select(func.count()).select_from(Quiz)) == 2


def test_another_teacher_reads_the_bank_without_edit_buttons_or_drafts(owned, other, teacher_client):
    page = other.get(BANK).text
    assert "meeting-city" in page and "sources" not in page
    assert "New question" not in page and "Import questions" not in page and ">Edit<" not in page
    assert "Duplicate this bank" in page and "Owners and co-owners" not in page
    assert "Add a key term" not in other.get(f"{BANK}/terms").text
    owner_page = teacher_client.get(BANK).text
    assert "New question" in owner_page and "sources" in owner_page and "Owners and co-owners" in owner_page


def test_banks_from_files_are_edited_by_admins_only(app, mini_bank, teacher_client, other):
    assert teacher_client.get(f"{BANK}/questions/meeting-city/edit").status_code == 200  # the admin
    assert other.get(f"{BANK}/questions/meeting-city/edit").status_code == 403


def test_a_teacher_duplicates_a_bank_and_edits_their_copy(app, owned, other):
    form = other.get(f"{BANK}/duplicate")
    assert form.status_code == 200 and 'value="mini-copy"' in form.text
    reply = _post(other, f"{BANK}/duplicate", page=f"{BANK}/duplicate", slug="mini-copy")
    assert reply.status_code == 302 and reply.headers["Location"] == "/teacher/banks/mini-copy"
    with app.app_context():
        original, copy = (db.session.scalar(select(Bank).where(Bank.slug == s)) for s in ("mini", "mini-copy"))
        assert copy.created_by_id != original.created_by_id and copy.created_by_id is not None
        assert copy.paragraphs == original.paragraphs and copy.key_terms == original.key_terms
        assert [(q.key, q.status, len(q.versions)) for q in copy.questions] == [
            (q.key, q.status, 1) for q in original.questions]
        assert copy.questions[0].versions[0].definition == original.questions[0].versions[-1].definition
        assert [(q.key, q.title, q.spec) for q in copy.quizzes] == [(q.key, q.title, q.spec) for q in original.quizzes]
    assert other.get("/teacher/banks/mini-copy/questions/meeting-city/edit").status_code == 200
    assert _post(other, "/teacher/banks/mini-copy/questions/meeting-city/retire").status_code == 302
    with app.app_context():
        retired = dict(db.session.execute(select(Bank.slug, Question.retired).join(Question)
                                          .where(Question.key == "meeting-city")).all())
        assert retired == {"mini": False, "mini-copy": True}


def test_a_taken_address_for_the_copy_is_refused_beside_the_field(app, owned, other):
    reply = _post(other, f"{BANK}/duplicate", page=f"{BANK}/duplicate", slug="mini")
    assert reply.status_code == 400 and "The address &#39;mini&#39; is taken" in reply.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Bank)) == 1


def test_the_owner_adds_and_removes_a_co_owner(app, owned, teacher_client, other):
    refused = post_form(teacher_client, f"{BANK}/owners", {"email": "nobody@school.org"})
    assert refused.status_code == 400 and "No teacher has an account with the email nobody@school.org" in refused.text
    added = post_form(teacher_client, f"{BANK}/owners", {"email": "Other@School.org"})
    assert added.status_code == 302
    assert "other@school.org can now edit this bank" in teacher_client.get(f"{BANK}/owners").text
    assert other.get(f"{BANK}/questions/meeting-city/edit").status_code == 200
    assert "sources" in other.get(BANK).text  # a co-owner sees the drafts too
    assert other.get(f"{BANK}/owners").status_code == 403  # only the owner shares the bank

    with app.app_context():
        co_owner = db.session.scalar(select(BankCoOwner.teacher_id))
    remove = f"{BANK}/owners/{co_owner}/remove"
    confirm = teacher_client.get(remove)
    assert confirm.status_code == 200 and "Remove other@school.org as a co-owner?" in confirm.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(BankCoOwner)) == 1  # asking removes nothing
    assert _post(teacher_client, remove, page=remove).status_code == 302
    assert other.get(f"{BANK}/questions/meeting-city/edit").status_code == 403


def test_an_editor_duplicates_a_quiz_with_its_settings(app, owned, teacher_client):
    quiz_id = _quiz_id(app, "mini")
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        quiz.time_limit_minutes, quiz.attempts_allowed = 20, 2
        db.session.commit()
    page = f"/teacher/quizzes/{quiz_id}"
    reply = _post(teacher_client, f"{page}/duplicate", page=page)
    assert reply.status_code == 302
    with app.app_context():
        copy = db.session.scalar(select(Quiz).where(Quiz.title == "Full comprehension check (copy)"))
        assert reply.headers["Location"] == f"/teacher/quizzes/{copy.id}"
        assert (copy.time_limit_minutes, copy.attempts_allowed, copy.bank_id) == (20, 2, owned)
        assert copy.key != "full" and copy.spec["id"] == copy.key and copy.spec["title"] == copy.title
    assert "Made “Full comprehension check (copy)”" in teacher_client.get(reply.headers["Location"]).text


def test_published_questions_stay_published_in_the_copy(app, owned, other):
    _post(other, f"{BANK}/duplicate", page=f"{BANK}/duplicate", slug="mine")
    with app.app_context():
        statuses = dict(db.session.execute(select(Question.key, Question.status).join(Bank)
                                           .where(Bank.slug == "mine")).all())
    assert statuses["sources"] == DRAFT and statuses["meeting-city"] == PUBLISHED
