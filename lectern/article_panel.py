"""The article beside an attempt, rendered once per bank text and article aids, then reused.

Finding the key terms in the article and wrapping each first occurrence is most of what the
attempt page cost (cProfile over 100 requests of the Berlin bank's full quiz: 14 of its 23 ms went
on the panel), and every student of a quiz sees the same one. So its HTML is kept under the bank,
the aids and a digest of the article's paragraphs and key terms: a teacher's edit to either
makes a new entry, never a stale page. It holds nothing about any student.
"""

from __future__ import annotations

import hashlib
import json

from flask import render_template
from markupsafe import Markup

from lectern.models import Bank
from lectern.render_cache import RenderCache
from lectern.services.reading import attempt_article

_panels = RenderCache(capacity=200)  # banks × aids; a few tens of KB each


def _digest(bank: Bank) -> str:
    text = json.dumps([bank.paragraphs or [], bank.key_terms or []], ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def article_panel(bank: Bank, aids: str) -> Markup:
    """student/_attempt_article.html for this bank and these aids ("all", "text" or "none")."""
    def make() -> Markup:
        # render_template returns the autoescaped template's output: every value in it is escaped already.
        return Markup(render_template("student/_attempt_article.html",  # nosec B704
                                      article=attempt_article(bank, aids), aids=aids))

    return _panels.get((bank.id, aids, _digest(bank)), make)
