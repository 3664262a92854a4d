"""The item-writing rules by id, and one finding of them: what bank files and the checks share.

The ids are what a question's `accept_warnings:` list names, so they never change meaning.
This module imports nothing of the question types, so their base model can validate against it.
"""

from __future__ import annotations

from dataclasses import dataclass

RULES: dict[str, str] = {
    "answer-leak": "another question of the same quiz shows the words of this question's answer",
    "definition-leak": "a key term's definition, shown with the article, states this question's answer",
    "same-fact": "another question tests the same fact: the same passage and the same answer",
    "key-copies-evidence": "the right answer copies the article's words, so the question tests finding them, "
                           "not understanding or judging them",
    "longest-option": "the right option is much longer than the wrong ones",
    "absolute-words": "only wrong options use words such as 'only', 'always' or 'never'",
    "all-none-of-above": "an option is 'all of the above' or 'none of the above'",
    "a-an-agreement": "the prompt ends with 'a' or 'an', and only one option fits it",
    "duplicate-options": "two options say the same thing, apart from capitals or spaces",
    "negative-stem": "the prompt asks with 'not', 'except' or 'least' without emphasising it",
}


@dataclass(frozen=True)
class Finding:
    """One item-writing warning about one question: the rule broken and what to change."""

    question_id: str
    rule: str
    message: str
    accepted: bool = False
    # The other questions the finding is about (where an answer leaks, the earlier question
    # testing the same fact), so an editor of either question sees it.
    others: tuple[str, ...] = ()
    where: str | None = None  # "file:line" of the question, when it was read from a file

    def __str__(self) -> str:
        state = "accepted" if self.accepted else "warning"
        at = f"{self.where}: " if self.where else ""
        return f"{at}{state} [{self.rule}] question {self.question_id!r}: {self.message}"

    def concerns(self, question_id: str) -> bool:
        """True when the finding is about this question, or names it as the other side."""
        return question_id == self.question_id or question_id in self.others


def unknown_rules(names: list[str]) -> list[str]:
    """The names that are not rule ids, in the order given."""
    return [name for name in names if name not in RULES]
