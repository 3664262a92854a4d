"""The attempt page's questions and the review's answers, each rendered once and reused for every
student it looks the same for.

When a class presses Start together, thirty (or three hundred) students are sent the same 48
fieldsets: the same version, at the same position, unanswered and unflagged. Rendering them is
most of the page's cost, so each fieldset's HTML is kept under what decides it: the version
(id and digest: versions never change), the position (field names), the shuffled option order,
the answer shown and the flag. A page sent back with validation messages is rendered from the
form that was sent, never from the cache.

A review item is kept the same way, under everything it shows (the version, the position, the
answer and its mark, the levels a rubric picked, the feedback and comment, what the quiz lets
students see now) except the attempt its evidence links lead back to, which is written in after:
each link ends in &attempt=<id>, and the cached item holds a marker there that no text of a
question can hold.

The caches are per process and hold only HTML derived from immutable rows, so worker processes
need not share them: each fills its own, and none can show another student's data, because what
a student gave (the answer, the flag, the mark) is part of the key.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from markupsafe import Markup

from lectern.core.questions import QuestionDefinition
from lectern.core.review_policy import ReviewShow
from lectern.render_cache import RenderCache
from lectern.services.attempt_review import ReviewItem
from lectern.student.forms import answer_form, field_name

CAPACITY = 10_000  # entries in each cache; ~2 KB each, so at most ~40 MB per worker

_fragments = RenderCache(CAPACITY)
_reviewed = RenderCache(CAPACITY)
# Stands for the attempt's id in a cached review item. A NUL cannot come from a bank file (YAML
# refuses it), from Markdown (the sanitizer replaces it) or from a URL (it would be %00).
ATTEMPT_MARK = "\x00attempt\x00"


def review_fragment(item: ReviewItem, show: ReviewShow, bank_slug: str, attempt_id: int) -> Markup:
    """One question of a student's review of their attempt, as student/_review_item_macro.html shows it."""
    def make() -> Markup:
        macro = current_app.jinja_env.get_template("student/_review_item_macro.html").module.review_item
        # A macro of an autoescaped (.html) template returns Markup itself: no Markup() here to
        # vouch for text, so should autoescaping ever be off the review shows tags, not runs them.
        return macro(item, show, bank_slug, back_to=ATTEMPT_MARK)

    answer = item.answer_text
    key = ("review", item.version, item.position, item.answered, answer, getattr(answer, "parts", None),
           item.state, item.points, item.max_points, item.feedback, item.comment, item.rubric_marks, show, bank_slug)
    if item.version is None:
        return make().replace(ATTEMPT_MARK, str(attempt_id))
    # Markup.replace escapes the id it puts in and stays Markup.
    return _reviewed.get(key, make).replace(ATTEMPT_MARK, str(attempt_id))


def _frozen(data: Any) -> Any:
    """A hashable stand-in for a field's data (text, a list of ticks, a dict of choices)."""
    if isinstance(data, dict):
        return tuple((k, _frozen(v)) for k, v in data.items())
    if isinstance(data, (list, tuple)):
        return tuple(_frozen(v) for v in data)
    return data


def question_fieldset(position: int, q: QuestionDefinition, version: tuple[int, str], *, saved: Any = None,
                      flagged: bool = False, option_order: list[str] | None = None) -> Markup:
    """The fieldset of one question as student/_question.html renders it, showing the saved answer
    and flag, from the cache when it can be. Its form field is only made when it is not cached."""
    data = None if saved is None else q.form_data(saved)
    key = (version, position, tuple(option_order or ()), _frozen(data), flagged)

    def make() -> Markup:
        form = answer_form([(position, q)], {position: option_order} if option_order else None, formdata=None,
                           data={field_name(position): data, "flags": {position} if flagged else set()})
        return fieldset_of(form, position, q)

    return _fragments.get(key, make)


def fieldset_of(form: Any, position: int, q: QuestionDefinition) -> Markup:
    """The fieldset of one question of a bound answer form (a form sent back with its messages)."""
    template = current_app.jinja_env.get_template("student/_question.html")
    # Safe to mark: an .html template is autoescaped, so render() returns HTML in which every value
    # it inserted is already escaped (or sanitized Markup from rendering.markdown_*).
    html = template.render(position=position, q=q, field=form[field_name(position)],
                           flag_field=form.flags.box(position))
    return Markup(html)  # nosec B704
