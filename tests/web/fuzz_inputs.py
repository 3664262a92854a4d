"""What the fuzz test sends: the forms found on Lectern's pages, and Hypothesis strategies for
hostile field names, values and encodings built from them."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

# --- the forms on a page ----------------------------------------------------------


@dataclass
class FoundForm:
    path: str
    method: str
    fields: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


class _FormParser(HTMLParser):
    """Every <form> on a page with its fields' names and the values the page offers for them."""

    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path, self.forms = page_path, []
        self._form: FoundForm | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            action = urlsplit(a.get("action") or self.page_path).path or self.page_path
            self._form = FoundForm(action, (a.get("method") or "get").upper())
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag in ("input", "button", "textarea", "select") and a.get("name"):
            offered = FILE_SAMPLES if a.get("type") == "file" else [a["value"]] if "value" in a else []
            self._form.fields[a["name"]].update(offered)
            self._select = a["name"] if tag == "select" else self._select
        elif tag == "option" and self._select:
            self._form.fields[self._select].add(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def forms_on(html: str, page_path: str) -> list[FoundForm]:
    parser = _FormParser(page_path)
    parser.feed(html)
    return parser.forms


def forms_by_endpoint(app, pages: list[tuple[object, str]]) -> dict[tuple[str, str], dict[str, set[str]]]:
    """The fields of every form on these pages ((client, url) pairs), by the endpoint and method it sends to."""
    found: dict[tuple[str, str], dict[str, set[str]]] = {}
    adapter = app.url_map.bind("localhost")
    for client, url in pages:
        reply = client.get(url)
        for form in forms_on(reply.text if reply.mimetype == "text/html" else "", url):
            try:
                endpoint = adapter.match(form.path, form.method)[0]
            except HTTPException:  # a form sent elsewhere, or by a method the URL does not take
                continue
            fields = found.setdefault((endpoint, form.method), {})
            for name, offered in form.fields.items():
                fields.setdefault(name, set()).update(offered)
    return found


# --- values ---------------------------------------------------------------------

GIFT = b"::Q1:: In which city did they meet? {=Berlin ~Kyiv ~Brussels}\n\n::Q2:: NATO has 32 members. {T}\n"
CSV = b"type,prompt,answer\nshort_answer,Which article?,Article 5\n"
# A 2 × 2 PNG: what the question editor's "Add an image" takes.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a73000000"
                    "1649444154789c633c2127c7c0c0c0c4c0c0c0c0c000000d0401087d71ca660000000049454e44ae426082")
# What a file input is offered: question files that import, so the fuzz also reaches the preview,
# and a picture, so it also reaches the editor's image check.
FILE_SAMPLES = [(GIFT, "questions.gift"), (CSV, "questions.csv"), (PNG, "map.png")]

# Numbers past every integer column, negative, not quite numbers, and digits int() refuses.
ODD_NUMBERS = ["0", "-1", "2147483647", "2147483648", "-2147483649", "9223372036854775808",
               "99999999999999999999999", "9" * 5000, "1e309", "nan", "inf", "-0", " 7 ", "0x1F",
               "1_000", "\u0663", "\u00b2", "1.5", "+3", "", " "]
NUMBERS = st.one_of(st.integers(-2**70, 2**70).map(str), st.sampled_from(ODD_NUMBERS))
# Any character but NUL (control characters included) and lone surrogates.
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)
# Any code point: NUL too, and lone surrogates (sent as the invalid UTF-8 bytes a broken client
# would send).
ANY_TEXT = st.text(st.characters(exclude_categories=()), min_size=1, max_size=30)
# NUL and a lone surrogate for certain (a random code point is rarely either).
NUL_TEXT = st.tuples(TEXT, st.sampled_from(["\x00", "\ud800", "\x00\udfff"]), TEXT).map("".join)
LONG = st.builds(lambda piece, n: (piece * n)[:n], TEXT.filter(bool), st.integers(300, 30_000))
RAW = st.binary(max_size=20)  # bytes as they are: invalid UTF-8, truncated sequences
# The same without NUL, which the app refuses before any view reads the form.
NUL_FREE_RAW = RAW.map(lambda b: b.replace(b"\x00", b"@"))
# A file where text is expected (a wrong type); its name may hold anything too.
FILE = st.builds(lambda data, name: (data, name), st.binary(max_size=300), ANY_TEXT)


# What a request may carry beyond the clean hostility every request gets (long text, huge numbers,
# invalid UTF-8, missing, repeated and unknown fields). The app refuses NUL, files where no form
# takes one and field names no page sends before any view runs, so most requests carry none of
# them and reach the views; each of the others carries one kind, or all.
FLAVOURS = ["clean"] * 10 + ["nul"] * 4 + ["files", "names", "anything"]


def values(samples: set[str], flavour: str) -> st.SearchStrategy:
    """A field's value: often one the page offers (to get past the first check), else anything.

    In a "nul" or "files" request every value not offered by the page is one of those.
    """
    if flavour in ("nul", "files"):
        hostile = NUL_TEXT if flavour == "nul" else FILE
    else:
        hostile = st.one_of(NUMBERS, NUMBERS, TEXT, TEXT, LONG, NUL_FREE_RAW,
                            *([NUL_TEXT, ANY_TEXT, RAW, FILE] if flavour == "anything" else []))
    if not samples:
        return hostile
    offered = st.sampled_from(sorted(samples, key=repr))
    return st.one_of(offered, offered, offered, hostile, hostile)


def _names(known: list[str], flavour: str) -> st.SearchStrategy:
    """A field name nobody asked for: random, or a known one with its numbers blown up.

    Names no page of ours could send (any character, Unicode digits, numbers too long for int())
    only in the flavours that allow them.
    """
    odd = flavour in ("names", "anything")
    numbers = ODD_NUMBERS[:9] + ["\u0663", "\u00b2"] if odd else ["0", "1", "2147483648", "99999999999999999999"]
    mutated = (st.tuples(st.sampled_from(known), st.sampled_from(numbers)).map(
        lambda p: re.sub(r"\d+", p[1], p[0]) if re.search(r"\d", p[0]) else f"{p[0]}-{p[1]}-x") if known else TEXT)
    return st.one_of(ANY_TEXT if odd else st.from_regex(r"[A-Za-z0-9_-]{1,30}", fullmatch=True), mutated)


@st.composite
def pairs(draw, fields: dict[str, set[str]], flavour: str) -> list[tuple[str, object]]:
    """(name, value) pairs for these fields: each missing, sent once or sent twice; plus extra names."""
    out = []
    for name in sorted(fields):
        for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2]))):
            out.append((name, draw(values(fields[name], flavour))))
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
        out.append((draw(_names(sorted(fields), flavour)), draw(values(set(), flavour))))
    return out


# --- encodings --------------------------------------------------------------------

def _bytes(value: object) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")


def urlencoded(items: list[tuple[str, object]]) -> str:
    """Percent-encoded as they are, so invalid UTF-8 reaches the server undamaged."""
    return "&".join(f"{quote(_bytes(k), safe='')}={quote(_bytes(v), safe='')}" for k, v in items)


def multipart(items: list[tuple[str, object]]) -> MultiDict:
    """A multipart body (the only way to send files); text there must be valid UTF-8."""
    def text(v: object) -> str:
        return _bytes(v).decode("utf-8", "replace")
    return MultiDict([(text(k), (io.BytesIO(v[0]), text(v[1])) if isinstance(v, tuple) else text(v))
                      for k, v in items])


def as_text(items: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """The pairs with files sent as their bytes (query strings cannot carry files)."""
    return [(k, v[0] if isinstance(v, tuple) else v) for k, v in items]
