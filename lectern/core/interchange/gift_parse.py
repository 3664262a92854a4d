"""Read GIFT, Moodle's plain-text question format, into Lectern questions.

The reading follows Moodle's own importer (question/format/gift/format.php):
questions are separated by blank lines; lines starting with // are comments;
::title::, $CATEGORY:, [html]-style format tags, the missing-word form (text
after the closing brace puts a blank "_____" in the prompt) and ####general
feedback all mean what they mean there. Where Moodle silently accepts nonsense
(two answer blocks, a blank line inside the braces) this reader says so instead,
and where Moodle silently shows students something the author surely did not mean
(general feedback or answers written after the closing brace) it warns.

Comments Moodle 4 writes are understood: `// [tag:x]` tags and `// [id:x]`
ids. So are Lectern's own `// lectern: {json}` lines, which carry what GIFT
cannot (skill, evidence…; see metadata.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from lectern.core.interchange import gift_answers as answers
from lectern.core.interchange import metadata
from lectern.core.interchange.gift_text import FORMAT_TAG, Marked, with_format
from lectern.core.interchange.html_text import MOODLE, to_markdown
from lectern.core.interchange.result import Collector, ImportResult, category_path, slugify
from lectern.core.interchange.rules import Refused, Unsupported, fill_model_answer

_TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>`\x00-\x1f])+)\]")
_ID = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f])+)\]")
# After the closing brace, what looks like an answer: '~' anywhere, or '=' starting a word.
_ANSWER_MARK = re.compile(r"~|(?:^|\s)=\S")
Block = list[tuple[int, str]]


@dataclass(frozen=True)
class _Unclosed:
    title: str | None


def parse_gift(text: str, *, taken_ids: Collection[str] = ()) -> ImportResult:
    """Every question in GIFT text, with the line each starts on; see ImportResult."""
    collector = Collector(taken_ids)
    blocks = _blocks(text)
    category: str | None = None
    n = 0
    while n < len(blocks):
        comments = [(number, line.strip()) for number, line in blocks[n] if line.lstrip().startswith("//")]
        body = [(number, line) for number, line in blocks[n] if not line.lstrip().startswith("//")]
        n += 1
        if not body:
            continue
        raw = "\n".join(line for _, line in body)
        if raw.lstrip().startswith("$CATEGORY:"):
            category = category_path(Marked.parse(raw.lstrip()[len("$CATEGORY:"):]).text)
            continue
        unclosed = _question(raw, [number for number, _ in body], comments, category, collector)
        if unclosed is not None and n < len(blocks) and _closes(blocks[n]):
            # A blank line inside {…} split the question in two; report it once, not twice.
            collector.problem(body[0][0], unclosed.title, "a blank line inside the answers {…} ends the question "
                                                          "before its '}'; remove the blank lines between '{' and '}'")
            n += 1
        elif unclosed is not None:
            collector.problem(body[0][0], unclosed.title, "there is a '{' with no '}' to close it; add the '}' "
                                                        "after the answers (or write \\{ for a brace in the text)")
    return collector.result()


def _blocks(text: str) -> list[Block]:
    """Runs of non-blank lines, with line numbers.

    Moodle trims every line; here only their ends are trimmed, so that the
    indentation inside an HTML <pre> survives (elsewhere it means nothing).
    """
    blocks: list[Block] = [[]]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # Split at line feeds only: str.splitlines would also split at U+2028 and others inside text.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip()
        if line.strip():
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _closes(block: Block) -> bool:
    text = Marked.parse("\n".join(line for _, line in block if not line.lstrip().startswith("//")))
    close = text.find("}")
    return close != -1 and not text[:close].has("{")


def _question(raw: str, lines: list[int], comments: list[tuple[int, str]], category: str | None,
              collector: Collector) -> _Unclosed | None:
    """Read one question into the collector; _Unclosed when its '{' has no '}' (the caller reports it).

    lines are the file's line numbers of raw's lines.
    """
    line = lines[0]
    text = Marked.parse(raw).strip()
    title = None
    if text.starts("::"):
        text = text[2:]
        end = text.find("::")
        if end != -1:
            title = " ".join(text[:end].text.split()) or None
            text = text[end + 2:].strip()
    meta_line = next((n for n, c in comments if c[2:].strip().startswith(metadata.GIFT_PREFIX)), line)
    try:
        meta, tags, wanted_id = _comments([c for _, c in comments])
    except ValueError as e:
        collector.problem(meta_line, title, str(e))
        return None
    opening, closing = text.find("{"), text.find("}")
    if opening == -1 and closing == -1:
        collector.skip(line, title, "description: no question to answer")
        return None
    if opening == -1:
        collector.problem(line, title, "there is a '}' with no '{' before it; add the '{' before "
                                             "the answers (or write \\} for a brace in the text)")
        return None
    if closing == -1:
        return _Unclosed(title)
    if closing < opening:
        collector.problem(line, title, "a '}' comes before the '{' of the answers; write \\} for "
                                             "a brace in the text")
        return None
    notes: list[str] = []
    try:
        if text[opening + 1:].starts(">"):
            data = _ordering(text, raw, opening, notes)
        else:
            data = _standard(text, opening, closing, notes)
            _warn_after_brace(text[closing + 1:], lines[raw.count("\n", 0, text.raw[closing])], notes)
    except Refused as e:
        collector.problem(line, title, str(e))
        return None
    except Unsupported as e:
        collector.skip(line, title, str(e))
        return None
    if tags:
        data["tags"] = tags
    errors = metadata.apply(data, meta)
    if errors:
        collector.problem(meta_line, title, "; ".join(errors))
        return None
    fill_model_answer(data, notes)
    collector.add(data, line=line, title=title, category=category, notes=notes,
                  wanted_id=slugify(wanted_id) if wanted_id else None)
    return None


def _comments(comments: list[str]) -> tuple[dict[str, Any], list[str], str | None]:
    """Lectern metadata, Moodle [tag:…] tags and a Moodle [id:…] from a question's comments."""
    meta: dict[str, Any] = {}
    moodle = []
    for comment in comments:
        body = comment[2:].strip()
        if body.startswith(metadata.GIFT_PREFIX):
            if meta:
                raise ValueError("the question has two '// lectern:' lines; keep one")
            meta = metadata.decode(body[len(metadata.GIFT_PREFIX):])
        else:
            moodle.append(body)
    joined = "\n".join(moodle)
    tags = [t.replace("\\]", "]").strip() for t in _TAG.findall(joined)]
    found = _ID.search(joined)
    return meta, [t for t in dict.fromkeys(tags) if t], found.group(1).replace("\\]", "]").strip() if found else None


def _standard(text: Marked, opening: int, closing: int, notes: list[str]) -> dict[str, Any]:
    """A question whose answers are Moodle's built-in types, by Moodle's rules of detection."""
    after = text[closing + 1:]
    if after.has("{") or after.has("}"):
        raise Unsupported("more than one answer block {…}: questions with several blanks "
                                  "(cloze) are not supported")
    prompt_source = text[:opening].text
    if after.strip().text:
        prompt_source += "_____" + after.text
        if not re.search(r"\w", after.text):
            notes.append(f"the text {after.strip().text!r} after the closing brace made this a missing-word "
                         "question, as in Moodle: the prompt ends with a blank '_____'")
    prompt, fmt = _prompt(prompt_source, notes)
    answer = text[opening + 1:closing].strip()
    general = answer.rfind("####")
    explanation = None
    if general != -1:
        explanation_text, own = with_format(answer[general + 4:], fmt)
        explanation = to_markdown(explanation_text, own, notes) or None
        answer = answer[:general].strip()
    if answer.text == "":
        data: dict[str, Any] = {"type": "essay"}
    elif answer.starts("#"):
        data = answers.numeric(answer, fmt, notes)
    elif answer.has("~"):
        data = answers.multichoice(answer, fmt, notes)
    elif answer.has("=") and answer.has("->"):
        data = answers.matching(answer, fmt, notes)
    elif _true_false_word(answer) in ("T", "TRUE", "F", "FALSE"):
        data = answers.true_false(answer, fmt, notes)
    else:
        data = answers.short_answer(answer, fmt, notes)
    data["prompt"] = prompt
    if explanation:
        data["explanation"] = explanation
    return data


def _warn_after_brace(after: Marked, line: int, notes: list[str]) -> None:
    """Warn when text after the closing brace looks like it belongs inside the braces.

    Moodle shows such text to students as the end of the question (the question
    becomes a missing-word question), so general feedback written '}####…' would
    show the explanation, and '} =answer' the answer; Lectern keeps Moodle's reading
    and says so.
    """
    text = after.strip()
    if not text.text:
        return
    shown = text.text if len(text.text) <= 60 else text.text[:57] + "…"
    if text.has("####"):
        what, fix = "general feedback ('####…')", "move '####…' inside the braces, just before the '}'"
    elif _ANSWER_MARK.search(text.text):
        what, fix = "answers ('=' or '~')", "move the answers inside the braces, before the '}'"
    else:
        return
    notes.append(f"Warning, line {line}: the text after the closing brace ({shown!r}) looks like {what}, "
                 "but it is shown to students as part of the question (as Moodle shows it, with a blank "
                 f"'_____' where the braces were); {fix}")


def _true_false_word(answer: Marked) -> str:
    hash_at = answer.find("#")
    return (answer[:hash_at] if hash_at > 0 else answer).strip().text


def _prompt(source: str, notes: list[str]) -> tuple[str, str]:
    """The prompt as Lectern text, and its format (which the answers inherit)."""
    source = source.strip()
    match = FORMAT_TAG.match(source)
    fmt = match.group(1) if match else MOODLE
    text = source[match.end():] if match else source
    return to_markdown(text, fmt, notes), fmt


def _ordering(text: Marked, raw: str, opening: int, notes: list[str]) -> dict[str, Any]:
    """qtype_ordering's '{>…}' form: the prompt as usual, the items as written."""
    last = text.rfind("}")
    if last < opening or text[last + 1:].strip().text:
        raise Refused("an ordering question '{>…}' must end with its closing '}'; "
                      "move any text after the '}' before the '{'")
    prompt, _ = _prompt(text[:opening].text, notes)
    item_source = raw[text.raw[opening + 1] + 1:text.raw[last]]
    data = answers.ordering(item_source, notes)
    data["prompt"] = prompt
    return data
