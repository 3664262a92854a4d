"""Overall feedback by score band: "from 80%: Well done", "from 50%: Good effort", "from 0%: Read again".

Pure: bands are plain values here; the quiz stores them as [{"from": percent, "text": Markdown}],
highest band first, and a student's review shows the text of the band their percent falls in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_TEXT_CHARS = 2_000


@dataclass(frozen=True)
class Band:
    """Feedback for every score from `start` percent up to the next band's start."""

    start: float
    text: str

    def to_data(self) -> dict[str, Any]:
        return {"from": self.start, "text": self.text}


@dataclass(frozen=True)
class BandProblem:
    """What is wrong with one row as typed: its index, which part ("from" or "text"), and a message."""

    row: int
    part: str
    message: str


def band_problems(rows: list[tuple[float | None, str]]) -> list[BandProblem]:
    """Every problem of the rows as typed (a start percent, or None if not a number, and a text), all at once.

    A row with neither a percent nor a text is an unused blank row and is fine.
    """
    problems: list[BandProblem] = []
    seen: dict[float, int] = {}
    for index, (start, text) in enumerate(rows):
        text = (text or "").strip()
        if start is None:
            if text:
                problems.append(BandProblem(index, "from", "Give the lowest score for this feedback, from 0 to 100."))
            continue
        if not 0 <= start <= 100:
            problems.append(BandProblem(index, "from", "Give a score from 0 to 100."))
        elif start in seen:
            problems.append(BandProblem(index, "from", f"Another row already starts at {start:g}%; "
                                                       "give each row its own score."))
        else:
            seen[start] = index
        if not text:
            problems.append(BandProblem(index, "text", "Write the feedback for this score, or clear the score."))
        elif len(text) > MAX_TEXT_CHARS:
            problems.append(BandProblem(index, "text", f"Keep the feedback under {MAX_TEXT_CHARS:,} characters."))
    return problems


def bands_from_rows(rows: list[tuple[float | None, str]]) -> list[Band]:
    """The filled rows (already free of problems) as bands, highest first."""
    bands = [Band(float(start), text.strip()) for start, text in rows if start is not None]
    return sorted(bands, key=lambda b: b.start, reverse=True)


def bands_from_data(data: list[dict[str, Any]] | None) -> list[Band]:
    """Bands as a quiz stores them (None: no bands), highest first."""
    bands = [Band(float(d["from"]), str(d["text"])) for d in data or []]
    return sorted(bands, key=lambda b: b.start, reverse=True)


def band_for(bands: list[Band], percent: float | None) -> Band | None:
    """The band a score falls in: the highest whose start is at or below it; None without a score or a band."""
    if percent is None:
        return None
    # A float sum can land a hair under a boundary (79.99999 for 80%): a tolerance keeps it in.
    fitting = [b for b in bands if b.start <= percent + 1e-9]
    return max(fitting, key=lambda b: b.start) if fitting else None
