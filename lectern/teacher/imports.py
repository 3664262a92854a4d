"""Teacher pages: importing a question file into a bank, and a bank's questions as a file.

An import is two steps: the upload shows a preview (what will be created, what is
skipped and why, every problem with its line) and the confirmation imports all of
it or nothing. Between the two the file lives in the preview page, not the server.
"""

from __future__ import annotations

import math
from typing import Any

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for

from lectern.config import FORM_SLACK
from lectern.core.interchange import CSV_TEMPLATE
from lectern.models import Bank
from lectern.request_input import takes_files
from lectern.services.bank_export import bank_file
from lectern.services.question_import import (
    EXPORT_FORMATS,
    ImportFailed,
    ImportPreview,
    apply_import,
    find_bank,
    preview_import,
    questions_file,
)
from lectern.teacher import bp, current_teacher
from lectern.teacher.bank_guard import require_editor
from lectern.teacher.import_forms import ConfirmImportForm, ImportForm

# The confirmation carries the upload base64-encoded (4 bytes for every 3), plus the
# other fields; the limits for that one request grow to match, so any file the upload
# accepted can be confirmed.


@bp.url_value_preprocessor
def _confirm_limits(endpoint: str | None, values: dict[str, Any] | None) -> None:
    # This runs before any before_request hook, so before CSRFProtect parses the form
    # under the default limits (MAX_FORM_MEMORY_SIZE is 500 kB, less than a 10 MB file).
    if endpoint != "teacher.confirm_import":
        return
    limit = current_app.config.get("LECTERN_MAX_IMPORT_BYTES")
    if limit:
        encoded = 4 * math.ceil(limit / 3)
        request.max_form_memory_size = encoded + FORM_SLACK
        request.max_content_length = encoded + 2 * FORM_SLACK


@bp.route("/banks/<slug>/import", methods=["GET", "POST"])
@takes_files
def import_questions(slug: str):
    """Upload a GIFT, Moodle XML, Aiken or CSV file; the reply is a preview, nothing is saved yet."""
    bank = require_editor(_bank(slug))
    form = ImportForm()
    if form.validate_on_submit():
        preview = preview_import(form.content, bank.slug, form.format.data or None)
        confirm = ConfirmImportForm.carrying(form.content, form.format.data, form.filename)
        return _preview_page(bank, preview, confirm)
    status = 422 if form.errors else 200
    return render_template("teacher/imports/upload.html", bank=bank, form=form), status


@bp.post("/banks/<slug>/import/confirm")
def confirm_import(slug: str):
    """Import the previewed file: checked again, then every question, or none, as drafts (import_writing)."""
    bank = require_editor(_bank(slug))
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        flash("The file could not be imported as sent. " + " ".join(_messages(form)) + " Upload it again.", "error")
        return redirect(url_for("teacher.import_questions", slug=bank.slug))
    preview = preview_import(form.upload, bank.slug, form.format.data or None, warn=False)
    if not preview.ok:
        return _preview_page(bank, preview, form, status=422)
    try:
        created = apply_import(preview, bank, current_teacher())
    except ImportFailed as e:
        flash(str(e), "error")
        return redirect(url_for("teacher.import_questions", slug=bank.slug))
    count = f"{len(created)} question" + ("" if len(created) == 1 else "s")
    flash(f"Imported {count} from {form.clean_filename} as drafts: students do not see them until you "
          "publish them. Review them under “Drafts” below; those marked “Needs evidence” still need "
          "their explanation and the passage that proves the answer.", "success")
    return redirect(url_for("teacher.bank", slug=bank.slug, _anchor="drafts-h"))


@bp.get("/banks/<slug>/export/questions")
def export_questions(slug: str):
    """The bank's questions as a GIFT, Moodle XML or CSV download (?format=…; GIFT when not given)."""
    bank = _bank(slug)
    fmt = request.args.get("format", "gift")
    if fmt not in EXPORT_FORMATS:
        abort(404, description="Lectern exports questions as GIFT, Moodle XML or CSV.")
    exported = questions_file(bank_file(bank), fmt)
    return Response(exported.content, content_type=exported.content_type,
                    headers={"Content-Disposition": f'attachment; filename="{exported.filename}"'})


@bp.get("/import/template.csv")
def csv_template():
    """A CSV file with the columns an import reads and one example row per question type."""
    # With a byte-order mark, as exports are: Excel then reads accented letters right.
    return Response(CSV_TEMPLATE.encode("utf-8-sig"), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="lectern-questions-template.csv"'})


def _preview_page(bank: Bank, preview: ImportPreview, confirm: ConfirmImportForm, status: int = 200):
    return render_template("teacher/imports/preview.html", bank=bank, preview=preview, confirm=confirm), status


def _messages(form: ConfirmImportForm) -> list[str]:
    return [message for errors in form.errors.values() for message in errors]


def _bank(slug: str) -> Bank:
    bank = find_bank(slug)
    if bank is None:
        abort(404, description="There is no bank at this address.")
    return bank
