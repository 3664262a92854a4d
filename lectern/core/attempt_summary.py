"""Where a student stands in an attempt before submitting it: how many questions have an answer,
which are blank or flagged, and the page each is on, so a summary can link straight back to them."""

from __future__ import annotations

from dataclasses import dataclass

from lectern.core.attempt_rules import paginate


@dataclass(frozen=True)
class QuestionMark:
    """One question of the attempt as the navigation and the summary show it."""

    position: int
    page: int
    answered: bool
    flagged: bool


@dataclass(frozen=True)
class Summary:
    """Every question's mark, in position order, with the counts a student reads first."""

    marks: tuple[QuestionMark, ...]
    pages: int

    @property
    def total(self) -> int:
        return len(self.marks)

    @property
    def answered(self) -> int:
        return sum(mark.answered for mark in self.marks)

    @property
    def blank(self) -> list[QuestionMark]:
        return [mark for mark in self.marks if not mark.answered]

    @property
    def flagged(self) -> list[QuestionMark]:
        return [mark for mark in self.marks if mark.flagged]

    @property
    def all_done(self) -> bool:
        """Every question answered and none flagged: nothing left to come back to."""
        return not self.blank and not self.flagged


def summarise(answered: set[int], flagged: set[int], count: int, per_page: int) -> Summary:
    """The summary of an attempt of `count` questions paged `per_page` to a page (0: all on one).

    answered and flagged hold positions (1..count); anything outside that range is ignored.
    """
    pages = paginate(count, per_page)
    page_of = {position: number for number, positions in enumerate(pages, start=1) for position in positions}
    marks = tuple(QuestionMark(position, page_of[position], position in answered, position in flagged)
                  for position in range(1, count + 1))
    return Summary(marks=marks, pages=len(pages))
