"""Bank files: read a quizzes/<slug>/ folder, validate everything, report file:line errors.

A bank is all or nothing: read_bank either returns a whole valid Bank or raises
BankInvalid listing every problem, each with the file, line and question id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from lectern.core.article import (
    Article,
    date_problem,
    find_quote,
    fold_typography,
    split_paragraphs,
    url_problem,
)
from lectern.core.key_terms import KeyTerm
from lectern.core.questions import Evidence, QuestionDefinition, UnknownType, question_class
from lectern.core.quizzes import DEFAULT_QUIZ, QuizSpec
from lectern.core.yaml_lines import LineDict, LineList, line_of, load_yaml

ARTICLE_FILE = "article.md"
QUESTIONS_FILE = "questions.yaml"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class BankProblem:
    """One thing to fix in a bank, located as precisely as it can be."""

    file: str
    line: int | None
    question_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        who = f" question {self.question_id!r}:" if self.question_id else ""
        return f"{where}:{who} {self.message}"


class BankInvalid(Exception):
    """A bank with problems; nothing of it may be loaded."""

    def __init__(self, problems: list[BankProblem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass(frozen=True)
class Bank:
    slug: str
    article: Article
    questions: tuple[QuestionDefinition, ...]
    quizzes: tuple[QuizSpec, ...]
    key_terms: tuple[KeyTerm, ...] = ()
    # Where each question starts in the file it was read from, so a warning can say file:line.
    # Not part of what the bank is: a bank written out and read back is the same bank.
    questions_file: str | None = field(default=None, compare=False, repr=False)
    question_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def question(self, question_id: str) -> QuestionDefinition | None:
        return next((q for q in self.questions if q.id == question_id), None)


def bank_folders(path: Path) -> list[Path]:
    """The bank folders at path: path itself if it is one, else its subfolders that are."""
    if (path / QUESTIONS_FILE).is_file() or (path / ARTICLE_FILE).is_file():
        return [path]
    return sorted(p for p in path.iterdir() if p.is_dir() and (p / QUESTIONS_FILE).is_file())


def read_bank(folder: Path) -> Bank:
    """Read and validate the bank in folder (BankInvalid on any problem)."""
    problems: list[BankProblem] = []
    texts: dict[str, str] = {}
    for name in (ARTICLE_FILE, QUESTIONS_FILE):
        try:
            texts[name] = (folder / name).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            problems.append(BankProblem(str(folder / name), None, None, f"missing: a bank folder needs {name}"))
        except UnicodeDecodeError as e:
            problems.append(BankProblem(str(folder / name), None, None, f"not UTF-8 text ({e.reason}); save it as UTF-8"))
    if problems:
        raise BankInvalid(problems)
    return parse_bank(
        folder.name, texts[ARTICLE_FILE], texts[QUESTIONS_FILE],
        article_name=str(folder / ARTICLE_FILE), questions_name=str(folder / QUESTIONS_FILE),
    )


def parse_bank(
    slug: str, article_text: str, questions_text: str,
    article_name: str = ARTICLE_FILE, questions_name: str = QUESTIONS_FILE,
) -> Bank:
    """Validate a bank given as the text of its two files (BankInvalid on any problem)."""
    problems: list[BankProblem] = []
    if not SLUG.match(slug):
        problems.append(BankProblem(article_name, None, None,
                                    f"the folder name {slug!r} must be lowercase words joined by hyphens"))
    article = parse_article(article_text, article_name, problems)
    lines: dict[str, int] = {}
    questions, quizzes, key_terms = _parse_questions(questions_text, questions_name, article, problems, lines)
    if problems:
        raise BankInvalid(problems)
    assert article is not None
    return Bank(slug, article, tuple(questions), tuple(quizzes), tuple(key_terms),
                questions_file=questions_name, question_lines=lines)


def parse_article(text: str, name: str, problems: list[BankProblem]) -> Article | None:
    """An article from YAML front matter (title, source, date, url) and blank-line paragraphs."""
    text = text.replace("\r\n", "\n")
    match = re.match(r"\A---\n(.*?\n)---\n(.*)\Z", text, re.DOTALL)
    if not match:
        problems.append(BankProblem(name, 1, None,
                                    "start with a front matter block: a line '---', then title:, source:, "
                                    "date:, then a line '---', then the paragraphs"))
        return None
    try:
        meta = load_yaml(match.group(1)) or {}
    except yaml.YAMLError as e:
        problems.append(BankProblem(name, _yaml_line(e, offset=1), None, f"front matter is not valid YAML: {_yaml_problem(e)}"))
        return None
    if not isinstance(meta, dict):
        problems.append(BankProblem(name, 2, None, "front matter must be 'key: value' lines"))
        return None
    for key in ("title", "source"):
        if not str(meta.get(key) or "").strip():
            problems.append(BankProblem(name, 2, None, f"front matter needs {key}: (the article's {key})"))
    unknown = set(meta) - {"title", "source", "date", "url"}
    if unknown:
        problems.append(BankProblem(name, 2, None, f"unknown front matter keys {sorted(unknown)}; use title, source, date, url"))
    if "date" not in meta:
        problems.append(BankProblem(name, 2, None, "front matter needs date: (YYYY-MM-DD, or 'unknown')"))
    for key, check in (("date", date_problem), ("url", url_problem)):
        problem = check(str(meta[key])) if meta.get(key) not in (None, "") else None
        if problem:
            problems.append(BankProblem(name, meta.key_lines.get(key, 2) + 1 if isinstance(meta, LineDict) else 2,
                                        None, f"front matter {key}: {problem}"))
    paragraphs = split_paragraphs(match.group(2))
    if not paragraphs:
        problems.append(BankProblem(name, None, None, "the article has no paragraphs after the front matter"))
    date = str(meta.get("date") or "").strip()
    return Article(
        title=str(meta.get("title") or "").strip(),
        source=str(meta.get("source") or "").strip(),
        date=None if date.lower() in ("", "unknown", "none") else date,
        paragraphs=paragraphs,
        url=(str(meta["url"]).strip() or None) if meta.get("url") else None,
    )


def _parse_questions(
    text: str, name: str, article: Article | None, problems: list[BankProblem], first_line: dict[str, int],
) -> tuple[list[QuestionDefinition], list[QuizSpec], list[KeyTerm]]:
    try:
        data = load_yaml(text)
    except yaml.YAMLError as e:
        problems.append(BankProblem(name, _yaml_line(e), None, f"not valid YAML: {_yaml_problem(e)}"))
        return [], [], []
    if not isinstance(data, LineDict) or not isinstance(data.get("questions"), LineList):
        problems.append(BankProblem(name, 1, None, "the file needs a top-level 'questions:' list"))
        return [], [], []
    unknown = set(data) - {"questions", "quizzes", "key_terms"}
    for key in sorted(unknown, key=str):
        problems.append(BankProblem(name, data.key_lines[key], None,
                                    f"unknown top-level key {key!r}; use questions, quizzes and key_terms"))

    questions: list[QuestionDefinition] = []
    for index, raw in enumerate(data["questions"]):
        line = data["questions"].item_lines[index]
        question = _parse_question(raw, line, name, problems)
        if question is None:
            continue
        if question.id in first_line:
            problems.append(BankProblem(name, line, question.id,
                                        f"the id is already used by the question on line {first_line[question.id]}; "
                                        "give each question its own id"))
            continue
        first_line[question.id] = line
        if article is not None:
            _check_evidence(question, raw, article, name, problems)
        questions.append(question)

    quizzes = _parse_quizzes(data.get("quizzes"), data, name, questions, problems)
    key_terms = _parse_key_terms(data.get("key_terms"), data, name, article, problems)
    return questions, quizzes, key_terms


def _parse_key_terms(raw: Any, data: LineDict, name: str, article: Article | None,
                     problems: list[BankProblem]) -> list[KeyTerm]:
    if raw is None:
        return []
    if not isinstance(raw, LineList):
        problems.append(BankProblem(name, data.key_lines.get("key_terms"), None,
                                    "'key_terms' must be a list of term/definition blocks"))
        return []
    terms: list[KeyTerm] = []
    for index, item in enumerate(raw):
        line = raw.item_lines[index]
        try:
            term = KeyTerm.model_validate(dict(item) if isinstance(item, dict) else item)
        except ValidationError as e:
            problems.extend(BankProblem(name, line_of(item, err["loc"], line), None, "key term: " + describe_error(err))
                            for err in e.errors())
            continue
        problem = term.problem(terms, article.paragraphs if article is not None else None)
        if problem:
            problems.append(BankProblem(name, line, None, problem))
        terms.append(term)
    return terms


def _parse_question(raw: Any, line: int, name: str, problems: list[BankProblem]) -> QuestionDefinition | None:
    if not isinstance(raw, dict):
        problems.append(BankProblem(name, line, None, "each question must be a block of 'key: value' lines"))
        return None
    question_id = str(raw.get("id")) if raw.get("id") else None
    try:
        cls = question_class(raw.get("type"))
    except UnknownType as e:
        problems.append(BankProblem(name, line_of(raw, ("type",), line), question_id, str(e)))
        return None
    try:
        return cls.model_validate(dict(raw))
    except ValidationError as e:
        for err in e.errors():
            problems.append(BankProblem(name, line_of(raw, err["loc"], line), question_id, describe_error(err)))
        return None


def describe_error(err: dict[str, Any]) -> str:
    """A pydantic error in words a teacher can act on."""
    loc = ".".join(str(p) for p in err["loc"])
    kind, msg = err["type"], err["msg"]
    if kind == "missing":
        return f"add the field '{loc}'" + (" (every question explains its answer)" if loc == "explanation" else "")
    if kind == "extra_forbidden":
        return f"unknown field '{loc}'; check the spelling against quizzes/README.md"
    if kind == "string_too_short":
        return f"'{loc}' is empty; write something"
    if kind == "value_error":
        msg = msg.removeprefix("Value error, ")
    if err["loc"][:1] == ("rubric",):
        msg = _rubric_message(err) or msg
    return f"{loc}: {msg}" if loc else msg


def _rubric_message(err: dict[str, Any]) -> str | None:
    """A rubric's sizes and points in a teacher's words (pydantic's say "List should have at least 2 items")."""
    kind, ctx = err["type"], err.get("ctx") or {}
    last = [part for part in err["loc"] if isinstance(part, str)][-1]
    if kind == "too_short" and last == "levels":
        return (f"give each criterion at least {ctx.get('min_length')} levels, one for the weakest answer "
                "and one for the best")
    if kind == "too_long":
        return (f"give a criterion at most {ctx.get('max_length')} levels" if last == "levels"
                else f"a rubric has at most {ctx.get('max_length')} criteria")
    if kind in ("greater_than_equal", "less_than_equal") and last == "points":
        return "a level's points go from 0 to 100"
    return None


def evidence_problems(evidence: Sequence[Evidence], article: Article) -> list[tuple[int, str]]:
    """Each piece of evidence the article does not bear out, as (its index, what to fix).

    The bank loader and the teacher's question form both check evidence here, so a
    quote accepted in one is accepted in the other.
    """
    problems: list[tuple[int, str]] = []
    for n, ev in enumerate(evidence):
        paragraph = article.paragraph(ev.paragraph)
        if paragraph is None:
            count = len(article.paragraphs)
            problems.append((n, f"evidence cites paragraph {ev.paragraph}, but the article has {count}"))
        elif find_quote(paragraph, ev.quote) is None:
            elsewhere = [i for i, p in enumerate(article.paragraphs, 1) if find_quote(p, ev.quote)]
            hint = (f"it occurs in paragraph {elsewhere[0]}; fix the paragraph number" if elsewhere
                    else "copy the words exactly as the article prints them")
            problems.append((n, f"the quote {_short(ev.quote)!r} is not in paragraph {ev.paragraph}; {hint}"))
    return problems


def _check_evidence(question: QuestionDefinition, raw: Any, article: Article, name: str, problems: list[BankProblem]) -> None:
    for n, message in evidence_problems(question.evidence, article):
        line = line_of(raw, ("evidence", n), 0) or None
        problems.append(BankProblem(name, line, question.id, message))


def _parse_quizzes(raw: Any, data: LineDict, name: str, questions: list[QuestionDefinition],
                   problems: list[BankProblem]) -> list[QuizSpec]:
    if raw is None:
        return [DEFAULT_QUIZ]
    if not isinstance(raw, LineList) or not raw:
        problems.append(BankProblem(name, data.key_lines.get("quizzes"), None, "'quizzes' must be a list of quizzes"))
        return []
    quizzes: list[QuizSpec] = []
    for index, item in enumerate(raw):
        line = raw.item_lines[index]
        try:
            quiz = QuizSpec.model_validate(dict(item) if isinstance(item, dict) else item)
        except ValidationError as e:
            for err in e.errors():
                problems.append(BankProblem(name, line_of(item, err["loc"], line), None, "quiz: " + describe_error(err)))
            continue
        if any(q.id == quiz.id for q in quizzes):
            problems.append(BankProblem(name, line, None, f"quiz id {quiz.id!r} is used twice"))
        problems.extend(BankProblem(name, line, None, p) for p in quiz.problems(questions))
        quizzes.append(quiz)
    return quizzes


def _short(text: str, limit: int = 60) -> str:
    text = fold_typography(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _yaml_line(error: yaml.YAMLError, offset: int = 0) -> int | None:
    mark = getattr(error, "problem_mark", None)
    return mark.line + 1 + offset if mark else None


def _yaml_problem(error: yaml.YAMLError) -> str:
    return str(getattr(error, "problem", None) or error).strip()
