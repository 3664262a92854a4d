"""Checks on what a request carries before any view reads it: numbers a database integer can
hold, no NUL in text, field names our pages use, and files only where a form asks for one.

Bad input gets a 400 or 404 with a message saying what to fix, never a 500 from deep in a
driver, and nothing is changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from flask import Flask, abort, current_app, request
from werkzeug.routing import IntegerConverter

# What an INTEGER column holds on every database Lectern runs on (SQLite's is wider).
DB_INT_MAX = 2**31 - 1

# PostgreSQL refuses NUL in text ("A string literal cannot contain NUL"), and nobody types one.
# Other control characters are stored as they are: imported question files may hold a stray one
# (Word's vertical tab), and refusing it here would stop the question being edited.
NUL = "\x00"
NUL_MESSAGE = ("Something you sent contains a NUL character, an invisible character that Lectern cannot "
               "store. It usually comes with text pasted from another program: type that text again, "
               "then send the form. Nothing was saved.")
FILES_MESSAGE = "This form does not take files. Fill in its fields and send it again; nothing was saved."
# Every field name on Lectern's pages is ASCII letters, digits, "-" and "_" (a list's rows are
# name-index-field). Other names come from no page of ours, and some break WTForms' lists:
# FieldList reads the index with int(), which refuses "²" and numbers of over 4300 digits.
FIELD_NAME = re.compile(r"[A-Za-z0-9_-]{1,100}")
DAMAGED_MESSAGE = ("The form arrived damaged: it has a field that Lectern's pages do not send. "
                   "Reload the page and send the form again; nothing was saved.")

View = TypeVar("View", bound=Callable[..., Any])


class BoundedInt(IntegerConverter):
    """<int:…> in URLs: ids stop at what a database integer holds, so /attempts/99999999999999999999
    is a plain 404 instead of an overflow in the driver."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", DB_INT_MAX)
        super().__init__(map, *args, **kwargs)


def bounded_int(value: str) -> int:
    """A whole number from 0 to DB_INT_MAX, for request.args.get(name, default, type=bounded_int).

    Anything else raises ValueError, so the default applies: an id that names nothing (a 404 where
    it is looked up), the first page. Negative ids and page numbers mean nothing here.
    """
    number = int(value)
    if not 0 <= number <= DB_INT_MAX:
        raise ValueError(f"{number} is outside 0..{DB_INT_MAX}")
    return number


def takes_files(view: View) -> View:
    """Mark a view whose form has a file field; every other view refuses uploaded files."""
    view.takes_files = True  # type: ignore[attr-defined]
    return view


def _texts() -> Iterator[str]:
    for data in (request.args, request.form):
        for key, value in data.items(multi=True):
            yield key
            yield value
    for key, upload in request.files.items(multi=True):
        yield key
        yield upload.filename or ""


def refuse_unusable_input() -> None:
    """Before every view: a 400 for NUL in the query, the form or a file's name, for
    form field names no page of ours uses (Werkzeug names a multipart field without a name None,
    which CSRFProtect cannot read), and for files sent to a form that has no file field (a form
    field would get the file instead of text)."""
    if not all(isinstance(key, str) and FIELD_NAME.fullmatch(key) for key in (*request.form, *request.files)):
        abort(400, description=DAMAGED_MESSAGE)
    if any(NUL in text for text in _texts()):
        abort(400, description=NUL_MESSAGE)
    view = current_app.view_functions.get(request.endpoint or "")
    if request.files and not getattr(view, "takes_files", False):
        abort(400, description=FILES_MESSAGE)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = BoundedInt
    app.before_request(refuse_unusable_input)
