"""Forms for importing a question file: the upload, and the confirmation that carries it back.

The confirmation is stateless: the preview page holds the uploaded bytes,
base64-encoded, in a hidden field, and confirming parses and validates them again.
Tampering with the field only changes what gets validated, never what is trusted.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import Field, HiddenField, SelectField, SubmitField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from lectern.core.interchange import (
    FORMATS,
    UnreadableUpload,
    decode_upload,
    detect_text_format,
    file_size,
)
from lectern.services.question_import import FORMAT_NAMES, import_limit_problem

FORMAT_CHOICES = [SelectChoice("", "Detect from the content"), *(SelectChoice(f, FORMAT_NAMES[f]) for f in FORMATS)]
FILENAME_MAX = 200


def _sentence(message: str) -> str:
    """The core's messages are clauses ('this file is…'); a form shows sentences."""
    message = message.strip()
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


def check_upload(data: bytes, format: str | None) -> None:
    """ValidationError, with what to do, for a file that is empty, not text, or in no format Lectern reads."""
    if not data.strip():
        raise ValidationError("The file is empty. Choose the file your quiz tool exported.")
    # Before anything reads the file: a file over the limits is refused in a moment, not a minute.
    too_large = import_limit_problem(data, format)
    if too_large is not None:
        raise ValidationError(_sentence(too_large))
    try:
        text = decode_upload(data)
    except UnreadableUpload as e:
        raise ValidationError(_sentence(str(e))) from None
    if not format and detect_text_format(text) is None:
        raise ValidationError("Lectern cannot tell the format of this file. It reads GIFT, Moodle XML, "
                              "Aiken and CSV (with a header row naming the columns type and prompt); "
                              "choose the format above if you know it.")


def _clean_name(name: str | None) -> str:
    # Only ever shown back as text and used in a flash message; keep it short and one line.
    name = " ".join((name or "").replace("\\", "/").rsplit("/", 1)[-1].split())
    return name[:FILENAME_MAX] or "the file"


class ImportForm(FlaskForm):
    """A question file, and its format when the teacher knows it."""

    file = FileField("Question file", validators=[FileRequired(message="Choose a file to upload.")])
    format = SelectField("Format", choices=FORMAT_CHOICES, default="")
    submit = SubmitField("Preview the import")

    content: bytes = b""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        config = current_app.config
        self.file.description = (f"GIFT (.txt), Moodle XML (.xml), Aiken (.txt) or CSV (.csv): at most "
                                 f"{file_size(config['LECTERN_MAX_IMPORT_BYTES'])} and "
                                 f"{config['LECTERN_MAX_IMPORT_QUESTIONS']:,} questions at a time.")

    def validate_file(self, field: Field) -> None:
        self.content = field.data.read()
        check_upload(self.content, self.format.data or None)

    @property
    def filename(self) -> str:
        return _clean_name(getattr(self.file.data, "filename", None))


class ConfirmImportForm(FlaskForm):
    """The previewed file sent back, to be checked again and imported."""

    content = HiddenField(validators=[DataRequired()])
    format = HiddenField()
    filename = HiddenField()
    submit = SubmitField("Import")

    upload: bytes = b""

    def validate_content(self, field: Field) -> None:
        try:
            self.upload = base64.b64decode(field.data, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError("The file sent back is damaged; upload it again.") from None
        check_upload(self.upload, self.format.data or None)

    def validate_format(self, field: Field) -> None:
        if field.data and field.data not in FORMATS:
            raise ValidationError("Unknown format.")

    @classmethod
    def carrying(cls, data: bytes, format: str | None, filename: str, **kwargs: Any) -> ConfirmImportForm:
        """A confirmation form holding this upload, for the preview page."""
        return cls(formdata=None, content=base64.b64encode(data).decode("ascii"), format=format or "",
                   filename=_clean_name(filename), **kwargs)

    @property
    def clean_filename(self) -> str:
        return _clean_name(self.filename.data)
