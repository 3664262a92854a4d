"""Question versions as attempts use them: the versions a new attempt chooses from, and their
definitions, parsed once per process (a version never changes once written)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import defer

from lectern.core.questions import QuestionDefinition, parse_question
from lectern.extensions import db
from lectern.models import IMPORTING, PUBLISHED, Assignment, Question, QuestionVersion, Quiz

# Versions never change once written, so each is parsed once per process. Lists of versions are
# loaded without their definition column (WITHOUT_DEFINITION): decoding 48 JSON definitions cost
# more than the rest of the query, and the parsed ones are already here (the rest in one query).
_definitions: dict[tuple[int, str], QuestionDefinition] = {}
WITHOUT_DEFINITION = defer(QuestionVersion.definition)


def _parsed(key: tuple[int, str], stored: dict[str, Any]) -> QuestionDefinition:
    if key not in _definitions:
        # imported=True: a stored version was validated when written, and one imported
        # from GIFT or Moodle XML may lack its explanation or evidence until a teacher adds them.
        _definitions[key] = parse_question(stored, imported=True)
    return _definitions[key]


def definition_of(version: QuestionVersion) -> QuestionDefinition:
    """The core definition a stored version holds."""
    key = (version.id, version.digest)
    return _definitions[key] if key in _definitions else _parsed(key, version.definition)


def definitions_of(versions: Iterable[QuestionVersion]) -> list[QuestionDefinition]:
    """definition_of for many versions, reading the definitions not parsed yet in one query."""
    return definitions_for([(v.id, v.digest) for v in versions])


def definitions_for(keys: Iterable[tuple[int, str]]) -> list[QuestionDefinition]:
    """The definitions of versions given by (id, digest), reading those not parsed yet in one query."""
    keys = list(keys)
    missing = {version_id: digest for version_id, digest in keys if (version_id, digest) not in _definitions}
    if missing:
        for version_id, stored in db.session.execute(
                select(QuestionVersion.id, QuestionVersion.definition).where(QuestionVersion.id.in_(missing))):
            _parsed((version_id, missing[version_id]), stored)
    return [_definitions[key] for key in keys]


def _bank_query(bank_id: Any, include_drafts: bool, *what: Any) -> Any:
    """Every version of the bank's questions in use (published, unless drafts are wanted), in bank order."""
    query = (select(*what).select_from(QuestionVersion).join(Question, Question.id == QuestionVersion.question_id)
             .where(Question.bank_id == bank_id, Question.retired.is_(False))
             .order_by(Question.position, Question.id, QuestionVersion.number))
    # Never a question an import is still writing (lectern/services/import_writing.py).
    return query.where(Question.status != IMPORTING) if include_drafts else query.where(Question.status == PUBLISHED)


def _latest_of_each(versions: Iterable[Any]) -> list[Any]:
    """Of versions in bank order (numbers rising), each question's last, in its question's place."""
    latest: dict[int, Any] = {}
    for version in versions:
        latest[version.question_id] = version
    return list(latest.values())


def bank_versions(bank_id: int, *, include_drafts: bool = False) -> list[QuestionVersion]:
    """The latest version of each question of a bank that is not retired, in bank order.

    Drafts are left out unless asked for: only their author's previews and the bank's pages show them.
    """
    versions = _latest_of_each(db.session.scalars(
        _bank_query(bank_id, include_drafts, QuestionVersion).options(WITHOUT_DEFINITION)))
    definitions_of(versions)  # parsed now, in one query, for the callers' definition_of
    return versions


def _snapshot_query(version_ids: list[int], *what: Any) -> Any:
    return (select(*what).select_from(QuestionVersion).join(Question, Question.id == QuestionVersion.question_id)
            .where(QuestionVersion.id.in_(version_ids), Question.retired.is_(False)).order_by(Question.position))


_KEY_COLUMNS = (QuestionVersion.id, QuestionVersion.digest, QuestionVersion.question_id)
# Built once, like the other statements every student's requests run (lectern/student/identity.py).
_PUBLISHED_KEYS = _bank_query(bindparam("bank_id"), False, *_KEY_COLUMNS)


def current_version_keys(quiz: Quiz, assignment: Assignment | None = None) -> list[tuple[int, str]]:
    """The versions a new attempt chooses from, as (id, digest) rows in bank order: the class's
    snapshot (retired questions left out), else the bank's published ones. Rows, not version
    objects: that is all a start needs."""
    if assignment is not None and assignment.question_version_ids is not None:
        if not assignment.question_version_ids:
            return []
        rows = db.session.execute(_snapshot_query(assignment.question_version_ids, *_KEY_COLUMNS))
    else:
        rows = _latest_of_each(db.session.execute(_PUBLISHED_KEYS, {"bank_id": quiz.bank_id}))
    return [(row.id, row.digest) for row in rows]
