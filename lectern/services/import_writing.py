"""Writing an import's questions without making the class wait: in short chunks, still all or nothing.

On SQLite one writer holds the database at a time (lectern/sqlite_transactions.py), so an
import written in one transaction kept every student's submit waiting until its last row:
33 s for 100,000 questions. Here each chunk (CHUNK_SIZE questions, a few milliseconds) is
its own transaction, so a submit waits for one chunk at most. The chunks are written as
IMPORTING, which no page, quiz, export or check shows; one last short UPDATE makes them
drafts together. If anything fails on the way, the chunks already written are deleted, so
a teacher who is told nothing was imported finds nothing.

Rows go in with bulk INSERTs (one statement for a chunk's questions, one for their versions)
rather than one ORM object each: 2,000 questions take a fraction of a second, not seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from lectern.extensions import db
from lectern.models import DRAFT, IMPORTING, Question, QuestionVersion, utcnow

CHUNK_SIZE = 200  # questions per transaction: about 10 ms of writing on SQLite
# An import still IMPORTING after this long died with its process (a restart mid-import);
# the next import into the bank clears what it left.
ABANDONED_AFTER = timedelta(hours=1)
_ID_BATCH = 500  # ids per IN (...) list, far below any database's limit on parameters


class KeyTaken(Exception):
    """A question id the import writes was taken by another question meanwhile; nothing was kept."""


@dataclass(frozen=True)
class NewQuestion:
    """One question to write: its id in the bank, its place, and its version 1."""

    key: str
    position: int
    type: str
    definition: dict[str, Any]
    digest: str


def chunk_written(written: int) -> None:
    """Called after each chunk is committed, with how many questions are written so far.

    A seam for tests: one pauses an import here to show that students can write meanwhile.
    """


def write_questions(bank_id: int, questions: Sequence[NewQuestion], teacher_id: int | None,
                    chunk_size: int = CHUNK_SIZE) -> None:
    """Write the questions as drafts of the bank, chunk by chunk; all of them or, on any error, none.

    Commits as it goes (the session's pending changes are committed with the first chunk).
    KeyTaken if one of the ids was taken since the preview; any other error is raised as it
    came. Either way the questions written so far are deleted first.
    """
    _clear_abandoned(bank_id)
    written: list[int] = []
    try:
        for start in range(0, len(questions), chunk_size):
            written += _insert_chunk(bank_id, questions[start:start + chunk_size], teacher_id)
            db.session.commit()
            chunk_written(len(written))
        for ids in _batches(written):
            db.session.execute(update(Question).where(Question.id.in_(ids)).values(status=DRAFT)
                               .execution_options(synchronize_session=False))
        db.session.commit()
    except BaseException as error:
        db.session.rollback()
        discard(written)
        if isinstance(error, IntegrityError):
            raise KeyTaken(str(error.orig)) from error
        raise


def _insert_chunk(bank_id: int, chunk: Sequence[NewQuestion], teacher_id: int | None) -> list[int]:
    rows = [{"bank_id": bank_id, "key": q.key, "position": q.position, "retired": False, "source_digest": None,
             "status": IMPORTING, "created_by_id": teacher_id} for q in chunk]
    ids = list(db.session.scalars(insert(Question).returning(Question.id, sort_by_parameter_order=True), rows))
    now = utcnow()
    db.session.execute(insert(QuestionVersion), [
        {"question_id": question_id, "number": 1, "type": q.type, "definition": q.definition, "digest": q.digest,
         "created_at": now, "created_by_id": teacher_id} for question_id, q in zip(ids, chunk, strict=True)])
    return ids


def discard(question_ids: Sequence[int]) -> None:
    """Delete questions an import wrote (with their versions) and commit."""
    for ids in _batches(question_ids):
        db.session.execute(delete(QuestionVersion).where(QuestionVersion.question_id.in_(ids))
                           .execution_options(synchronize_session=False))
        db.session.execute(delete(Question).where(Question.id.in_(ids), Question.status == IMPORTING)
                           .execution_options(synchronize_session=False))
        db.session.commit()


def _clear_abandoned(bank_id: int) -> None:
    abandoned = list(db.session.scalars(
        select(Question.id).join(QuestionVersion, QuestionVersion.question_id == Question.id)
        .where(Question.bank_id == bank_id, Question.status == IMPORTING,
               QuestionVersion.created_at < utcnow() - ABANDONED_AFTER)))
    if abandoned:
        discard(abandoned)


def _batches(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[start:start + _ID_BATCH] for start in range(0, len(ids), _ID_BATCH)]
