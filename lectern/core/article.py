"""Articles: title, source, date and numbered paragraphs, and finding quotes in them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

# Typographic characters a teacher rarely types the same way the article prints them.
# Each maps one character to one character, so positions in the folded text are
# positions in the original and a found quote can be highlighted in place.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
})


def fold_typography(text: str) -> str:
    """Straighten quotes and dashes and unify spaces, keeping every position."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class Article:
    """An article as a bank holds it: its paragraphs are numbered from 1."""

    title: str
    source: str
    date: str | None
    paragraphs: tuple[str, ...]
    url: str | None = None

    def paragraph(self, number: int) -> str | None:
        """The paragraph with this number, or None when there is no such paragraph."""
        if 1 <= number <= len(self.paragraphs):
            return self.paragraphs[number - 1]
        return None

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def find_quote(paragraph: str, quote: str) -> tuple[int, int] | None:
    """Where the quote occurs in the paragraph, as (start, end), or None.

    Curly and straight quotes, dashes and non-breaking spaces count as the same
    character; everything else must match exactly, case included.
    """
    quote = unicodedata.normalize("NFC", quote)
    if not quote.strip():
        return None
    start = fold_typography(paragraph).find(fold_typography(quote))
    if start < 0:
        return None
    return start, start + len(quote)


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs are separated by blank lines; lines within one are joined by a space."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks = re.split(r"\n\s*\n", text.strip())
    return tuple(" ".join(line.strip() for line in b.splitlines()).strip() for b in blocks if b.strip())


def date_problem(text: str) -> str | None:
    """What is wrong with an article date, or None: YYYY-MM-DD on the calendar, or 'unknown'."""
    if text.strip().lower() in ("", "unknown"):
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return "write the date as YYYY-MM-DD (e.g. 2025-01-31), or 'unknown'"
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return f"{text.strip()} is not a date in the calendar"
    return None


def url_problem(text: str) -> str | None:
    """What is wrong with a link to the original, or None. Only web links: a javascript:
    or data: address would run in a reader's browser."""
    parts = urlsplit(text.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in text.strip():
        return "give a web address starting with http:// or https://"
    return None
