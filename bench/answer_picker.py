"""The answers a simulated student sends: read off the attempt page's form once (bench/burst.py and
bench/student_pages.py share it)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

ESSAY = "The article cites the agreement's text as evidence for this view."


class AnswerPicker(HTMLParser):
    """Reads the attempt form once and picks an answer for every question, as a quick student would."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: dict[str, str] = {}
        self._select: str | None = None
        self._options: list[str] = []
        self._selects_seen: Counter[str] = Counter()  # per question: its matching or ordering rows so far

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        name, kind = found.get("name", ""), found.get("type", "text")
        if tag == "option" and self._select and found.get("value"):
            self._options.append(found["value"])
        elif tag == "input" and kind == "submit" and name == "submit":
            self.answers[name] = found.get("value", "")  # Finish attempt…: saves, then opens the summary
        elif not re.match(r"q\d+", name):  # the csrf token and the flag boxes stay as they are
            return
        elif tag == "input" and kind in ("radio", "checkbox"):
            self.answers.setdefault(name, found.get("value", "y"))  # the first of each group
        elif tag == "input":
            numeric = kind == "number" or found.get("inputmode") in ("decimal", "numeric")
            self.answers[name] = "1" if numeric else "evidence"
        elif tag == "select":
            self._select, self._options = name, []
        elif tag == "textarea":
            self.answers[name] = ESSAY

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select and self._options:
            # Row k takes option k: an ordering refuses two items in the same position.
            question = self._select.split("-")[0]
            self.answers[self._select] = self._options[self._selects_seen[question] % len(self._options)]
            self._selects_seen[question] += 1
        if tag == "select":
            self._select = None


def pick_answers(attempt_page: str) -> dict[str, str]:
    """The answers every student sends: parsing every question once keeps the client, which shares
    the cores with the server, cheap."""
    picker = AnswerPicker()
    picker.feed(attempt_page)
    return picker.answers
