"""Question files in and out of a bank: an import is previewed, then all of it or nothing.

The CLI (`flask banks import`) and the teacher's upload page share this path: the
core's parse_upload reads the file, preview_import says what would happen, and
apply_import writes every question, all or nothing, in short transactions that never
keep a class waiting (import_writing). A file over the limits (LECTERN_MAX_IMPORT_BYTES,
LECTERN_MAX_IMPORT_QUESTIONS) is refused before it is parsed. Imported
questions are made "in the app" (source_digest None), so reloading bank files
never retires them, and they may lack evidence until a teacher adds it. They come in
as drafts: no quiz draws them until a teacher publishes them (lectern.services.publishing).

questions_file writes a bank's live questions as GIFT, Moodle XML or CSV, the
formats an import reads back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from lectern.config import MAX_IMPORT_BYTES, MAX_IMPORT_QUESTIONS
from lectern.core.article import Article
from lectern.core.banks import Bank as BankFile
from lectern.core.banks import evidence_problems
from lectern.core.images import DEFAULT_MAX_IMAGE_BYTES, referenced_digests
from lectern.core.interchange import (
    CSV,
    GIFT,
    MOODLE_XML,
    ImportedQuestion,
    ImportProblem,
    ImportResult,
    Skipped,
    UnreadableUpload,
    decode_upload,
    detect_text_format,
    limit_problem,
    parse_upload,
    write_csv,
    write_gift,
    write_moodle_xml,
)
from lectern.core.item_rules import Finding
from lectern.core.quizzes import DEFAULT_QUIZ
from lectern.extensions import db
from lectern.models import Bank, Question, Quiz, Teacher
from lectern.services.bank_loading import digest
from lectern.services.import_writing import KeyTaken, NewQuestion, write_questions
from lectern.services.item_warnings import warnings_in_bank
from lectern.services.media import store_images, stored_images
from lectern.services.question_editing import article_of
from lectern.services.reading import store_reading_figures

FORMAT_NAMES = {"gift": "GIFT", "moodle-xml": "Moodle XML", "aiken": "Aiken", "csv": "CSV"}
EXPORT_FORMATS = (GIFT, MOODLE_XML, CSV)  # Aiken is import-only: it holds single choice alone


class ImportFailed(Exception):
    """The import could not be finished; nothing of it was kept. The message says what to do."""


class ImportConflict(ImportFailed):
    """The bank changed between the preview and the import (a question took one of the ids)."""


@dataclass(frozen=True)
class ImportPreview:
    """What importing a file into a bank would do; nothing has been written."""

    bank_slug: str
    bank_exists: bool
    format: str | None
    result: ImportResult
    # Item-writing warnings about the imported questions in the bank they join (advice: never a problem).
    warnings: tuple[Finding, ...] = ()

    @property
    def questions(self) -> list[ImportedQuestion]:
        return self.result.questions

    @property
    def skipped(self) -> list[Skipped]:
        return self.result.skipped

    @property
    def problems(self) -> list[ImportProblem]:
        return self.result.problems

    @property
    def ok(self) -> bool:
        """True when the import may go ahead: no problems and at least one question."""
        return self.result.ok and bool(self.result.questions)

    def warnings_of(self, question_id: str) -> list[Finding]:
        """The warnings that concern one imported question."""
        return [w for w in self.warnings if w.concerns(question_id)]

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES.get(self.format or "", "an unknown format")


def find_bank(slug: str) -> Bank | None:
    """The bank with this slug, or None."""
    return db.session.scalar(select(Bank).where(Bank.slug == slug))


def preview_import(data: bytes, bank_slug: str, format: str | None = None, *, warn: bool = True) -> ImportPreview:
    """Parse the file for the bank: the questions it would create (under ids the bank does not use yet),
    the ones it skips and why, and every problem with its line. A file over the import limits
    is refused with one problem, before it is parsed. warn=False leaves out the item-writing
    warnings (seconds for a large file), for a confirmation that has shown them already."""
    bank = find_bank(bank_slug)
    too_large = import_limit_problem(data, format)
    if too_large is not None:
        return ImportPreview(bank_slug, bank is not None, format,
                             ImportResult(problems=[ImportProblem(None, None, too_large)]))
    taken = set(db.session.scalars(select(Question.key).where(Question.bank_id == bank.id))) if bank else set()
    result = parse_upload(data, format, taken_ids=taken, max_image_bytes=_max_image_bytes())
    article = article_of(bank) if bank else Article(title=title_from_slug(bank_slug), source="", date=None,
                                                     paragraphs=(), url=None)
    result = _fit_evidence(result, article)
    joins = bank if bank is not None else BankFile(bank_slug, article, (), (DEFAULT_QUIZ,))
    warnings = tuple(warnings_in_bank(joins, [q.definition for q in result.questions])) if result.ok and warn else ()
    return ImportPreview(bank_slug, bank is not None, format or _detected(data), result, warnings)


def _fit_evidence(result: ImportResult, article: Article) -> ImportResult:
    """Evidence this bank's article does not bear out is left out, with a note saying so.

    A file exported from another bank carries that bank's evidence; stored here it
    would point students at a paragraph that says something else. Left out, the
    question is flagged "needs evidence" instead.
    """
    questions = []
    for imported in result.questions:
        evidence = imported.definition.evidence
        problems = evidence_problems(evidence, article) if evidence else []
        if problems:
            wrong = {n for n, _ in problems}
            definition = imported.definition.model_copy(
                update={"evidence": [ev for n, ev in enumerate(evidence) if n not in wrong]})
            notes = imported.notes + tuple(f"evidence left out: {message}" for _, message in problems)
            imported = replace(imported, definition=definition, notes=notes)
        questions.append(imported)
    return replace(result, questions=questions)


def import_limit_problem(data: bytes, format: str | None = None) -> str | None:
    """Why the file is over this server's import limits (its size, or its number of questions), or None."""
    config = current_app.config
    return limit_problem(data, format, max_questions=config.get("LECTERN_MAX_IMPORT_QUESTIONS", MAX_IMPORT_QUESTIONS),
                         max_bytes=config.get("LECTERN_MAX_IMPORT_BYTES", MAX_IMPORT_BYTES))


def _max_image_bytes() -> int:
    return int(current_app.config.get("LECTERN_MAX_IMAGE_BYTES") or DEFAULT_MAX_IMAGE_BYTES)


def _detected(data: bytes) -> str | None:
    # parse_upload detects the format too but does not say which; this repeats its rule.
    try:
        text = decode_upload(data)
    except UnreadableUpload:
        return None
    return detect_text_format(text)


def apply_import(preview: ImportPreview, bank: Bank | None, teacher: Teacher | None,
                 *, source_name: str | None = None) -> list[str]:
    """Add every previewed question to the end of the bank as a draft, each as its version 1; their ids.

    Commits: the questions are written in short transactions (import_writing), so students
    submitting meanwhile never wait long, and they become drafts together at the end.
    With bank None a new article-less bank named after the preview's slug is made
    first (the CLI's `--bank new-slug`). ValueError if the preview has problems;
    ImportConflict (nothing kept) if an id was taken since, ImportFailed if the database
    refused a write; on any error nothing is kept.
    """
    if not preview.ok:
        raise ValueError("an import with problems, or with no questions, writes nothing")
    new_bank = bank is None
    if bank is None:
        bank = _new_bank(preview.bank_slug, source_name, teacher)
        db.session.flush()
    last = db.session.scalar(select(func.max(Question.position)).where(Question.bank_id == bank.id)) or 0
    teacher_id = teacher.id if teacher is not None else None
    store_images(preview.result.images.values())  # the pictures the questions show, with the first chunk
    questions = [NewQuestion(key=q.definition.id, position=last + offset, type=q.definition.type,
                             definition=q.definition.to_data(), digest=digest(q.definition))
                 for offset, q in enumerate(preview.questions, start=1)]
    bank_id = bank.id
    try:
        write_questions(bank_id, questions, teacher_id)
    except KeyTaken as e:
        # Someone added a question with one of these ids after the preview was made.
        _drop_if_new(bank_id, new_bank)
        raise ImportConflict("The bank changed while you were importing (a question id is now taken); "
                             "nothing was imported. Preview the file again.") from e
    except SQLAlchemyError as e:
        _drop_if_new(bank_id, new_bank)
        raise ImportFailed("The database could not take the questions just now (it may be busy); nothing "
                           "was imported. Confirm the import again in a moment.") from e
    except BaseException:
        _drop_if_new(bank_id, new_bank)
        raise
    return [q.key for q in questions]


def _drop_if_new(bank_id: int | None, new_bank: bool) -> None:
    # The bank the failed import made, so that nothing of it is left.
    if new_bank and bank_id is not None:
        db.session.execute(delete(Bank).where(Bank.id == bank_id).execution_options(synchronize_session=False))
        db.session.commit()


def title_from_slug(slug: str) -> str:
    """A readable title for a bank known only by its slug: 'moodle-sample' → 'Moodle sample'."""
    words = slug.replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else slug


def _new_bank(slug: str, source_name: str | None, teacher: Teacher | None) -> Bank:
    # A bank of imported questions has no article yet; it gets the default quiz so
    # that students can take it at once, as a bank made from a pasted article does.
    teacher_id = teacher.id if teacher is not None else None
    bank = Bank(slug=slug, title=title_from_slug(slug), source=f"Imported from {source_name or 'a question file'}"[:300],
                published=None, url=None, paragraphs=[], key_terms=[], created_by_id=teacher_id)
    store_reading_figures(bank)  # of no article: 0 words, so the article page need not compute them
    bank.quizzes.append(Quiz(key=DEFAULT_QUIZ.id, title=DEFAULT_QUIZ.title, description=None,
                             spec=DEFAULT_QUIZ.model_dump(mode="json", exclude_defaults=True),
                             position=1, created_by_id=teacher_id))
    db.session.add(bank)
    return bank


@dataclass(frozen=True)
class ExportFile:
    """A bank's questions in one format, ready to save or download."""

    content: bytes
    content_type: str
    filename: str


def questions_file(bank: BankFile, fmt: str) -> ExportFile:
    """The bank's live questions as a GIFT, Moodle XML or CSV file (ValueError for another format)."""
    questions = list(bank.questions)
    if fmt == GIFT:
        return ExportFile(write_gift(questions).encode("utf-8"), "text/plain; charset=utf-8",
                          f"{bank.slug}.gift.txt")
    if fmt == MOODLE_XML:
        images = stored_images(referenced_digests(json.dumps(q.to_data()) for q in questions))
        return ExportFile(write_moodle_xml(questions, images), "application/xml; charset=utf-8",
                          f"{bank.slug}.moodle.xml")
    if fmt == CSV:
        # utf-8-sig: with the byte-order mark Excel reads accented letters right (see csv_format).
        return ExportFile(write_csv(questions).encode("utf-8-sig"), "text/csv; charset=utf-8", f"{bank.slug}.csv")
    raise ValueError(f"unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")

