"""Teacher pages: banks (a new bank from a pasted article, a bank's files as a download)."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for

from lectern.extensions import db
from lectern.services.bank_creation import SlugTaken, create_bank
from lectern.services.bank_export import bank_zip, find_bank_file
from lectern.teacher import bp, current_teacher
from lectern.teacher.bank_forms import NewBankForm


@bp.route("/banks/new", methods=["GET", "POST"])
def new_bank():
    """Paste an article to start a bank; Preview shows the numbered paragraphs before saving."""
    form = NewBankForm()
    if form.validate_on_submit():
        if form.preview.data:
            return render_template("teacher/banks/new.html", form=form, preview=form.article().paragraphs)
        try:
            bank = create_bank(form.article(), form.slug.data or None, current_teacher())
        except SlugTaken as e:
            form.slug.errors.append(str(e))
        else:
            db.session.commit()
            flash(f"Bank created with {len(bank.paragraphs)} paragraphs. Now write its questions.", "info")
            return redirect(url_for("teacher.bank", slug=bank.slug))
    status = 422 if form.errors else 200
    return render_template("teacher/banks/new.html", form=form, preview=None), status


@bp.get("/banks/<slug>/export")
def export_bank(slug: str):
    """The bank as a .zip of <slug>/article.md and <slug>/questions.yaml, as `flask banks export` writes them."""
    bank = find_bank_file(slug)
    if bank is None:
        abort(404)
    return Response(bank_zip(bank), mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{bank.slug}.zip"'})
