"""Pictures in questions: which files are accepted, how texts refer to them, and how imports
and exports carry them (lectern.core.images, the Moodle XML reader and writer)."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

from lectern.core.choice_cues import choice_cues
from lectern.core.images import (
    MAX_IMAGE_PIXELS,
    ImageRefused,
    check_image,
    image_markdown,
    referenced_digests,
    without_images,
)
from lectern.core.interchange import parse_gift, parse_moodle_xml, write_gift, write_moodle_xml
from lectern.core.item_words import tokens
from lectern.core.questions import parse_question

FIXTURE = Path(__file__).parents[1] / "fixtures" / "moodle_pictures.xml"


def picture(fmt: str = "PNG", size: tuple[int, int] = (8, 6), color: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "content_type", "extension"), [
    ("PNG", "image/png", "png"), ("JPEG", "image/jpeg", "jpg"), ("GIF", "image/gif", "gif"),
    ("WEBP", "image/webp", "webp"),
])
def test_raster_pictures_are_accepted_with_their_true_type_and_size(fmt, content_type, extension):
    image = check_image(picture(fmt, (8, 6)))
    assert (image.content_type, image.extension, image.width, image.height) == (content_type, extension, 8, 6)


def test_the_type_comes_from_the_bytes_not_a_name():
    jpeg = picture("JPEG")
    assert check_image(jpeg).content_type == "image/jpeg"  # whatever the file was called


def test_a_truncated_picture_is_refused():
    whole = picture("PNG", (64, 64))
    with pytest.raises(ImageRefused, match="broken or cut off"):
        check_image(whole[: len(whole) - 30])
    with pytest.raises(ImageRefused, match="broken or cut off"):
        check_image(picture("JPEG", (64, 64))[:300])


def test_svg_is_refused_with_what_to_do():
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ImageRefused, match="save the drawing as PNG"):
        check_image(svg)


def test_a_picture_over_the_size_limit_is_refused_saying_the_limit():
    data = picture("PNG", (40, 40))
    with pytest.raises(ImageRefused, match=r"more than the 100 bytes allowed"):
        check_image(data, max_bytes=100)
    assert check_image(data, max_bytes=len(data)).digest  # exactly the limit is fine


def test_too_many_pixels_are_refused_before_decoding():
    side = int(MAX_IMAGE_PIXELS ** 0.5) + 1
    data = picture("PNG", (side, side), "white")  # compresses to a few kB
    with pytest.raises(ImageRefused, match="4096 × 4096"):
        check_image(data)


@pytest.mark.parametrize("data", [b"", b"hello, not a picture", picture("BMP")])
def test_other_files_are_refused(data):
    with pytest.raises(ImageRefused):
        check_image(data)


def test_markup_keeps_the_alt_text_as_text_and_words_ignore_the_address():
    digest = "ab" * 32
    markup = image_markdown("A [map] of *Berlin*", digest)
    assert referenced_digests([f"See {markup}."]) == [digest]
    assert without_images(f"See {markup}.") == "See A [map] of *Berlin*."
    assert tokens(f"See {markup}.") == ["See", "A", "map", "of", "Berlin"]


def test_a_picture_does_not_make_an_option_look_longest():
    digest = "cd" * 32
    q = parse_question({"id": "q", "type": "single_choice", "prompt": "Which shows it?", "options": [
        {"id": "a", "text": image_markdown("a map", digest), "correct": True},
        {"id": "b", "text": "a table"}, {"id": "c", "text": "a chart"}]}, imported=True)
    assert not [f for f in choice_cues(q) if f.rule == "longest-option"]


def test_moodle_pictures_are_kept_and_the_ones_that_cannot_be_are_named():
    result = parse_moodle_xml(FIXTURE.read_bytes())
    assert result.ok and not result.skipped
    by_id = {q.definition.id: q for q in result.questions}
    logo, old = by_id["logo-acronym"], by_id["old-image-question"]
    assert logo.definition.prompt.startswith("![Moodle logo](media:") and "Moodle Moodle" not in logo.definition.prompt
    assert logo.notes == ()
    assert old.definition.prompt.startswith("Which colour fills the square")
    assert old.definition.prompt.endswith(")") and "![](media:" in old.definition.prompt
    assert any("square.gif has no alt text" in n for n in old.notes)
    missing, broken = by_id["missing-picture"], by_id["broken-picture"]
    assert missing.definition.prompt == "Name the city on the map: a map of a city on a river"
    assert any("city.png" in n and "does not include it" in n for n in missing.notes)
    assert broken.definition.prompt.endswith("a drawing of a river")
    assert any("river.png" in n and "broken" in n for n in broken.notes)
    shown = referenced_digests(q.definition.prompt for q in result.questions)
    assert sorted(result.images) == sorted(shown) and len(shown) == 2
    types = sorted(i.content_type for i in result.images.values())
    assert types == ["image/gif", "image/png"]


def test_moodle_xml_export_carries_the_pictures_back_with_the_same_digests():
    first = parse_moodle_xml(FIXTURE.read_bytes())
    written = write_moodle_xml(first.definitions(), first.images)
    assert b'<file name="' in written and b"@@PLUGINFILE@@/" in written and b"(media:" not in written
    again = parse_moodle_xml(written)
    assert again.ok and [q.notes for q in again.questions if "media:" in q.definition.prompt] == [(), ()]
    assert [q.definition.prompt for q in again.questions] == [q.definition.prompt for q in first.questions]
    assert again.images == first.images


def test_a_picture_missing_from_an_export_keeps_its_address():
    digest = "12" * 32
    q = parse_question({"id": "q", "type": "true_false", "prompt": image_markdown("a map", digest), "answer": True},
                       imported=True)
    again = parse_moodle_xml(write_moodle_xml([q], {}))
    assert again.questions[0].definition.prompt == q.prompt and again.images == {}


def test_gift_keeps_the_marks_and_says_pictures_are_not_included():
    digest = "34" * 32
    q = parse_question({"id": "q", "type": "true_false", "prompt": f"Is it? {image_markdown('a map', digest)}",
                        "answer": True}, imported=True)
    text = write_gift([q])
    assert "// Pictures are not included" in text
    assert parse_gift(text).questions[0].definition.prompt == q.prompt


def test_a_gift_html_picture_is_named_with_its_alt_text_kept():
    q = parse_gift('::Q::[html]Look: <img src="@@PLUGINFILE@@/map.png" alt="a map">{T}').questions[0]
    assert q.definition.prompt == "Look: a map"
    assert any("map.png" in n and "a map" in n for n in q.notes)


def test_an_embedded_data_picture_is_kept():
    data = base64.b64encode(picture("PNG")).decode()
    xml = (f'<quiz><question type="truefalse"><name><text>D</text></name><questiontext format="html">'
           f'<text><![CDATA[Is it teal? <img src="data:image/png;base64,{data}" alt="a teal box">]]></text>'
           '</questiontext><answer fraction="100"><text>true</text></answer>'
           '<answer fraction="0"><text>false</text></answer></question></quiz>')
    result = parse_moodle_xml(xml)
    assert result.questions[0].definition.prompt.startswith("Is it teal? ![a teal box](media:")
    assert len(result.images) == 1
