"""Turn the HTML that Moodle files hold into the Markdown text Lectern stores.

Lectern renders Markdown through a sanitizer, so this conversion aims to keep what
a reader needs (paragraphs, line breaks, emphasis, lists, links, code, pictures that
came with the text) and drop the rest (styles, scripts, other embedded files). It walks the markup with html.parser rather
than regular expressions, so odd or broken HTML still comes out as readable text.

Text must keep its visible characters: a plain-text "What is 2*3*4?" or "__init__"
must not turn into emphasis once it is Markdown. So plain text, and the text nodes
of HTML, are escaped with backslashes where Markdown would read them as markup
(and only there, so an exported Markdown file still reads well).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from lectern.core.images import PLUGINFILE, ImageFiles, StoredImage, image_markdown, image_name
from lectern.core.interchange.markdown_escape import (
    escape_inline,
    escape_line_start,
    escape_markdown,
    fence,
)

# Moodle's text formats, by the names GIFT ([html]) and Moodle XML (format="html") use.
HTML, MOODLE, PLAIN, MARKDOWN = "html", "moodle", "plain", "markdown"
_XML_FORMATS = {"html": HTML, "moodle_auto_format": MOODLE, "plain_text": PLAIN,
                "markdown": MARKDOWN, "wiki_like": PLAIN}

_BLOCKS = {"p", "div", "blockquote", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
           "section", "article", "header", "footer", "figure", "hr", "dl"}
_SKIPPED = {"script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg"}
# Elements that play or embed a file, by what a teacher would call the file.
_MEDIA = {"audio": "sound", "video": "video", "source": "sound or video", "embed": "embedded file",
          "object": "embedded file", "iframe": "embedded page"}
_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`", "tt": "`"}
_SAFE_LINK = re.compile(r"^(?:https?:|mailto:)", re.IGNORECASE)
# A tag starts "<" or "</" right before its name: "a < b and c > d" is text, not markup.
_TAG_LIKE = re.compile(r"</?[a-zA-Z][^<>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_PRE_MARK = "\x00pre{}\x00"
# A <br>: a hard line break, unless it ends a paragraph (where Markdown would show the backslash).
_BREAK = "\x01"
_CODE = {"code", "tt"}
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML collapses these only: a no-break space stays


def format_from_xml(name: str | None) -> str:
    """The format for a Moodle XML format="…" attribute (unknown names read as HTML, as Moodle does)."""
    return _XML_FORMATS.get((name or "").strip(), HTML)


class _Converter(HTMLParser):
    def __init__(self, markdown: bool, files: ImageFiles | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.markdown = markdown
        self.files = files  # the pictures that came with the text (None: none did)
        self.out: list[str] = []
        self.skipping = 0
        self.pre: list[str] | None = None
        self.pres: list[str] = []
        self.inline: list[tuple[str, int, str | None]] = []
        self.lists: list[list] = []
        self.images: list[str] = []
        self.code = 0  # inside <code>/<tt>: text is kept raw for a code span
        self.line_start = True  # whether the next text starts a Markdown line

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if not self.skipping:
            self._other_file(tag, attr)
        if tag in _SKIPPED:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag == "pre":
            self.out.append("\n\n")
            self.pre = []
        elif self.pre is not None:
            if tag == "br":  # a line break inside <pre> (Moodle's auto-format writes them) is a newline
                self.pre.append("\n")
            return
        elif tag == "br":
            self.out.append(_BREAK + "\n" if self.markdown else "\n")
            self.line_start = True
        elif tag in _BLOCKS:
            self.out.append("\n\n")
            self.line_start = True
            if tag in ("ul", "ol"):
                self.lists.append([tag, 0])
        elif tag == "li":
            depth = max(len(self.lists) - 1, 0)
            kind = self.lists[-1] if self.lists else ["ul", 0]
            kind[1] += 1
            bullet = f"{kind[1]}. " if kind[0] == "ol" else "- "
            self.out.append("\n" + "  " * depth + (bullet if self.markdown else "- " if kind[0] == "ul" else bullet))
            self.line_start = True
        elif tag in ("tr", "dt", "dd"):
            self.out.append("\n")
            self.line_start = True
        elif tag in ("td", "th"):
            self.out.append(" ")
        elif tag in _EMPHASIS or tag == "a":
            self.inline.append((tag, len(self.out), attr.get("href")))
            self.code += tag in _CODE
        elif tag == "img":
            self._image(attr.get("src") or "", " ".join((attr.get("alt") or "").split()))

    def _other_file(self, tag: str, attr: dict[str, str | None]) -> None:
        # Sound, video and other files (Moodle's <a href="@@PLUGINFILE@@/bonjour.mp3">, <audio>, <embed>)
        # cannot come along: only pictures do. Leaving one out is named, never silent.
        if tag == "a":
            source = attr.get("href") or ""
            linked_picture = self.files is not None and isinstance(self.files.find(source), StoredImage)
            if source.startswith(PLUGINFILE) and not linked_picture:  # a link to a picture shown is no loss
                self.images.append(f"the file {image_name(source)} that a link pointed to was left out (Lectern "
                                   "keeps pictures only); the link's words stay as plain text")
            return
        source = attr.get("src") or (attr.get("data") if tag == "object" else None) or ""
        if tag in _MEDIA and source:
            self.images.append(f"the {_MEDIA[tag]} {image_name(source)} was left out (Lectern keeps pictures "
                               "only); say in the text what it showed or played, or link to it")

    def _image(self, source: str, alt: str) -> None:
        # A picture that came with the text becomes ![alt](media:…); any other keeps its alt text
        # in its place, and self.images says which was left out and why (a note in the preview).
        found = self.files.find(source) if self.files is not None else "the file does not include it"
        if isinstance(found, StoredImage) and self.markdown and not self.code:
            self.out.append(image_markdown(alt, found.digest))
            if not alt:
                self.images.append(f"the picture {image_name(source)} has no alt text: describe it for students "
                                   "who cannot see it")
        else:
            reason = found if isinstance(found, str) else "a picture cannot stand inside code"
            self.images.append(f"the picture {image_name(source)} was left out ({reason})"
                               + (f"; its alt text “{alt}” stands in its place" if alt else ""))
            if alt:
                self.out.append(escape_inline(alt) if self.markdown and not self.code else alt)
        self.line_start = self.line_start and not alt and not isinstance(found, StoredImage)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIPPED:
            self.skipping -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif self.skipping:
            return
        elif tag == "pre" and self.pre is not None:
            self.pres.append("".join(self.pre).strip("\n"))
            self.pre = None
            self.out.append(_PRE_MARK.format(len(self.pres) - 1) + "\n\n")
            self.line_start = True
        elif self.pre is not None:
            return
        elif tag in _BLOCKS:
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            self.out.append("\n\n")
        elif tag in _EMPHASIS or tag == "a":
            self._close_inline(tag)

    def _close_inline(self, tag: str) -> None:
        # Tags may be closed out of order in real files; close the nearest match only.
        for n in range(len(self.inline) - 1, -1, -1):
            if self.inline[n][0] == tag:
                _, start, href = self.inline.pop(n)
                break
        else:
            return
        inner = "".join(self.out[start:])
        del self.out[start:]
        self.code -= tag in _CODE
        text = inner.strip()
        if not text:
            self.out.append(inner)
            return
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()):]
        if not self.markdown:
            wrapped = text
        elif tag in _CODE and self.code == 0:
            # The text was kept raw: a code span shows it as it is, and a backslash would show.
            if "\n" in text or _BREAK in text:
                wrapped = escape_inline(text)
            else:
                ticks = fence(text, 1)
                pad = " " if text.startswith("`") or text.endswith("`") else ""
                wrapped = f"{ticks}{pad}{text}{pad}{ticks}"
        elif self.code:  # markup inside a code span would show as characters: keep the text only
            wrapped = text
        elif tag == "a":
            link = _SAFE_LINK.match(href or "") and href != text
            wrapped = f"[{text}]({_link_target(href or '')})" if link else text
        else:
            mark = _EMPHASIS[tag] if "\n" not in text else ""
            wrapped = f"{mark}{text}{mark}"
        self.out.append(lead + wrapped + trail)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.pre is not None:
            self.pre.append(data)
            return
        text = _HTML_SPACE.sub(" ", data)
        if self.markdown and not self.code:
            text = escape_inline(text)
            if self.line_start and text.strip():
                lead = text[: len(text) - len(text.lstrip())]
                text = lead + escape_line_start(text.lstrip())
        if text.strip():
            self.line_start = False
        self.out.append(text)

    def text(self) -> str:
        self.close()
        while self.inline:  # unclosed <b> and the like: keep their text, drop the markup
            self._close_inline(self.inline[-1][0])
        if self.pre is not None:
            self.handle_endtag("pre")
        text = "".join(self.out)
        text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
        text = re.sub(r"\n{3,}", "\n\n", text)
        text = re.sub(r" {2,}", " ", text).strip()
        # A <br> at the end of a paragraph or of the text breaks nothing; elsewhere it is "\\" + newline.
        # Two or more in a row make the gap of a new paragraph.
        text = re.sub(f"{_BREAK}\n(?:{_BREAK}\n)+", "\n\n", text)
        text = re.sub(_BREAK + r"+(?=\s*(?:\n\n|$))", "", text).replace(_BREAK, "\\")
        for n, block in enumerate(self.pres):
            ticks = fence(block, 3)
            fenced = f"{ticks}\n{block}\n{ticks}" if self.markdown else block
            text = text.replace(_PRE_MARK.format(n), fenced)
        return text.strip()


def _link_target(href: str) -> str:
    """A URL that cannot end a Markdown link early (spaces, parentheses and angle brackets encoded)."""
    for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E")):
        href = href.replace(char, code)
    return href


def html_to_markdown(html: str, files: ImageFiles | None = None) -> tuple[str, list[str]]:
    """Markdown for a piece of HTML, and a note on each picture it left out (or lacks alt text for)."""
    converter = _Converter(markdown=True, files=files)
    converter.feed(html)
    return converter.text(), converter.images


def html_to_plain(html: str) -> str:
    """The plain text of a piece of HTML (for titles and names): tags gone, entities decoded."""
    converter = _Converter(markdown=False)
    converter.feed(html)
    return " ".join(converter.text().split())


def to_plain(text: str, fmt: str) -> str:
    """Plain text (for what Lectern shows as plain text: matching items, ordering items)
    from text in one of Moodle's formats: HTML loses its tags, anything else is kept."""
    if fmt == HTML or (fmt == MOODLE and looks_like_html(text)):
        return html_to_plain(text)
    return text.strip()


def looks_like_html(text: str) -> bool:
    """Whether text has tags or entities (Moodle's auto-format allows HTML inside plain text)."""
    return bool(_TAG_LIKE.search(text))


def to_markdown(text: str, fmt: str, notes: list[str] | None = None, files: ImageFiles | None = None) -> str:
    """Lectern text for text written in one of Moodle's formats.

    HTML is converted (its text escaped); Moodle's auto-format is plain text with its
    line breaks kept, in which HTML is allowed (as Moodle's text_to_html reads it);
    plain text is escaped so that nothing in it becomes Markdown; Markdown is kept.
    Pictures among files become ![alt](media:…); those that cannot come along are noted in notes.
    """
    if fmt == MOODLE and looks_like_html(text):
        text, fmt = text.strip().replace("\n", "<br>"), HTML
    if fmt == MARKDOWN:
        return text.strip()
    if fmt != HTML:
        return escape_markdown(text)
    converted, images = html_to_markdown(text, files)
    if notes is not None:
        notes.extend(images)
    return converted
