"""Pictures in question texts: which files Lectern accepts, and how a text refers to them.

An image is stored once under the SHA-256 of its bytes and a text refers to it as
Markdown, `![alt text](media:<sha256>)`, so the text stays plain data and the same
picture imported twice is stored once. Only raster pictures are accepted (PNG,
JPEG, GIF, WebP): Pillow reads each one through, so a broken or cut-off file is
refused here rather than shown as a broken picture to a class, and the format and
size come from the pixels, not from the file's name. SVG is refused, not cleaned:
a drawing can carry script and links, and a PNG of it is as good for a question.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from urllib.parse import unquote

from PIL import Image, UnidentifiedImageError

DEFAULT_MAX_IMAGE_BYTES = 2 * 1024 * 1024
# 4096 × 4096: more than any screen shows, and small enough to decode safely while checking.
MAX_IMAGE_PIXELS = 4096 * 4096
CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}

DIGEST = re.compile(r"[0-9a-f]{64}")
MEDIA_PREFIX = "media:"
# ![alt](media:<sha256>): the alt text may hold backslash-escaped characters (see image_markdown).
_IMAGE = re.compile(r"!\[((?:\\.|[^\\\]])*)\]\(media:([0-9a-f]{64})\)")
_REFERENCE = re.compile(r"\(media:([0-9a-f]{64})\)")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_NEEDS_ESCAPE = re.compile(r"([\\\[\]*_`<>&!])")


class ImageRefused(ValueError):
    """A file Lectern will not show as a picture; the message says why and what to do."""


@dataclass(frozen=True)
class StoredImage:
    """A checked picture: its bytes as given, their SHA-256, its type and its size in pixels."""

    digest: str
    content_type: str
    data: bytes
    width: int
    height: int

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def check_image(data: bytes, *, max_bytes: int = DEFAULT_MAX_IMAGE_BYTES) -> StoredImage:
    """The picture in data, checked whole; ImageRefused with the reason otherwise."""
    if not data:
        raise ImageRefused("the file is empty")
    if len(data) > max_bytes:
        size, limit = _size(len(data)), _size(max_bytes)
        if size == limit:
            size, limit = f"{len(data):,} bytes", f"{max_bytes:,} bytes"
        raise ImageRefused(f"the picture is {size}, more than the {limit} allowed; "
                           "save it smaller (fewer pixels, or as JPEG) and add it again")
    if _looks_like_svg(data):
        raise ImageRefused("SVG drawings are not accepted; save the drawing as PNG and add that")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                fmt, (width, height) = image.format, image.size
                _check_format_and_pixels(fmt, width, height)
                image.verify()  # checksums and structure
            with Image.open(BytesIO(data)) as image:
                image.load()  # every pixel: a cut-off file fails here
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(_too_many_pixels()) from None
    except UnidentifiedImageError:
        raise ImageRefused("this is not a picture Lectern can read; use a PNG, JPEG, GIF or WebP file") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ImageRefused("the picture is broken or cut off; save it again and add the new file") from None
    return StoredImage(hashlib.sha256(data).hexdigest(), CONTENT_TYPES[fmt], data, width, height)


def _check_format_and_pixels(fmt: str | None, width: int, height: int) -> None:
    if fmt not in CONTENT_TYPES:
        raise ImageRefused(f"{fmt or 'this'} pictures are not accepted; save it as PNG or JPEG and add that")
    if width * height > MAX_IMAGE_PIXELS:
        raise ImageRefused(f"the picture is {width} × {height} pixels; " + _too_many_pixels())


def _too_many_pixels() -> str:
    return "pictures may have at most 4096 × 4096 pixels; make it smaller and add it again"


def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<") and b"<svg" in head


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} kB"


def image_markdown(alt: str, digest: str) -> str:
    """The Markdown for a stored picture: ![alt](media:<digest>), its alt text escaped to stay text."""
    escaped = _NEEDS_ESCAPE.sub(r"\\\1", " ".join(alt.split()))
    return f"![{escaped}]({MEDIA_PREFIX}{digest})"


def without_images(text: str) -> str:
    """The text with each picture replaced by its alt text, for checks that compare words."""
    if MEDIA_PREFIX not in text:
        return text
    return _IMAGE.sub(lambda m: _ESCAPED.sub(r"\1", m.group(1)), text)


def referenced_digests(texts: Iterable[str]) -> list[str]:
    """The digests every "(media:<sha256>)" in the texts names, each once (texts may be JSON)."""
    found: dict[str, None] = {}
    for text in texts:
        if MEDIA_PREFIX in text:
            found.update(dict.fromkeys(_REFERENCE.findall(text)))
    return list(found)


def media_digest(source: str) -> str | None:
    """The digest in a "media:<sha256>" image source, or None for any other source."""
    if source.startswith(MEDIA_PREFIX) and DIGEST.fullmatch(source[len(MEDIA_PREFIX):]):
        return source[len(MEDIA_PREFIX):]
    return None


PLUGINFILE = "@@PLUGINFILE@@/"
_DATA_URI = re.compile(r"data:image/[\w.+-]+;base64,(.*)", re.DOTALL | re.IGNORECASE)


class ImageFiles:
    """The pictures an imported text may show, and the ones it did show.

    Moodle writes a text's files next to it (<file name="map.png" encoding="base64">) and
    refers to them as @@PLUGINFILE@@/map.png; an <img> may also carry its bytes in a data:
    URI. A file is decoded and checked when a text first shows it; `find` gives a source's
    picture or why it cannot be shown, and `used` keeps every picture found, for the import
    to store.
    """

    def __init__(self, encoded: dict[str, str] | None = None, *, max_bytes: int = DEFAULT_MAX_IMAGE_BYTES,
                 used: dict[str, StoredImage] | None = None) -> None:
        self.encoded = encoded or {}  # base64 text by file name
        self.max_bytes = max_bytes
        self.used = used if used is not None else {}
        self._checked: dict[str, StoredImage | str] = {}

    def with_files(self, encoded: dict[str, str]) -> ImageFiles:
        """These files (of one text) added to the ones known, sharing the record of pictures used."""
        if not encoded:
            return self
        return ImageFiles({**self.encoded, **encoded}, max_bytes=self.max_bytes, used=self.used)

    def find(self, source: str) -> StoredImage | str:
        """The picture an <img src> names, recorded as used; or the reason it cannot be shown."""
        found: StoredImage | str
        data_uri = _DATA_URI.match(source.strip())
        if data_uri:
            found = _checked_base64(data_uri.group(1), self.max_bytes)
        elif source.startswith(PLUGINFILE):
            name = unquote(source[len(PLUGINFILE):].split("?", 1)[0])
            if name not in self.encoded:
                found = "the file does not include it"
            else:
                if name not in self._checked:
                    self._checked[name] = _checked_base64(self.encoded[name], self.max_bytes)
                found = self._checked[name]
        else:
            found = "it is not inside the file (Lectern shows only pictures that come with the questions)"
        if isinstance(found, StoredImage):
            self.used[found.digest] = found
        return found


def image_name(source: str) -> str:
    """A short name for an <img src> in a message: its file name, or "an embedded picture"."""
    if source.strip().lower().startswith("data:"):
        return "an embedded picture"
    name = unquote(source.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1])
    return name[:80] or "a picture"


def _checked_base64(text: str, max_bytes: int) -> StoredImage | str:
    # base64 grows by a third: anything longer than that over the limit is refused undecoded.
    if len(text) > 4 * max_bytes // 3 + 1024:
        return f"it is larger than the {_size(max_bytes)} allowed for a picture"
    try:
        data = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return "its base64 encoding is damaged"
    try:
        return check_image(data, max_bytes=max_bytes)
    except ImageRefused as e:
        return str(e)
