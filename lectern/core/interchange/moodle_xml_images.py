"""Pictures in Moodle XML: the <file>s beside each text, and Moodle 1.9's <image> of a question.

Moodle writes a text's pictures as <file name="map.png" path="/" encoding="base64"> elements
beside its <text> (question/format/xml: import_text_with_files) and the text refers to them
as @@PLUGINFILE@@/map.png. Each is checked once (lectern.core.images) and a picture shown
becomes ![alt](media:<sha256>); one that cannot be shown is named in the question's notes.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET  # writing only: nothing here parses untrusted XML
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import quote

from lectern.core.images import PLUGINFILE, ImageFiles, StoredImage, image_markdown, image_name

if TYPE_CHECKING:
    from lectern.core.interchange.moodle_xml import Node


def attach_images(node: Node, images: ImageFiles) -> None:
    """Give every element of a question the pictures its text may show: the <file>s beside that
    text (Moodle's import_text_with_files), each checked once; all share one record of those used."""
    files = {f.attrib.get("name", ""): f.text for f in node.all("file") if f.attrib.get("encoding") == "base64"}
    node.images = images.with_files(files)
    for child in node.children:
        attach_images(child, node.images if child.tag != "file" else images)


def picture_of_moodle_19(node: Node, notes: list[str]) -> str:
    """Moodle 1.9's picture of a question (<image>, with its bytes in <image_base64>), which
    Moodle's importer puts at the end of the question text; so does Lectern."""
    name, encoded = node.value("image"), node.value("image_base64")
    if not encoded:
        if name:
            notes.append(f"the picture {image_name(name)} was left out (Moodle 1.9 kept it among the course's "
                         "files, which this file does not include)")
        return ""
    name = image_name(name or "image")
    found = node.images.with_files({name: encoded}).find(PLUGINFILE + quote(name)) if node.images else ""
    if isinstance(found, StoredImage):
        notes.append(f"the picture {name} has no alt text: describe it for students who cannot see it")
        return image_markdown("", found.digest)
    notes.append(f"the picture {name} was left out ({found})")
    return ""


# ![alt](@@PLUGINFILE@@/<name>) in a Markdown text: how Lectern writes a picture into Moodle XML.
_PLUGINFILE_IMAGE = re.compile(r"!\[((?:\\.|[^\\\]])*)\]\(@@PLUGINFILE@@/([^)\s]+)\)")
_MEDIA_IMAGE = re.compile(r"(!\[(?:\\.|[^\\\]])*\]\()media:([0-9a-f]{64})\)")


def pictures_in_markdown(text: str, images: ImageFiles | None, notes: list[str]) -> str:
    """A Markdown text's ![alt](@@PLUGINFILE@@/name) as ![alt](media:<sha256>); a picture that
    cannot be shown leaves its alt text, with a note."""
    def replace(match: re.Match[str]) -> str:
        alt, source = match.group(1), PLUGINFILE + match.group(2)
        found = images.find(source) if images is not None else "the file does not include it"
        if isinstance(found, StoredImage):
            return f"![{alt}](media:{found.digest})"
        notes.append(f"the picture {image_name(source)} was left out ({found})"
                     + (f"; its alt text “{alt}” stands in its place" if alt else ""))
        return alt

    return _PLUGINFILE_IMAGE.sub(replace, text) if PLUGINFILE in text else text


def add_picture_files(root: ET.Element, images: Mapping[str, StoredImage]) -> None:
    """Point every text's ![alt](media:<sha256>) at a <file> beside that text, as Moodle's exporter
    writes a text's files: @@PLUGINFILE@@/<sha256>.<ext>, the bytes in base64. Pictures not among
    images keep their media: address (Lectern reads it back; Moodle shows the alt text)."""
    for element in root.iter():
        text = element.find("text")
        if text is not None and text.text and "(media:" in text.text:
            text.text = _MEDIA_IMAGE.sub(lambda match, e=element: _to_file(e, match, images), text.text)


def _to_file(element: ET.Element, match: re.Match[str], images: Mapping[str, StoredImage]) -> str:
    image = images.get(match.group(2))
    if image is None:
        return match.group(0)
    name = f"{image.digest}.{image.extension}"
    if not any(f.get("name") == name for f in element.findall("file")):
        file = ET.SubElement(element, "file", name=name, path="/", encoding="base64")
        file.text = base64.b64encode(image.data).decode("ascii")
    return f"{match.group(1)}{PLUGINFILE}{name})"
