"""Template helpers: formatting numbers, dates and scores the same way on every page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import nh3
from flask import Flask
from markdown_it import MarkdownIt
from markupsafe import Markup

from lectern.core.questions import QUESTION_TYPES

STATE_LABELS = {
    "correct": "Correct",
    "partial": "Partly correct",
    "incorrect": "Incorrect",
    "unanswered": "Not answered",
    "needs_grading": "Waiting for your teacher to grade",
}


# Teacher-written text is Markdown. Raw HTML is not Markdown here (html=False escapes it),
# markdown-it refuses javascript:/vbscript:/data: links, and nh3 then strips anything
# outside a small allow-list, so what reaches a student's page is safe whoever wrote it.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")
_ALLOWED_TAGS = {"p", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "a", "br", "h3", "h4"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def _clean(html: str) -> Markup:
    return Markup(nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES,
                            url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow"))


def markdown_block(text: str | None) -> Markup:
    """Paragraphs of Markdown, sanitized."""
    return _clean(_MARKDOWN.render(text or ""))


def markdown_inline(text: str | None) -> Markup:
    """One line of Markdown (emphasis, code, links) without a paragraph around it, sanitized."""
    return _clean(_MARKDOWN.renderInline(text or ""))


def points(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def when(value: datetime | None) -> str:
    return value.strftime("%d %b %Y, %H:%M UTC") if value else "–"


def error_messages(field: Any) -> list[str]:
    """A field's errors as one flat list, whatever nesting the field kind reports."""
    def flatten(errors: Any) -> list[str]:
        if isinstance(errors, dict):
            return [m for value in errors.values() for m in flatten(value)]
        if isinstance(errors, (list, tuple)):
            return [m for value in errors for m in flatten(value)]
        return [str(errors)] if errors else []

    return flatten(field.errors)


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(points=points, when=when, error_messages=error_messages,
                                 md=markdown_block, md_inline=markdown_inline)
    app.jinja_env.globals.update(STATE_LABELS=STATE_LABELS, QUESTION_TYPES=QUESTION_TYPES)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
