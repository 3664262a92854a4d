"""An article's reading figures: its length in words, its reading time and its Flesch–Kincaid grade."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import textstat

WORDS_PER_MINUTE = 200  # a typical silent-reading pace for secondary students


@dataclass(frozen=True)
class ReadingFigures:
    words: int
    grade: float  # US school grade, to one decimal


def reading_figures(paragraphs: Sequence[str]) -> ReadingFigures:
    """The article's word count and Flesch–Kincaid grade.

    Slow the first time in a process (textstat loads its dictionary, ~0.7 s), which is
    why banks store these when their article is written rather than on each page view.
    """
    text = "\n\n".join(paragraphs)
    return ReadingFigures(words=sum(len(p.split()) for p in paragraphs),
                          grade=round(textstat.flesch_kincaid_grade(text), 1))


def reading_minutes(words: int) -> int:
    """Minutes to read that many words, rounded up; at least one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
