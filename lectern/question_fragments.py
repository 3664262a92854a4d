"""The attempt page's questions, each rendered once and reused for every student it looks the same for.

When a class presses Start together, thirty (or three hundred) students are sent the same 48
fieldsets: the same version, at the same position, unanswered and unflagged. Rendering them is
most of the page's cost, so each fieldset's HTML is kept under what decides it: the version
(id and digest: versions never change), the position (field names), the shuffled option order,
the answer shown and the flag. A page sent back with validation messages is rendered from the
form that was sent, never from the cache.

The cache is per process and holds only HTML derived from immutable rows, so worker processes
need not share it: each fills its own, and none can show another student's data, because the
answer and flag it shows are part of the key.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock
from typing import Any

from flask import current_app
from markupsafe import Markup

from lectern.core.questions import QuestionDefinition
from lectern.student.forms import answer_form, field_name, flag_name

CAPACITY = 20_000  # fieldsets; ~2 KB each, so at most ~40 MB per worker

_fragments: OrderedDict[tuple[Any, ...], Markup] = OrderedDict()
_lock = Lock()


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
    with _lock:
        html = _fragments.get(key)
        if html is not None:
            _fragments.move_to_end(key)
            return html
    form = answer_form([(position, q)], {position: option_order} if option_order else None, formdata=None,
                       data={field_name(position): data, flag_name(position): flagged})
    html = fieldset_of(form, position, q)
    with _lock:
        _fragments[key] = html
        if len(_fragments) > CAPACITY:
            _fragments.popitem(last=False)
    return html


def fieldset_of(form: Any, position: int, q: QuestionDefinition) -> Markup:
    """The fieldset of one question of a bound answer form (a form sent back with its messages)."""
    template = current_app.jinja_env.get_template("student/_question.html")
    return Markup(template.render(position=position, q=q, field=form[field_name(position)],
                                  flag_field=form[flag_name(position)]))
