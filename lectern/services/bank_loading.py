"""Put a validated bank into the database: new questions, new versions, nothing twice."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from lectern.core.banks import Bank as BankFile
from lectern.core.questions import QuestionDefinition
from lectern.extensions import db
from lectern.models import Bank, Question, QuestionVersion, Quiz
from lectern.services.cards import drop_removed_term_cards
from lectern.services.reading import store_reading_figures


@dataclass
class LoadReport:
    """What loading one bank changed."""

    slug: str
    created: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: int = 0
    bank_changed: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.new_versions or self.retired or self.bank_changed)

    def summary(self) -> str:
        if not self.changed:
            return f"{self.slug}: up to date ({self.unchanged} questions unchanged)"
        parts = [f"{len(self.created)} new", f"{len(self.new_versions)} new versions",
                 f"{len(self.retired)} retired", f"{self.unchanged} unchanged"]
        return f"{self.slug}: " + ", ".join(parts)


def digest(definition: QuestionDefinition) -> str:
    """A fingerprint of a question's content: equal definitions, equal digests."""
    return _fingerprint(definition.to_data())


def _fingerprint(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def load_bank(bank_file: BankFile) -> LoadReport:
    """Create or update one bank's rows from its validated files (the caller commits).

    The files are applied where they changed since the last load (each row keeps the
    fingerprint of what its file said), so a restart does not undo what teachers did
    in the app: their edits, their questions, the questions they retired.
    """
    report = LoadReport(bank_file.slug)
    bank = db.session.scalar(select(Bank).where(Bank.slug == bank_file.slug))
    if bank is None:
        bank = Bank(slug=bank_file.slug, paragraphs=[], key_terms=[])
        db.session.add(bank)
    article = {
        "title": bank_file.article.title,
        "source": bank_file.article.source,
        "published": bank_file.article.date,
        "url": bank_file.article.url,
        "paragraphs": list(bank_file.article.paragraphs),
        "key_terms": [t.model_dump(mode="json", exclude_defaults=True) for t in bank_file.key_terms],
    }
    fingerprint = _fingerprint(article)
    if bank.source_digest != fingerprint:
        report.bank_changed = _assign(bank, article)
        bank.source_digest = fingerprint
        store_reading_figures(bank)
        if bank.id is not None:
            drop_removed_term_cards(bank)

    existing = {q.key: q for q in bank.questions}
    for position, definition in enumerate(bank_file.questions, start=1):
        _load_question(bank, existing.pop(definition.id, None), definition, position, report)
    for question in existing.values():
        # Gone from the file: retire it, if it came from the file (not if a teacher wrote it).
        if question.source_digest is not None:
            question.source_digest = None
            if not question.retired:
                question.retired = True
                report.retired.append(question.key)

    quizzes = {q.key: q for q in bank.quizzes}
    for position, spec in enumerate(bank_file.quizzes, start=1):
        quiz = quizzes.pop(spec.id, None)
        if quiz is None:
            quiz = Quiz(bank=bank, key=spec.id)
            db.session.add(quiz)
        data = spec.model_dump(mode="json", exclude_defaults=True)
        fingerprint = _fingerprint(data)
        if quiz.source_digest != fingerprint:
            # article_aids is a run setting, kept in its column (teachers change it there), not in spec.
            selection = {k: v for k, v in data.items() if k != "article_aids"}
            if _assign(quiz, {"title": spec.title, "description": spec.description, "spec": selection,
                              "article_aids": spec.article_aids, "position": position, "retired": False}):
                report.bank_changed = True
            quiz.source_digest = fingerprint
    for quiz in quizzes.values():
        if quiz.source_digest is not None:
            quiz.source_digest = None
            if not quiz.retired:
                quiz.retired = True
                report.bank_changed = True
    return report


def _load_question(bank: Bank, question: Question | None, definition: QuestionDefinition,
                   position: int, report: LoadReport) -> None:
    fingerprint = digest(definition)
    if question is None:
        question = Question(bank=bank, key=definition.id, position=position, source_digest=fingerprint)
        db.session.add(question)
        _add_version_if_changed(question, definition)
        report.created.append(definition.id)
        return
    if question.source_digest == fingerprint:
        report.unchanged += 1
        return
    question.source_digest = fingerprint
    question.position = position
    if question.retired:
        question.retired = False
        report.bank_changed = True
    if _add_version_if_changed(question, definition):
        report.new_versions.append(definition.id)
    else:
        report.unchanged += 1


def _add_version_if_changed(question: Question, definition: QuestionDefinition) -> bool:
    fingerprint = digest(definition)
    latest = question.versions[-1] if question.versions else None
    if latest is not None and latest.digest == fingerprint:
        return False
    question.versions.append(QuestionVersion(
        number=(latest.number + 1) if latest else 1,
        type=definition.type,
        definition=definition.to_data(),
        digest=fingerprint,
    ))
    return latest is not None


def _assign(row: Any, values: dict[str, Any]) -> bool:
    """Set only the attributes that differ, so an unchanged load writes nothing."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed
