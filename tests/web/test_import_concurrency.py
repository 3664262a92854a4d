"""A 2,000-question import never keeps the class waiting: it is written in chunks, each its own short
transaction, and students submit between them. The import is paused after its first chunk (through
import_writing.chunk_written, its seam for this); during the pause a student starts and submits on
the same SQLite file from another thread, which would wait for the whole import if it held the
write lock. Still all or nothing: the chunks are invisible until the end, and deleted on failure."""

from __future__ import annotations

import base64
import threading
from typing import Self

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from lectern.core.questions import parse_question
from lectern.extensions import db
from lectern.models import DRAFT, IMPORTING, Bank, Question, Teacher
from lectern.services import import_writing
from lectern.services.question_editing import create_question
from tests.conftest import csrf_token
from tests.web.helpers import RIGHT, start, submit
from tests.web.teachers import sign_in
from tests.web.test_question_import import CONFIRM, IMPORT, _multipart, _rows

QUESTIONS = 2_000
WAIT = 60  # seconds; only a hang would reach it


def gift(questions: int) -> bytes:
    return "".join(f"::imp{n}:: Is {n} even? {{T}}\n\n" for n in range(questions)).encode()


def _confirm_file(client, data: bytes):
    """The confirmation the preview page would send for this file (the preview's own checks are elsewhere)."""
    token = csrf_token(client.get(IMPORT).text)
    return _multipart(client, CONFIRM, {"content": base64.b64encode(data).decode(), "format": "",
                                        "filename": "big.gift.txt", "csrf_token": token})


def _committed(app, status: str | None = None) -> int:
    """Questions of the import (keys imp0…) that other connections can see, on a connection of its own."""
    query = "SELECT count(*) FROM question WHERE key LIKE 'imp%'" + (f" AND status = '{status}'" if status else "")
    with app.app_context(), db.engine.connect() as connection:
        return connection.execute(text(query)).scalar_one()


class PausedImport:
    """Runs the confirmation in a thread, stopping after the first chunk until resumed."""

    def __init__(self, app, client, monkeypatch, data: bytes = gift(QUESTIONS)) -> None:
        self.app, self.paused, self.go_on = app, threading.Event(), threading.Event()
        self.seen: list[int] = []  # committed questions after each chunk, as another connection sees them
        self.reply = None
        monkeypatch.setattr(import_writing, "chunk_written", self._chunk_written)
        self.thread = threading.Thread(target=self._run, args=(client, data))

    def _chunk_written(self, written: int) -> None:
        self.seen.append(_committed(self.app))
        if not self.paused.is_set():
            self.paused.set()
            assert self.go_on.wait(WAIT)

    def _run(self, client, data: bytes) -> None:
        try:
            self.reply = _confirm_file(client, data)
        finally:
            self.paused.set()  # never leave the test waiting if the import failed before its first chunk

    def __enter__(self) -> Self:
        self.thread.start()
        assert self.paused.wait(WAIT)
        return self

    def __exit__(self, *exc) -> None:
        self.go_on.set()
        self.thread.join(WAIT)


def test_a_student_submits_while_a_2000_question_import_is_being_written(app, teacher_client, mini_bank,
                                                                          monkeypatch):
    student, looking = app.test_client(), app.test_client()
    assert sign_in(looking).status_code == 302  # the same teacher in another tab, while the import runs
    with PausedImport(app, teacher_client, monkeypatch) as importing:
        # The first chunk is committed, and only it: the import holds no lock now.
        assert _committed(app) == _committed(app, IMPORTING) == import_writing.CHUNK_SIZE
        # A student's whole attempt goes through on the same database meanwhile (busy_timeout would
        # make it wait for the lock, and the import cannot go on while we wait here: no wait, or a hang).
        done = {}
        worker = threading.Thread(target=lambda: done.update(reply=submit(student, start(student), RIGHT)))
        worker.start()
        worker.join(WAIT)
        assert done["reply"].headers["Location"].endswith("/review")
        # Nothing of the import shows meanwhile: not on the bank page, not as drafts.
        page = looking.get("/teacher/banks/mini").text
        assert "<code>imp0</code>" not in page and "<code>imp0</code>" not in looking.get("/teacher/banks/mini?q=imp0").text
        assert looking.get("/teacher/banks/mini/questions/imp0").status_code == 404
    assert importing.reply.status_code == 302 and importing.reply.headers["Location"].endswith("#drafts-h")
    # Every transaction wrote one chunk at most; the last one made them all drafts together.
    steps = [b - a for a, b in zip([0, *importing.seen], importing.seen)]
    assert len(steps) == QUESTIONS // import_writing.CHUNK_SIZE and max(steps) == import_writing.CHUNK_SIZE
    assert _committed(app, DRAFT) == QUESTIONS and _committed(app, IMPORTING) == 0
    assert "Imported 2000 questions" in teacher_client.get("/teacher/banks/mini").text


def test_an_import_that_fails_midway_leaves_nothing_and_says_so(app, teacher_client, mini_bank, monkeypatch):
    before = _rows(app)
    calls = []

    def locked_on_the_third_chunk(written: int) -> None:
        calls.append(written)
        if len(calls) == 3:
            raise OperationalError("INSERT INTO question", {}, Exception("database is locked"))

    monkeypatch.setattr(import_writing, "chunk_written", locked_on_the_third_chunk)
    reply = _confirm_file(teacher_client, gift(QUESTIONS))
    assert reply.status_code == 302 and reply.headers["Location"] == IMPORT
    assert ("The database could not take the questions just now (it may be busy); nothing was imported."
            in teacher_client.get(IMPORT).text)
    assert _rows(app) == before and _committed(app) == 0


def test_an_id_taken_during_the_import_imports_nothing(app, teacher_client, mini_bank, monkeypatch):
    # Another teacher saves a question whose id the import's last chunk is about to use.
    with PausedImport(app, teacher_client, monkeypatch, gift(QUESTIONS)), app.app_context():
        bank = db.session.scalar(select(Bank).where(Bank.slug == "mini"))
        definition = parse_question({"id": f"imp{QUESTIONS - 1}", "type": "true_false", "prompt": "Mine?",
                                     "answer": True}, imported=True)
        create_question(bank, definition, db.session.scalars(select(Teacher)).first())
        db.session.commit()
    with app.app_context():
        keys = set(db.session.scalars(select(Question.key).where(Question.key.like("imp%"))))
    assert keys == {f"imp{QUESTIONS - 1}"}  # the other teacher's question, and nothing of the import
    assert "The bank changed while you were importing" in teacher_client.get(IMPORT).text


@pytest.mark.parametrize("chunk", [1, 7])
def test_chunks_of_any_size_write_every_question_once(app, teacher, mini_bank, chunk):
    with app.app_context():
        bank = db.session.scalar(select(Bank).where(Bank.slug == "mini"))
        rows = [import_writing.NewQuestion(f"c{n}", 100 + n, "true_false",
                                           {"id": f"c{n}", "type": "true_false", "prompt": f"C{n}?", "answer": True},
                                           "x" * 64) for n in range(15)]
        import_writing.write_questions(bank.id, rows, teacher, chunk_size=chunk)
        stored = db.session.execute(select(Question.key, Question.status).where(Question.key.like("c%"))).all()
        assert sorted(stored) == sorted((f"c{n}", DRAFT) for n in range(15))
        assert db.session.scalar(select(func.count()).select_from(Question).where(Question.status == IMPORTING)) == 0
