"""Turn the HTML that Moodle files hold into the Markdown text Lectern stores.

Lectern renders Markdown through a sanitizer, so this conversion aims to keep what
a reader needs (paragraphs, line breaks, emphasis, lists, links, code) and drop the
rest (styles, scripts, embedded files). It walks the markup with html.parser rather
than regular expressions, so odd or broken HTML still comes out as readable text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Moodle's text formats, by the names GIFT ([html]) and Moodle XML (format="html") use.
HTML, MOODLE, PLAIN, MARKDOWN = "html", "moodle", "plain", "markdown"
_XML_FORMATS = {"html": HTML, "moodle_auto_format": MOODLE, "plain_text": PLAIN,
                "markdown": MARKDOWN, "wiki_like": PLAIN}

_BLOCKS = {"p", "div", "blockquote", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
           "section", "article", "header", "footer", "figure", "hr", "dl"}
_SKIPPED = {"script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg"}
_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`", "tt": "`"}
_SAFE_LINK = re.compile(r"^(?:https?:|mailto:)", re.IGNORECASE)
# A tag starts "<" or "</" right before its name: "a < b and c > d" is text, not markup.
_TAG_LIKE = re.compile(r"</?[a-zA-Z][^<>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_PRE_MARK = "\x00pre{}\x00"


def format_from_xml(name: str | None) -> str:
    """The format for a Moodle XML format="…" attribute (unknown names read as HTML, as Moodle does)."""
    return _XML_FORMATS.get((name or "").strip(), HTML)


class _Converter(HTMLParser):
    def __init__(self, markdown: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.markdown = markdown
        self.out: list[str] = []
        self.skipping = 0
        self.pre: list[str] | None = None
        self.pres: list[str] = []
        self.inline: list[tuple[str, int, str | None]] = []
        self.lists: list[list] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag in _SKIPPED:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag == "pre":
            self.out.append("\n\n")
            self.pre = []
        elif self.pre is not None:
            return
        elif tag == "br":
            self.out.append("\n")
        elif tag in _BLOCKS:
            self.out.append("\n\n")
            if tag in ("ul", "ol"):
                self.lists.append([tag, 0])
        elif tag == "li":
            depth = max(len(self.lists) - 1, 0)
            kind = self.lists[-1] if self.lists else ["ul", 0]
            kind[1] += 1
            bullet = f"{kind[1]}. " if kind[0] == "ol" else "- "
            self.out.append("\n" + "  " * depth + (bullet if self.markdown else "- " if kind[0] == "ul" else bullet))
        elif tag in ("tr", "dt", "dd"):
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append(" ")
        elif tag in _EMPHASIS or tag == "a":
            self.inline.append((tag, len(self.out), attr.get("href")))
        elif tag == "img":
            source = attr.get("src") or ""
            self.images.append(source.rsplit("/", 1)[-1] or "an image")
            alt = (attr.get("alt") or "").strip()
            if alt:
                self.out.append(alt)

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
        text = inner.strip()
        if not text:
            self.out.append(inner)
            return
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()):]
        if tag == "a":
            wrapped = f"[{text}]({href})" if self.markdown and href and _SAFE_LINK.match(href) and href != text else text
        else:
            mark = _EMPHASIS[tag] if self.markdown and "\n" not in text else ""
            wrapped = f"{mark}{text}{mark}"
        self.out.append(lead + wrapped + trail)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.pre is not None:
            self.pre.append(data)
        else:
            self.out.append(re.sub(r"\s+", " ", data))

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
        for n, block in enumerate(self.pres):
            fenced = f"```\n{block}\n```" if self.markdown else block
            text = text.replace(_PRE_MARK.format(n), fenced)
        return text


def html_to_markdown(html: str) -> tuple[str, list[str]]:
    """Markdown for a piece of HTML, and the names of the images it had to leave out."""
    converter = _Converter(markdown=True)
    converter.feed(html)
    return converter.text(), converter.images


def html_to_plain(html: str) -> str:
    """The plain text of a piece of HTML (for titles and names): tags gone, entities decoded."""
    converter = _Converter(markdown=False)
    converter.feed(html)
    return " ".join(converter.text().split())


def looks_like_html(text: str) -> bool:
    """Whether text has tags or entities (Moodle's auto-format allows HTML inside plain text)."""
    return bool(_TAG_LIKE.search(text))


def to_markdown(text: str, fmt: str, notes: list[str] | None = None) -> str:
    """Lectern text for text written in one of Moodle's formats.

    HTML is converted; Moodle's auto-format is converted when it holds markup (its
    line breaks kept); plain text and Markdown are kept as they are. Images that
    cannot come along are noted in notes.
    """
    if fmt == MOODLE and looks_like_html(text):
        text, fmt = text.replace("\n", "<br>"), HTML
    if fmt != HTML:
        return text.strip()
    converted, images = html_to_markdown(text)
    if images and notes is not None:
        notes.append("images are not imported (" + ", ".join(images) + "); add them to the text again")
    return converted
