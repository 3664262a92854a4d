"""Pictures in questions on the web: imported from Moodle XML (and named when they cannot be),
served with their type and long caching, shown to students with their alt text, exported
back with the same digests, and added by a teacher in the question editor."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image
from sqlalchemy import delete, func, select
from werkzeug.datastructures import FileStorage

from lectern.extensions import db
from lectern.models import Media, Question, QuestionVersion
from lectern.rendering import markdown_block, markdown_inline
from tests.conftest import csrf_token
from tests.web.helpers import start
from tests.web.test_question_import import _confirm, _multipart, _upload
from tests.web.test_teacher_questions import editor_fields

FIXTURE = Path(__file__).parents[1] / "fixtures" / "moodle_pictures.xml"
EDIT = "/teacher/banks/mini/questions/meeting-city/edit"
MEDIA = re.compile(r"media:([0-9a-f]{64})")


def _png(color: str = "orange", size: tuple[int, int] = (12, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def _media_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Media))


def _prompt(app, key: str) -> str:
    with app.app_context():
        version = db.session.scalars(select(QuestionVersion).join(Question).where(Question.key == key)
                                     .order_by(QuestionVersion.number.desc())).first()
        return version.definition["prompt"]


def _import(client, data: bytes, filename: str = "pictures.xml"):
    preview = _upload(client, data, filename)
    assert preview.status_code == 200, preview.text
    return preview, _confirm(client, preview.text)


def _add_image(client, data: bytes | None, alt: str, button: str = "add_image", **changes):
    """The editor's form for meeting-city as the page shows it, with a picture chosen and a button pressed."""
    page = client.get(EDIT)
    fields = {**editor_fields(page.text), **changes, "image_alt": alt, button: "1",
              "csrf_token": csrf_token(page.text)}
    if data is not None:
        fields["image"] = FileStorage(io.BytesIO(data), "map.png", content_type="image/png")
    return _multipart(client, EDIT, fields)


def test_import_keeps_pictures_and_names_the_ones_it_cannot(app, teacher_client, mini_bank):
    preview = _upload(teacher_client, FIXTURE.read_bytes(), "pictures.xml")
    page = preview.text
    assert "city.png was left out (the file does not include it)" in page
    assert "river.png was left out (the picture is broken or cut off" in page
    assert "square.gif has no alt text" in page
    assert _media_count(app) == 0  # a preview writes nothing
    assert _confirm(teacher_client, page).status_code == 302
    assert _media_count(app) == 2
    logo = _prompt(app, "logo-acronym")
    assert logo.startswith("![Moodle logo](media:") and logo.endswith("Moodle is an acronym.")
    assert _prompt(app, "missing-picture").endswith("a map of a city on a river")
    _import(teacher_client, FIXTURE.read_bytes(), "again.xml")  # the same pictures again: stored once
    assert _media_count(app) == 2


def test_a_picture_is_served_with_its_type_and_cached_for_good(app, client, teacher_client, mini_bank):
    _import(teacher_client, FIXTURE.read_bytes())
    digest = MEDIA.search(_prompt(app, "logo-acronym")).group(1)
    reply = client.get(f"/media/{digest}")  # anyone: the address is the picture's hash
    assert reply.status_code == 200 and reply.mimetype == "image/png"
    assert Image.open(io.BytesIO(reply.data)).size == (24, 16)
    assert reply.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    assert reply.headers["ETag"] == f'"{digest}"'
    again = client.get(f"/media/{digest}", headers={"If-None-Match": f'"{digest}"'})
    assert again.status_code == 304 and again.data == b""
    for address in ("0" * 64, digest.upper(), digest[:-1], "not-a-digest", digest + "0"):
        missing = client.get(f"/media/{address}")
        assert missing.status_code == 404, address
        assert missing.headers["Cache-Control"] == "no-store"  # it may exist later


def test_a_teacher_adds_a_picture_and_a_student_sees_it_with_its_alt(app, client, teacher_client, mini_bank):
    data = _png()
    shown = _add_image(teacher_client, data, "A map of Berlin's centre")
    assert shown.status_code == 200  # "Add the image": the form again, the question not saved yet
    assert _media_count(app) == 1
    prompt = editor_fields(shown.text)["prompt"]
    assert prompt.startswith("In which city were the agreements finalized?\n\n![A map of Berlin's centre](media:")
    saved = _multipart(teacher_client, EDIT, {**editor_fields(shown.text), "save": "1",
                                              "csrf_token": csrf_token(shown.text)})
    assert saved.status_code == 302, saved.text
    digest = MEDIA.search(_prompt(app, "meeting-city")).group(1)
    attempt = client.get(start(client)).text
    assert f'<img src="/media/{digest}" alt="A map of Berlin\'s centre" loading="lazy">' in attempt
    assert client.get(f"/media/{digest}").data == data


def test_save_with_a_picture_chosen_keeps_both_in_one_go(app, teacher_client, mini_bank):
    saved = _add_image(teacher_client, _png("navy"), "A navy square", button="save")
    assert saved.status_code == 302, saved.text
    assert "![A navy square](media:" in _prompt(app, "meeting-city") and _media_count(app) == 1


def test_a_refused_picture_is_named_beside_the_field_and_nothing_is_saved(app, teacher_client, mini_bank):
    before = _prompt(app, "meeting-city")
    cases = [
        (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "A drawing", "save the drawing as PNG"),
        (_png(size=(64, 64))[:-30], "A map", "broken or cut off"),
        (b"not a picture at all", "A map", "not a picture Lectern can read"),
        (_png(), "  ", "Write its alt text"),
        (None, "A map", "Choose the picture to add (or clear its alt text)"),
    ]
    for data, alt, message in cases:
        for button in ("add_image", "save"):
            reply = _add_image(teacher_client, data, alt, button=button)
            assert reply.status_code in (200, 422), reply.status_code
            errors = re.search(r'id="image-errors">(.*?)</ul>', reply.text, re.DOTALL)
            assert errors and message in errors.group(1).replace("&#39;", "'"), (button, message)
            assert editor_fields(reply.text)["prompt"] == before
    assert _prompt(app, "meeting-city") == before and _media_count(app) == 0


def test_a_picture_too_large_is_refused_saying_the_limit(app, teacher_client, mini_bank):
    app.config["LECTERN_MAX_IMAGE_BYTES"] = 200
    reply = _add_image(teacher_client, _png(size=(300, 300)) + bytes(300), "A map")
    assert "more than the 200 bytes allowed" in reply.text and _media_count(app) == 0


def test_a_save_that_fails_keeps_no_picture_and_says_so(app, teacher_client, mini_bank):
    reply = _add_image(teacher_client, _png(), "A map", button="save", **{"options-0-text": ""})
    assert reply.status_code == 200 and "Not saved" in reply.text
    assert "The picture was not added, because the question was not saved" in reply.text
    assert "media:" not in editor_fields(reply.text)["prompt"] and _media_count(app) == 0


def test_moodle_xml_export_and_import_keep_the_same_picture(app, teacher_client, mini_bank):
    _add_image(teacher_client, _png("purple"), "A purple square", button="save")
    digest = MEDIA.search(_prompt(app, "meeting-city")).group(1)
    exported = teacher_client.get("/teacher/banks/mini/export/questions?format=moodle-xml")
    assert exported.status_code == 200
    assert f'<file name="{digest}.png" path="/" encoding="base64">'.encode() in exported.data
    gift = teacher_client.get("/teacher/banks/mini/export/questions?format=gift").text
    assert "// Pictures are not included" in gift
    with app.app_context():  # the bytes must come from the file itself
        db.session.execute(delete(Media))
        db.session.commit()
    preview, confirmed = _import(teacher_client, exported.data, "mini.moodle.xml")
    assert "was left out" not in preview.text and confirmed.status_code == 302
    with app.app_context():
        keys = db.session.scalars(select(Question.key).where(Question.key.like("meeting-city%"))).all()
        assert db.session.get(Media, digest) is not None
    copies = [k for k in keys if k != "meeting-city"]
    assert copies and f"![A purple square](media:{digest})" in _prompt(app, copies[0])


def test_only_stored_pictures_render_and_never_an_outside_address():
    digest = "ef" * 32
    html = str(markdown_block(f"Look: ![A *map* \"here\"](media:{digest}) ![x](https://tracker.example/p.png)"))
    assert f'<img src="/media/{digest}" alt="A map &quot;here&quot;" loading="lazy">' in html
    assert "tracker.example" not in html and " x" in html
    assert str(markdown_inline("![bad](media:123)")) == "bad"  # not a digest: its alt text only


def test_pictures_follow_the_app_when_it_is_served_under_a_path(app):
    digest = "ab" * 32
    with app.test_request_context("/", base_url="http://school.example/lectern"):
        assert f'src="/lectern/media/{digest}"' in str(markdown_inline(f"![a map](media:{digest})"))
    with app.test_request_context("/"):  # the same cached rendering, served at the root
        assert f'src="/media/{digest}"' in str(markdown_inline(f"![a map](media:{digest})"))
