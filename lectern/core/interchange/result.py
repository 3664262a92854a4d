"""What an import returns, and the bookkeeping every format's reader shares.

Every reader (GIFT, Moodle XML, Aiken, CSV) turns a file into plain question data
and hands it to a Collector, which gives each question an id, validates it as an
imported question (explanation and evidence may be missing) and sorts the outcome
into questions, skipped questions and problems. A caller imports nothing when an
ImportResult has problems: the file is all or nothing, like a bank.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from lectern.core.banks import describe_error
from lectern.core.images import StoredImage, referenced_digests
from lectern.core.questions import QuestionDefinition, UnknownType, parse_question

# Question ids are at most 80 characters; keep room for a "-12" suffix.
_ID_ROOM = 72
CATEGORY_TAG = "category:"


@dataclass(frozen=True)
class ImportedQuestion:
    """A question read from a file, ready to be added to a bank.

    notes say what the import changed or left out (e.g. an image, a catch-all
    feedback), so the teacher can check the question; they are not errors.
    """

    definition: QuestionDefinition
    line: int | None
    category: str | None = None
    title: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """A question the file holds that Lectern cannot represent, and why."""

    line: int | None
    title: str | None
    reason: str

    def __str__(self) -> str:
        return _located(self.line, self.title, "skipped: " + self.reason)


@dataclass(frozen=True)
class ImportProblem:
    """Something wrong with the file itself; the caller imports nothing while there are any."""

    line: int | None
    title: str | None
    message: str

    def __str__(self) -> str:
        return _located(self.line, self.title, self.message)


@dataclass(frozen=True)
class ImportResult:
    """Everything one file gave: questions, the questions skipped, and the problems."""

    questions: list[ImportedQuestion] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    # The checked pictures the questions show, by SHA-256 (their texts say ![alt](media:<sha256>)).
    images: dict[str, StoredImage] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the file may be imported (skipped questions do not block it)."""
        return not self.problems

    def definitions(self) -> list[QuestionDefinition]:
        """The imported questions' definitions, in file order."""
        return [q.definition for q in self.questions]

    def summary(self) -> str:
        """One line for a flash message or the terminal, e.g. '9 questions, 1 skipped'."""
        parts = [_count(len(self.questions), "question")]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        if self.problems:
            parts.append(_count(len(self.problems), "problem"))
        return ", ".join(parts)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _located(line: int | None, title: str | None, text: str) -> str:
    where = f"line {line}" if line else ""
    who = f"question {title!r}" if title else ""
    head = ", ".join(p for p in (where, who) if p)
    return f"{head}: {text}" if head else text


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, as question ids are written ('' if none)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_ID_ROOM].rstrip("-")


def prompt_id(prompt: str) -> str:
    """An id for an untitled question, from a hash of its prompt: stable across imports."""
    return "q-" + hashlib.sha256(prompt.encode()).hexdigest()[:10]


def category_path(raw: str) -> str | None:
    """A Moodle category path without its context prefix: '$course$/top/A/B' -> 'A/B'.

    '$course$', '$system$' and the like name where the category lives in Moodle and
    'top' is Moodle's implicit root; neither says anything about the questions.
    """
    path = raw.strip()
    path = re.sub(r"^\$[a-z]+\$/?", "", path)
    path = re.sub(r"^top(?:/|$)", "", path)
    return path.strip().strip("/").strip() or None


class Collector:
    """Gathers a reader's output and turns it into an ImportResult.

    taken_ids are ids already in use (for example in the bank being imported into);
    imported questions never reuse them, nor each other's.
    """

    def __init__(self, taken_ids: Collection[str] = ()) -> None:
        self.questions: list[ImportedQuestion] = []
        self.skipped: list[Skipped] = []
        self.problems: list[ImportProblem] = []
        self.images: dict[str, StoredImage] = {}  # every picture a reader found; result() keeps those shown
        self._taken = set(taken_ids)

    def problem(self, line: int | None, title: str | None, message: str) -> None:
        self.problems.append(ImportProblem(line, title, message))

    def skip(self, line: int | None, title: str | None, reason: str) -> None:
        self.skipped.append(Skipped(line, title, reason))

    def add(self, data: dict[str, Any], *, line: int | None, title: str | None = None,
            category: str | None = None, notes: list[str] | tuple[str, ...] = (),
            wanted_id: str | None = None) -> QuestionDefinition | None:
        """Validate one question's data and keep it, or record why it cannot be kept.

        The id is wanted_id if it is a valid, unused id, else made from the title,
        else from a hash of the prompt; "-2", "-3"… keep it unique.
        """
        data = dict(data)
        tags = list(data.get("tags") or [])
        if category and CATEGORY_TAG + category not in tags:
            tags.append(CATEGORY_TAG + category)
        if tags:
            data["tags"] = tags
        data["id"] = self._new_id(wanted_id, title, str(data.get("prompt") or ""))
        try:
            definition = parse_question(data, imported=True)
        except UnknownType as e:
            self.problem(line, title, str(e))
            return None
        except ValidationError as e:
            self._taken.discard(data["id"])
            messages = list(dict.fromkeys(describe_error(err) for err in e.errors()))
            self.problem(line, title, "; ".join(messages))
            return None
        self.questions.append(ImportedQuestion(definition, line, category, title, tuple(dict.fromkeys(notes))))
        return definition

    def _new_id(self, wanted: str | None, title: str | None, prompt: str) -> str:
        base = ""
        if wanted and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", wanted) and len(wanted) <= _ID_ROOM:
            base = wanted
        base = base or slugify(title or "") or prompt_id(prompt)
        candidate, n = base, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{base}-{n}"
        self._taken.add(candidate)
        return candidate

    def result(self) -> ImportResult:
        shown = set(referenced_digests(json.dumps(q.definition.to_data()) for q in self.questions))
        return ImportResult(self.questions, self.skipped, self.problems,
                            {d: image for d, image in self.images.items() if d in shown})
