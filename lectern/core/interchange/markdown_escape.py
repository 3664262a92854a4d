"""Markdown escapes for text that must show as typed: plain text, and the text inside HTML.

Backslashes go only where CommonMark would otherwise read markup, so that text a
teacher exports as Markdown still reads well (see html_text for where they are used).
"""

from __future__ import annotations

import re

_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# What makes a line a heading, list item, quote, fence or setext underline when it starts it.
_HEADING = re.compile(r"#{1,6}(?=[ \t]|$)")
_ORDERED = re.compile(r"\d{1,9}(?=[.)](?:[ \t]|$))")
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$|(?:-[ \t]*){3,}$")  # setext underline or a "- - -" rule


def escape_inline(text: str) -> str:
    """Text with a backslash before each character Markdown would read as inline markup.

    '*' and '`' always; '_' unless between two letters or digits (snake_case stays
    as it is); '[' (links); '<' before a letter or '/', '!', '?' (autolinks);
    '&' when it spells an entity; '\\' when it would escape what follows.
    """
    out = []
    for i, char in enumerate(text):
        after = text[i + 1:i + 2]
        needed = (char in "*`["
                  or (char == "_" and not (i > 0 and text[i - 1].isalnum() and after.isalnum()))
                  or (char == "<" and (after.isalpha() or after in ("/", "!", "?")))
                  or (char == "&" and _ENTITY.match(text, i) is not None)
                  or (char == "\\" and (after in _PUNCTUATION or after in ("", "\n"))))
        out.append("\\" + char if needed else char)
    return "".join(out)


def escape_line_start(line: str) -> str:
    """A line (already escaped inline, without leading spaces) that cannot start a Markdown block."""
    if _HEADING.match(line) or _UNDERLINE.match(line) or line.startswith((">", "~~~")):
        return "\\" + line
    if line[:1] in ("-", "+") and line[1:2] in ("", " ", "\t"):
        return "\\" + line
    ordered = _ORDERED.match(line)
    if ordered:
        return line[:ordered.end()] + "\\" + line[ordered.end():]
    return line


def escape_markdown(text: str) -> str:
    """Plain text as Markdown that renders as the same characters, its line breaks kept.

    Lines are trimmed (a browser shows plain text's leading spaces as one space
    anyway, and four would make Markdown code); a blank line starts a paragraph.
    """
    paragraphs: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if line:
            paragraphs[-1].append(escape_line_start(escape_inline(line)))
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\\\n".join(lines) for lines in paragraphs if lines)


def fence(text: str, least: int) -> str:
    """A run of backticks longer than any inside text (so the text cannot close it)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(least, longest + 1)
