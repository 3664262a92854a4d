"""How one run of a quiz goes: its dates, time limit, attempts, grading and review rules.

A quiz taken on its own (self-study, from the article page) runs by the quiz's settings;
a quiz set for a class runs by that class's assignment, so two classes can take the same
quiz as a timed test and as free practice. Both rows carry the same column names, so one
function reads either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from lectern.core.attempt_rules import Window
from lectern.core.review_policy import ReviewShow, review_show

# What the assign form starts from: a test (one attempt, results after the close date, no
# practice while it runs). A teacher who wants a practice quiz changes them on the form.
TEST_DEFAULTS: dict[str, Any] = {
    "attempts_allowed": 1, "grading_method": "highest", "review_correctness": "after_close",
    "review_right_answers": "after_close", "review_explanations": "after_close", "practice_allowed": False,
}

# What the article shows beside the questions during an attempt. Key-term definitions answer
# vocabulary questions almost word for word, so a vocabulary quiz shows the text alone.
# (A student can still open the article page in another tab: only the attempt page obeys this.)
ArticleAids = Literal["all", "text", "none"]
ARTICLE_AIDS: dict[str, str] = {
    "all": "The article with its key-term definitions",
    "text": "The article without key-term definitions",
    "none": "Nothing: closed book",
}


@dataclass(frozen=True)
class RunSettings:
    window: Window
    time_limit_minutes: int | None
    attempts_allowed: int | None
    grading_method: str
    review_correctness: str
    review_right_answers: str
    review_explanations: str
    practice_allowed: bool
    released_at: datetime | None = None
    article_aids: str = "all"  # a key of ARTICLE_AIDS
    for_class: bool = False  # an assignment's, rather than the quiz's own

    @classmethod
    def of(cls, row: Any, *, for_class: bool) -> RunSettings:
        """The settings a Quiz or an Assignment row holds."""
        return cls(
            window=Window(row.opens_at, row.closes_at),
            time_limit_minutes=row.time_limit_minutes,
            attempts_allowed=row.attempts_allowed,
            grading_method=row.grading_method,
            review_correctness=row.review_correctness,
            review_right_answers=row.review_right_answers,
            review_explanations=row.review_explanations,
            practice_allowed=bool(row.practice_allowed),
            released_at=getattr(row, "released_at", None),
            article_aids=row.article_aids or "all",
            for_class=for_class,
        )

    def review_show(self, now: datetime) -> ReviewShow:
        """Which parts of a submitted attempt's review its student may see now."""
        return review_show(self.review_correctness, self.review_right_answers, self.review_explanations,
                           self.window.closes_at, now, self.released_at)

    def practice_open_after_review(self) -> bool:
        """A class's test with practice off opens for practice once its review shows the answers.

        (A quiz's own switch is absolute: its author switched practice off for everyone.)
        """
        return self.for_class and not self.practice_allowed
