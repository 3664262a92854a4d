"""GIFT text with its escapes resolved, remembering which characters were escaped.

GIFT's structure is made of ordinary characters ({ } = ~ # :) that an author
escapes with a backslash to mean them literally. Moodle swaps escapes for
placeholder strings while parsing, which breaks on text that happens to contain a
placeholder. Here every character carries a flag instead: searches for structure
skip escaped characters, and the text comes out with the escapes already resolved.
"""

from __future__ import annotations

import re
from decimal import Decimal

# What a backslash escapes, and what it then stands for (\n is a line break).
ESCAPES = {"\\": "\\", ":": ":", "#": "#", "=": "=", "{": "{", "}": "}", "~": "~", "n": "\n"}
FORMAT_TAG = re.compile(r"^\[(moodle|html|plain|markdown)\]")
# Moodle's weight syntax: %50%, %-33.33333%, %100%.
WEIGHT = re.compile(r"^%(-*\d{1,2}\.?\d*)%")


class Marked:
    """A piece of GIFT text: the characters, a parallel escape mask, and raw offsets."""

    __slots__ = ("mask", "raw", "text")

    def __init__(self, text: str, mask: str, raw: tuple[int, ...]) -> None:
        self.text, self.mask, self.raw = text, mask, raw

    @classmethod
    def parse(cls, source: str) -> Marked:
        """Resolve the escapes in source text."""
        chars: list[str] = []
        mask: list[str] = []
        raw: list[int] = []
        i = 0
        while i < len(source):
            char = source[i]
            if char == "\\" and i + 1 < len(source) and source[i + 1] in ESCAPES:
                chars.append(ESCAPES[source[i + 1]])
                mask.append("1")
                raw.append(i)
                i += 2
            else:
                chars.append(char)
                mask.append("0")
                raw.append(i)
                i += 1
        return cls("".join(chars), "".join(mask), tuple(raw))

    def __str__(self) -> str:
        return self.text

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, span: slice) -> Marked:
        return Marked(self.text[span], self.mask[span], self.raw[span])

    def find(self, sub: str, start: int = 0) -> int:
        """Index of the first unescaped occurrence of sub at or after start, or -1."""
        i = self.text.find(sub, start)
        while i != -1 and "1" in self.mask[i:i + len(sub)]:
            i = self.text.find(sub, i + 1)
        return i

    def rfind(self, sub: str) -> int:
        """Index of the last unescaped occurrence of sub, or -1."""
        i = self.text.rfind(sub)
        while i != -1 and "1" in self.mask[i:i + len(sub)]:
            i = self.text.rfind(sub, 0, i + len(sub) - 1)
        return i

    def has(self, sub: str) -> bool:
        return self.find(sub) != -1

    def starts(self, sub: str) -> bool:
        """Whether the text starts with sub, unescaped."""
        return self.text.startswith(sub) and "1" not in self.mask[:len(sub)]

    def split(self, sep: str, limit: int = -1) -> list[Marked]:
        """Split at unescaped separators (at most limit times when limit ≥ 0)."""
        parts: list[Marked] = []
        start = 0
        while limit != 0:
            i = self.find(sep, start)
            if i == -1:
                break
            parts.append(self[start:i])
            start = i + len(sep)
            limit -= 1
        parts.append(self[start:])
        return parts

    def strip(self) -> Marked:
        """Without surrounding whitespace (escaped line breaks too, as Moodle trims them)."""
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self[left:max(left, right)]


def with_format(part: Marked, default: str) -> tuple[str, str]:
    """(text, format) of a piece that may start with a [html]-style format tag."""
    text = part.strip()
    match = FORMAT_TAG.match(text.text) if "1" not in text.mask[:1] else None
    if match:
        return str(text[match.end():].strip()), match.group(1)
    return str(text), default


def weight(part: Marked) -> tuple[float | None, Marked]:
    """A leading %weight% as a percentage (None if there is none) and the rest."""
    part = part.strip()
    match = WEIGHT.match(part.text)
    if not match or "1" in part.mask[:match.end()]:
        return None, part
    digits = match.group(1)
    negative = digits.startswith("-")
    value = float(digits.lstrip("-") or 0)
    return (-value if negative else value), part[match.end():]


def escape(text: str) -> str:
    """Text written so that GIFT reads it back as it is (line breaks become \\n)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = text.replace("\\", "\\\\")
    for char in ":#={}~":
        out = out.replace(char, "\\" + char)
    return out.replace("\n", "\\n")


def number(value: float) -> str:
    """A number in plain decimal notation that reads back as the same float ('5e-05' → '0.00005')."""
    if value == 0:
        return "0"
    text = format(Decimal(repr(float(value))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
