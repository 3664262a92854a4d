"""Write a bank back out as the text of its two files, article.md and questions.yaml.

The output is what a teacher would write by hand (quizzes/README.md): readable key
order, prose on one line, multi-line text as block literals. It is also exact:
parse_bank reads it back into a Bank equal to the one written.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from lectern.core.article import Article
from lectern.core.banks import ARTICLE_FILE, QUESTIONS_FILE, Bank
from lectern.core.questions import QuestionDefinition, parse_question

# The order a reader scans a question in: what it is, then what it asks, the
# type's own fields, and last why the answer is right and where the text says so.
_FIRST_KEYS = ("id", "type", "skill", "difficulty", "points", "tags", "prompt")
_LAST_KEYS = ("explanation", "evidence")
_QUIZ_KEYS = ("id", "title", "description")
_TERM_KEYS = ("term", "matches", "definition")
# Short lists of short values read best on one line (tags: [key-terms]); lists of
# sentences (distractors) read best one per line.
_FLOW_LIST_LIMIT = 100
_FLOW_ITEM_LIMIT = 30
# Long prompts stay on one line, as people write them; a line break mid-sentence
# would make diffs of exported banks noisy.
_WIDTH = 1_000_000


class _Dumper(yaml.SafeDumper):
    """SafeDumper that indents list items under their key, as the repo's banks do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # As the README advises and people write: prose in double quotes (a colon or '#'
    # in it can never confuse YAML), names like `short_answer` bare, and multi-line
    # text as a block literal. PyYAML still quotes whatever would otherwise misread
    # ("yes", "5", "null") and falls back to quotes when a literal cannot hold the text.
    if "\n" in value:
        style = "|"
    elif any(c.isspace() for c in value):
        style = '"'
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_float(dumper: yaml.SafeDumper, value: float) -> yaml.ScalarNode:
    # to_data() gives credit 0.0 and value 800000.0; people write 0 and 800000, and
    # the models read either back as the same float.
    if value.is_integer() and abs(value) < 1e15:
        return dumper.represent_int(int(value))
    return dumper.represent_float(value)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    scalars = all(isinstance(v, (str, int, float, bool)) and "\n" not in str(v)
                  and len(str(v)) <= _FLOW_ITEM_LIMIT for v in value)
    flow = not value or (scalars and sum(len(str(v)) + 2 for v in value) <= _FLOW_LIST_LIMIT)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(float, _represent_float)
_Dumper.add_representer(list, _represent_list)
# The bank loader reads dates as text (yaml_lines drops the timestamp type), so a
# date needs no quotes: it is written `date: 2025-01-31`, as the README shows.
_Dumper.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def dump_yaml(data: Any) -> str:
    """YAML text for plain data, in the bank files' style (keys in the order given)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=_WIDTH)


def front_matter(title: str, source: str, date: str | None, url: str | None = None) -> str:
    """The article's front matter block, both '---' lines included."""
    meta: dict[str, Any] = {"title": title, "source": source, "date": date or "unknown"}
    if url:
        meta["url"] = url
    return "---\n" + dump_yaml(meta) + "---\n"


def article_text(article: Article) -> str:
    """The text of article.md: front matter, then the paragraphs separated by blank lines."""
    head = front_matter(article.title, article.source, article.date, article.url)
    return head + "\n" + "\n\n".join(article.paragraphs) + "\n"


def question_data(question: QuestionDefinition) -> dict[str, Any]:
    """A question's plain data (defaults left out) with its keys in reading order."""
    return _ordered(_without_implied_ids(question), _FIRST_KEYS, _LAST_KEYS)


def _without_implied_ids(question: QuestionDefinition) -> dict[str, Any]:
    """to_data(), leaving out option ids the type gives by itself (a, b, c… by position).

    Whether an id is implied is asked of the type: the data without it must read
    back as the same question, so no type's rules are repeated here.
    """
    data = question.to_data()
    for key, value in data.items():
        if not (isinstance(value, list) and value and all(isinstance(v, dict) and "id" in v for v in value)):
            continue
        bare = [{k: v for k, v in item.items() if k != "id"} for item in value]
        try:
            # imported=True: only the ids are in question here, not a missing explanation.
            same = parse_question({**data, key: bare}, imported=True).to_data() == data
        except ValueError:  # pydantic's ValidationError: the type needs its ids
            same = False
        if same:
            data = {**data, key: bare}
    return data


def questions_text(bank: Bank) -> str:
    """The text of questions.yaml: quizzes, key terms and questions."""
    data: dict[str, Any] = {}
    if bank.quizzes:
        data["quizzes"] = [_ordered(q.model_dump(mode="json", exclude_defaults=True), _QUIZ_KEYS)
                           for q in bank.quizzes]
    if bank.key_terms:
        data["key_terms"] = [_ordered(t.model_dump(mode="json", exclude_defaults=True), _TERM_KEYS)
                             for t in bank.key_terms]
    data["questions"] = [question_data(q) for q in bank.questions]
    title = " ".join(bank.article.title.split())  # one line, so it cannot end the comment
    header = (f'# Question bank for "{title}".\n'
              "# Written by `flask banks export`; the format is documented in quizzes/README.md.\n"
              "# Paragraph numbers count the article's paragraphs from 1.\n\n")
    return header + _space_out(dump_yaml(data))


def bank_texts(bank: Bank) -> dict[str, str]:
    """Both files of the bank folder, by file name."""
    return {ARTICLE_FILE: article_text(bank.article), QUESTIONS_FILE: questions_text(bank)}


def _ordered(data: dict[str, Any], first: tuple[str, ...], last: tuple[str, ...] = ()) -> dict[str, Any]:
    head = {k: data[k] for k in first if k in data}
    tail = {k: data[k] for k in last if k in data}
    middle = {k: v for k, v in data.items() if k not in head and k not in tail}
    return head | middle | tail


def _space_out(text: str) -> str:
    """A blank line before each top-level section and between questions.

    A top-level key starts at column 0 and a question starts with exactly
    '  - ' inside 'questions:'; every line inside a value (block literals, quoted
    text) is indented deeper, so adding blank lines here changes no value.
    """
    out: list[str] = []
    section = None
    for line in text.splitlines():
        key = re.match(r"([a-z_]+):", line)
        if key:
            if out:
                out.append("")
            section, first = key.group(1), True
        elif section == "questions" and line.startswith("  - "):
            if not first:
                out.append("")
            first = False
        out.append(line)
    return "\n".join(out) + "\n"
