"""Mastery: how well a student (or a class) knows each reading skill and each paragraph of an article.

Evidence is every answer the student could already see marked: quiz answers whose
review shows correctness, the first try of each practice question, and key-term
reviews. A figure is the share of credit earned over the last WINDOW (an answer
that was partly right earns its part), shown with its evidence ("7 of 9 right in the
last two weeks"). Below MIN_ANSWERS answers there is no figure, only what is needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from lectern.core.questions.base import SKILLS

WINDOW = timedelta(days=14)
WINDOW_WORDS = "in the last two weeks"
MIN_ANSWERS = 3
LEVELS = ((0.8, "Secure"), (0.5, "Getting there"), (0.0, "Needs practice"))


@dataclass(frozen=True)
class Evidence:
    """One marked answer: when, how much credit, and what it tests."""

    at: datetime
    fraction: float
    skill: str | None
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class Mastery:
    """One skill's or one paragraph's figure, with the answers behind it."""

    key: str | int  # the skill name, or the paragraph number
    answers: int
    right: int
    partly: int
    credit: float

    @property
    def enough(self) -> bool:
        return self.answers >= MIN_ANSWERS

    @property
    def share(self) -> float | None:
        """Credit over answers (0..1); None without enough answers to say."""
        return self.credit / self.answers if self.enough else None

    @property
    def level(self) -> str | None:
        share = self.share
        if share is None:
            return None
        return next(label for floor, label in LEVELS if share >= floor - 1e-9)

    @property
    def evidence(self) -> str:
        """The answers behind the figure, in words."""
        if not self.enough:
            have = "no answers" if not self.answers else f"{self.answers} answer{'s' * (self.answers != 1)}"
            return f"Not enough to judge yet: {have} {WINDOW_WORDS}, {MIN_ANSWERS} needed."
        partly = f" ({self.partly} partly)" if self.partly else ""
        return f"{self.right} of {self.answers} right{partly} {WINDOW_WORDS}."


@dataclass(frozen=True)
class Suggestion:
    """What to practise next: a skill or a paragraph, and why."""

    skill: str | None
    paragraph: int | None
    reason: str


@dataclass(frozen=True)
class ArticleMastery:
    skills: list[Mastery]
    paragraphs: list[Mastery]
    suggestions: list[Suggestion]

    @property
    def any_evidence(self) -> bool:
        return any(m.answers for m in self.skills) or any(m.answers for m in self.paragraphs)


def _tally(key: str | int, evidence: Sequence[Evidence]) -> Mastery:
    return Mastery(
        key=key, answers=len(evidence),
        right=sum(e.fraction >= 1 - 1e-9 for e in evidence),
        partly=sum(1e-9 < e.fraction < 1 - 1e-9 for e in evidence),
        credit=round(sum(e.fraction for e in evidence), 6),
    )


def recent(evidence: Iterable[Evidence], now: datetime) -> list[Evidence]:
    """The evidence inside the window ending now."""
    return [e for e in evidence if now - WINDOW <= e.at <= now]


def _suggestions(skills: list[Mastery], paragraphs: list[Mastery]) -> list[Suggestion]:
    """At most two: the weakest skill and the weakest paragraph not yet secure, else the least tried skill."""
    out = []
    weak_skills = sorted((m for m in skills if m.enough and m.level != "Secure"), key=lambda m: m.share)
    if weak_skills:
        m = weak_skills[0]
        out.append(Suggestion(str(m.key), None, f"{str(m.key).capitalize()} is your weakest skill here: {m.evidence}"))
    weak_paragraphs = sorted((m for m in paragraphs if m.enough and m.level != "Secure"), key=lambda m: m.share)
    if weak_paragraphs:
        m = weak_paragraphs[0]
        out.append(Suggestion(None, int(m.key), f"Paragraph {m.key} is where you lose most: {m.evidence}"))
    if not out:
        untried = sorted((m for m in skills if not m.enough), key=lambda m: m.answers)
        if untried:
            m = untried[0]
            out.append(Suggestion(str(m.key), None,
                                  f"Answer a few more {m.key} questions so this page can tell how you do."))
    return out


def article_mastery(evidence: Iterable[Evidence], paragraph_count: int, now: datetime) -> ArticleMastery:
    """Each skill's and each paragraph's figure from the evidence of the last two weeks."""
    window = recent(evidence, now)
    skills = [_tally(skill, [e for e in window if e.skill == skill]) for skill in SKILLS]
    paragraphs = [_tally(n, [e for e in window if n in e.paragraphs]) for n in range(1, paragraph_count + 1)]
    return ArticleMastery(skills, paragraphs, _suggestions(skills, paragraphs))
