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

    def problem(self, others: list[KeyTerm] | tuple[KeyTerm, ...], paragraphs: tuple[str, ...] | list[str] | None
                ) -> str | None:
        """What stops this term joining a bank that has `others` (None when nothing does).

        paragraphs None: the article is not known here (a questions file checked alone).
        """
        if any(t.term.casefold() == self.term.casefold() for t in others):
            return f"key term {self.term!r} is listed twice"
        if paragraphs is not None and not self.occurrences(paragraphs):
            return (f"key term {self.term!r} does not occur in the article; "
                    "write it as the article does (add 'matches:' for other forms)")
        return None

    def occurrences(self, paragraphs: tuple[str, ...] | list[str]) -> list[tuple[int, int, int]]:
        """(paragraph number, start, end) of every place the term occurs."""
        rx = self.pattern()
        return [(n, m.start(), m.end())
                for n, text in enumerate(paragraphs, start=1)
                for m in rx.finditer(fold_typography(text))]
