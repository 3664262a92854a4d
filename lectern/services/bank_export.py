"""Write a bank from the database back out as its two text files (a folder or a .zip).

The database is the source: what teachers changed on the web (new questions,
new versions, retired ones) is what the files say, and loading those files
again with `flask banks load` changes nothing.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

from sqlalchemy import select

from lectern.core.article import Article
from lectern.core.bank_writer import bank_texts
from lectern.core.banks import Bank as BankFile
from lectern.core.key_terms import KeyTerm
from lectern.core.questions import parse_question
from lectern.core.quizzes import QuizSpec
from lectern.extensions import db
from lectern.models import PUBLISHED, Bank, utcnow


def bank_file(bank: Bank) -> BankFile:
    """The core Bank a bank's rows describe: its article, key terms, and live questions and quizzes."""
    article = Article(title=bank.title, source=bank.source, date=bank.published,
                      paragraphs=tuple(bank.paragraphs), url=bank.url)
    # The latest version is the question now; retired questions are out of the bank
    # (loading the files retires what they leave out, so this is the same rule).
    # imported=True: a question imported from GIFT or Moodle may still lack its
    # explanation or evidence; it is exported as it stands, for a teacher to finish.
    # Drafts stay out: a bank folder loaded back publishes everything in it.
    questions = tuple(parse_question(q.versions[-1].definition, imported=True)
                      for q in bank.questions if q.status == PUBLISHED and not q.retired and q.versions)
    quizzes = tuple(_quiz_spec(quiz.spec, quiz.key, quiz.title, quiz.description, quiz.article_aids)
                    for quiz in bank.quizzes if not quiz.retired)
    key_terms = tuple(KeyTerm.model_validate(t) for t in bank.key_terms or [])
    return BankFile(bank.slug, article, questions, quizzes, key_terms)


def _quiz_spec(spec: dict, key: str, title: str, description: str | None, article_aids: str = "all") -> QuizSpec:
    # The title and description columns are what teachers edit on the quiz page,
    # so they win over the copy inside spec; the spec holds the selection rules.
    data = {k: v for k, v in spec.items() if k not in ("title", "description")}
    data |= {"id": key, "title": title}
    if description:
        data["description"] = description
    if article_aids and article_aids != "all":  # a run setting of its own column, written out as the file holds it
        data["article_aids"] = article_aids
    return QuizSpec.model_validate(data)


def find_bank_file(slug: str) -> BankFile | None:
    """The core Bank for the bank with this slug, or None when there is no such bank."""
    bank = db.session.scalar(select(Bank).where(Bank.slug == slug))
    return bank_file(bank) if bank is not None else None


def write_folder(bank: BankFile, parent: Path) -> list[Path]:
    """Write parent/<slug>/article.md and questions.yaml, each replaced whole, never half-written."""
    folder = parent / bank.slug
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        # Both files are written in full before either replaces the old one, so a
        # failure (a full disk) leaves the old pair in place rather than a mixed one.
        for name, text in bank_texts(bank).items():
            handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            # mkstemp makes the file private (0600); a bank file is an ordinary, shared file.
            target = folder / name
            os.chmod(temp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
            staged.append((name, Path(temp)))
        for name, temp in staged:
            os.replace(temp, folder / name)
    finally:
        for _, temp in staged:
            temp.unlink(missing_ok=True)
    return [folder / name for name, _ in staged]


def bank_zip(bank: BankFile) -> bytes:
    """A .zip holding <slug>/article.md and <slug>/questions.yaml, the same text the CLI writes."""
    buffer = io.BytesIO()
    stamp = utcnow().timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in bank_texts(bank).items():
            info = zipfile.ZipInfo(f"{bank.slug}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # an ordinary readable file when unzipped
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
