"""Key terms: words of the article a student may not know, with short definitions."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from lectern.core.article import fold_typography
from lectern.core.questions.base import Text


class KeyTerm(BaseModel):
    """A term, its definition for students, and the forms it takes in the text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    term: Text
    definition: Text
    matches: list[Text] = Field(default_factory=list)

    def pattern(self) -> re.Pattern[str]:
        forms = sorted({self.term, *self.matches}, key=len, reverse=True)
        alternatives = "|".join(re.escape(fold_typography(f)) for f in forms)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def occurrences(self, paragraphs: tuple[str, ...] | list[str]) -> list[tuple[int, int, int]]:
        """(paragraph number, start, end) of every place the term occurs."""
        rx = self.pattern()
        return [(n, m.start(), m.end())
                for n, text in enumerate(paragraphs, start=1)
                for m in rx.finditer(fold_typography(text))]
