"""The bank's page lists its questions 50 at a time, drafts and published apart, and finds them by id
or prompt; bad page numbers never fail."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Bank
from lectern.services import import_writing

BANK = "/teacher/banks/mini"


@pytest.fixture
def drafts_120(app, teacher, mini_bank):
    """120 imported drafts imp0…imp119 in the mini bank, prompts "Is <n> even?"."""
    with app.app_context():
        bank = db.session.scalar(select(Bank).where(Bank.slug == "mini"))
        import_writing.write_questions(bank.id, [
            import_writing.NewQuestion(f"imp{n}", 100 + n, "true_false",
                                       {"id": f"imp{n}", "type": "true_false", "prompt": f"Is {n} even?",
                                        "answer": n % 2 == 0}, "0" * 64) for n in range(120)], teacher)


def _text(reply) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", reply.text)).split())


def _keys(reply) -> list[str]:
    return re.findall(r"<code>(imp\d+)</code>", reply.text)


def test_drafts_are_listed_fifty_at_a_time_with_where_you_are(teacher_client, drafts_120):
    first = teacher_client.get(BANK)
    assert "Drafts (120)" in _text(first) and "Showing 1–50 of 120 (page 1 of 3)" in _text(first)
    assert _keys(first) == [f"imp{n}" for n in range(50)]
    assert 'rel="next" href="/teacher/banks/mini?drafts_page=2"' in first.text and 'rel="prev"' not in first.text
    last = teacher_client.get(BANK + "?drafts_page=3")
    assert "Showing 101–120 of 120 (page 3 of 3)" in _text(last) and _keys(last) == [f"imp{n}" for n in range(100, 120)]
    assert 'rel="prev" href="/teacher/banks/mini?drafts_page=2"' in last.text
    assert "120 drafts" in _text(last)  # the figures count the whole bank, not the page


def test_search_finds_questions_by_id_or_prompt_ignoring_case(teacher_client, drafts_120):
    by_id = teacher_client.get(BANK + "?q=IMP11")
    assert sorted(_keys(by_id)) == sorted(["imp11", *(f"imp{n}" for n in range(110, 120))])
    assert "Showing 1–11 of 11 matching “IMP11”" in _text(by_id)
    by_prompt = teacher_client.get(BANK + "?q=is 7 EVEN")
    assert _keys(by_prompt) == ["imp7"]
    nothing = teacher_client.get(BANK + "?q=100%25_")  # % and _ are letters here, not wildcards
    assert _keys(nothing) == [] and "No question’s id or prompt contains “100%_”." in _text(nothing)


def test_search_pages_keep_the_search(teacher_client, drafts_120):
    reply = teacher_client.get(BANK + "?q=even")
    assert "Showing 1–50 of 120 matching “even”" in _text(reply)
    assert 'href="/teacher/banks/mini?q=even&amp;drafts_page=2"' in reply.text


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999", "", "1.5", "²", "9" * 5000])
def test_bad_page_numbers_show_a_page(teacher_client, drafts_120, page):
    for arg in ("page", "drafts_page"):
        reply = teacher_client.get(BANK, query_string={arg: page})
        assert reply.status_code == 200
        assert "Showing" in _text(reply)


def test_a_page_past_the_last_shows_the_last(teacher_client, drafts_120):
    reply = teacher_client.get(BANK + "?drafts_page=40")
    assert "Showing 101–120 of 120 (page 3 of 3)" in _text(reply)
