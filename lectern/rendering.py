"""Template helpers: formatting numbers, dates and scores the same way on every page."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

import nh3
from flask import Flask, has_request_context, request, url_for
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup, escape

from lectern.core.images import media_digest
from lectern.core.item_rules import RULES
from lectern.core.local_time import local_clock_text
from lectern.core.questions import QUESTION_TYPES
from lectern.core.rounding import number_text, percent_text, trimmed_text
from lectern.viewer_time import viewer_time_text, viewer_zone

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
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False})
_ALLOWED_TAGS = {"p", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "a", "br", "h3", "h4", "img"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "loading"}}
# Pictures are rendered at /media/…; the app's script root (when it is mounted under a path)
# is put in front after the cached rendering, so one cached text serves any root.
_MEDIA_SRC = 'src="/media/'


def _image(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    """A stored picture (![alt](media:<sha256>)) as <img>; any other image source as its alt text only,
    so no page ever makes a student's browser fetch from another site."""
    token = tokens[idx]
    alt = escapeHtml(renderer.renderInlineAsText(token.children or [], options, env))
    digest = media_digest(str(token.attrGet("src") or ""))
    if digest is None:
        return alt
    return f'<img {_MEDIA_SRC}{digest}" alt="{alt}" loading="lazy">'


_MARKDOWN.add_render_rule("image", _image)


def _clean(html: str) -> Markup:
    # Safe to mark: nh3 has just removed every tag, attribute and URL scheme outside the allow-lists.
    cleaned = nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES,
                        url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")
    return Markup(cleaned)  # nosec B704


# The same prompts, options and explanations are rendered for every student of a class, so each
# text is rendered once per process (a pure function of the text; nothing to share between workers).
@lru_cache(maxsize=16384)
def _markdown_block(text: str | None) -> Markup:
    return _clean(_MARKDOWN.render(text or ""))


@lru_cache(maxsize=16384)
def _markdown_inline(text: str | None) -> Markup:
    return _clean(_MARKDOWN.renderInline(text or ""))


def markdown_block(text: str | None) -> Markup:
    """Paragraphs of Markdown, sanitized."""
    return _rooted(_markdown_block(text))


def markdown_inline(text: str | None) -> Markup:
    """One line of Markdown (emphasis, code, links, pictures) without a paragraph around it, sanitized."""
    return _rooted(_markdown_inline(text))


def _rooted(html: Markup) -> Markup:
    root = request.script_root if has_request_context() else ""
    if not root or _MEDIA_SRC not in html:
        return html
    return Markup(str(html).replace(_MEDIA_SRC, f'src="{escape(root)}/media/'))  # nosec B704: root escaped


def evidence_url(bank_slug: str, paragraph: int, quote: str) -> str:
    """The article page with a passage highlighted (/articles/<slug>?p=…&q=…), made once per passage:
    a review links every question's evidence, and building each link took a tenth of the page's time."""
    return _evidence_url(request.script_root, bank_slug, paragraph, quote)


@lru_cache(maxsize=16384)
def _evidence_url(_script_root: str, bank_slug: str, paragraph: int, quote: str) -> str:
    return url_for("student.article", slug=bank_slug, p=paragraph, q=quote)


def points(value: float | None) -> str:
    """Points to two decimals at most, rounded half up: "2.5", "3"; "–" for none."""
    return trimmed_text(value, 2)


def when(value: datetime | None) -> str:
    """A stored (naive UTC) time on the viewer's clock, with the zone's short name."""
    return viewer_time_text(value) if value else "–"


def clock_time(value: datetime | None) -> str:
    """The time of day of a stored time, to the second, on the viewer's clock ("09:30:05 CET")."""
    return local_clock_text(value, viewer_zone()) if value else "–"


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
    # Every grade and percentage on a page goes through percent/number/points: half up (core.rounding).
    app.jinja_env.filters.update(points=points, percent=percent_text, number=number_text, when=when,
                                 clock_time=clock_time, error_messages=error_messages,
                                 md=markdown_block, md_inline=markdown_inline)
    app.jinja_env.globals.update(STATE_LABELS=STATE_LABELS, QUESTION_TYPES=QUESTION_TYPES, ITEM_RULES=RULES, viewer_zone=viewer_zone,
                                 evidence_url=evidence_url)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
