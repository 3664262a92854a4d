"""Import limits: a file too large (in bytes or in questions) is refused before it is read, on the
upload page and in `flask banks import`, with the limit, what the file has and what to do."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import Question
from tests.conftest import app_over_empty_database
from tests.web.teachers import make_teacher, sign_in
from tests.web.test_question_import import GIFT, IMPORT, NEW_KEYS, _confirm, _rows, _upload


def gift(questions: int) -> bytes:
    return "".join(f"Q{n}? {{T}}\n\n" for n in range(questions)).encode()


@pytest.fixture
def small_limits(tmp_path, request):
    """An app whose limits are small enough to reach in a test: 5 questions, 2 kB, requests of 64 kB."""
    limits = {"LECTERN_MAX_IMPORT_QUESTIONS": 5, "LECTERN_MAX_IMPORT_BYTES": 2048, "MAX_CONTENT_LENGTH": 64 * 1024,
              **getattr(request, "param", {})}
    with app_over_empty_database(tmp_path, **limits) as app:
        yield app


@pytest.fixture
def small_client(small_limits, mini_bank_in_small):
    make_teacher(small_limits, admin=True)
    client = small_limits.test_client()
    assert sign_in(client).status_code == 302
    return client


@pytest.fixture
def mini_bank_in_small(small_limits):
    from lectern.core.banks import read_bank
    from lectern.services.bank_loading import load_bank
    from tests.conftest import MINI_BANK

    with small_limits.app_context():
        load_bank(read_bank(MINI_BANK))
        db.session.commit()


def _error(page: str) -> str:
    return " ".join(html.unescape(page).split())


def test_a_file_with_too_many_questions_is_refused_with_the_count_and_the_limit(small_limits, small_client):
    before = _rows(small_limits)
    reply = _upload(small_client, gift(6))
    assert reply.status_code == 422
    assert ("This file has 6 questions; Lectern imports at most 5 at a time — split the file into parts of "
            "at most 5 questions and import them one after another.") in _error(reply.text)
    assert "at most 2 kB and 5 questions at a time" in _error(reply.text)  # the form says the limits up front
    assert _rows(small_limits) == before


def test_a_file_over_the_byte_limit_is_refused_with_its_size_and_the_limit(small_limits, small_client):
    before = _rows(small_limits)
    reply = _upload(small_client, b"// " + b"x" * 3000 + b"\n\n" + gift(1))
    assert reply.status_code == 422
    assert ("This file is 3 kB; Lectern imports files of at most 2 kB — split it into smaller files and "
            "import them one after another.") in _error(reply.text)
    assert _rows(small_limits) == before


def test_a_confirmation_tampered_to_carry_too_many_questions_imports_nothing(small_limits, small_client):
    import base64

    before = _rows(small_limits)
    preview = _upload(small_client, gift(5))
    assert preview.status_code == 200 and "5 questions" in preview.text
    reply = _confirm(small_client, preview.text, content=base64.b64encode(gift(6)).decode())
    assert reply.status_code == 302 and reply.headers["Location"] == IMPORT
    assert "This file has 6 questions; Lectern imports at most 5" in _error(small_client.get(IMPORT).text)
    assert _rows(small_limits) == before


def test_a_file_at_the_limit_imports_whole(small_limits, small_client):
    preview = _upload(small_client, gift(5))
    assert _confirm(small_client, preview.text).status_code == 302
    with small_limits.app_context():
        assert db.session.scalar(select(func.count()).select_from(Question).where(Question.key.like("q%"))) == 5


@pytest.mark.parametrize(("data", "message"), [
    (gift(6), "this file has 6 questions; Lectern imports at most 5 at a time"),
    (b"// " + b"x" * 3000 + b"\n\n" + gift(1), "this file is 3 kB; Lectern imports files of at most 2 kB"),
])
def test_the_cli_refuses_the_same_files(small_limits, mini_bank_in_small, tmp_path, data, message):
    path = tmp_path / "big.gift.txt"
    path.write_bytes(data)
    before = _rows(small_limits)
    result = small_limits.test_cli_runner().invoke(args=["banks", "import", str(path), "--bank", "mini", "--yes"])
    assert result.exit_code == 1
    assert message in result.output and "nothing was imported" in result.output
    assert _rows(small_limits) == before


def test_a_file_over_the_request_limit_gets_413_with_the_import_limit(small_limits, small_client):
    reply = _upload(small_client, b"// " + b"x" * (70 * 1024))
    assert reply.status_code == 413
    assert "The file is larger than 2 kB, the most Lectern accepts" in reply.text


@pytest.mark.parametrize("small_limits", [{"LECTERN_MAX_IMPORT_BYTES": 200 * 1024,
                                           "MAX_CONTENT_LENGTH": 200 * 1024 + 64 * 1024}], indirect=True)
def test_a_file_just_under_the_byte_limit_can_still_be_confirmed(small_limits, small_client):
    # Its base64 copy in the confirmation is a third larger than the request limit.
    filler = ("// " + "x" * 76 + "\n") * 2_450
    data = (filler + "\n" + GIFT).encode()
    assert 190 * 1024 < len(data) < 200 * 1024
    preview = _upload(small_client, data)
    assert preview.status_code == 200 and "3 questions" in preview.text
    assert _confirm(small_client, preview.text).status_code == 302
    with small_limits.app_context():
        assert db.session.scalar(select(func.count()).select_from(Question).where(Question.key.in_(NEW_KEYS))) == 3


def test_the_default_limits_are_2000_questions_and_10_mb(app):
    assert app.config["LECTERN_MAX_IMPORT_QUESTIONS"] == 2000
    assert app.config["LECTERN_MAX_IMPORT_BYTES"] == 10 * 1024 * 1024
    # A largest file and its form fit in one request.
    assert app.config["MAX_CONTENT_LENGTH"] > 10 * 1024 * 1024


def test_the_limits_come_from_the_environment(tmp_path, monkeypatch):
    from lectern.config import from_environment

    monkeypatch.setenv("LECTERN_MAX_IMPORT_QUESTIONS", "500")
    monkeypatch.setenv("LECTERN_MAX_IMPORT_BYTES", "1048576")
    config = from_environment(tmp_path)
    assert (config["LECTERN_MAX_IMPORT_QUESTIONS"], config["LECTERN_MAX_IMPORT_BYTES"]) == (500, 1048576)
    monkeypatch.setenv("LECTERN_MAX_IMPORT_QUESTIONS", "lots")
    with pytest.raises(RuntimeError, match="LECTERN_MAX_IMPORT_QUESTIONS is set to 'lots'; give a whole number"):
        from_environment(tmp_path)
