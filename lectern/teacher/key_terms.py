"""Teacher pages: a bank's key terms, which students see defined in the article and review as cards."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from lectern.extensions import db
from lectern.services import key_terms
from lectern.services.bank_access import can_edit
from lectern.teacher import bp, current_teacher
from lectern.teacher.bank_guard import editable_bank, find_bank, require_editor
from lectern.teacher.class_forms import ConfirmForm
from lectern.teacher.key_term_forms import KeyTermForm


@bp.route("/banks/<slug>/terms", methods=["GET", "POST"])
def bank_terms(slug: str):
    """The bank's key terms, and (for those who may edit the bank) a form to add one."""
    bank = find_bank(slug)
    terms = key_terms.terms_of(bank)
    form = KeyTermForm(existing=terms, paragraphs=bank.paragraphs)
    if form.is_submitted():
        require_editor(bank)
    if form.validate_on_submit():
        key_terms.add_term(bank, form.key_term)
        db.session.commit()
        flash(f"Added the key term “{form.key_term.term}”. Students see it defined in the article "
              "and meet it in Review today.", "info")
        return redirect(url_for("teacher.bank_terms", slug=slug))
    return render_template("teacher/banks/terms.html", bank=bank, terms=terms, form=form,
                           editor=can_edit(current_teacher(), bank)), (400 if form.errors else 200)


@bp.route("/banks/<slug>/terms/<int:number>/remove", methods=["GET", "POST"])
def remove_bank_term(slug: str, number: int):
    """Remove one key term (numbered from 1 as listed), after a confirmation page."""
    bank = editable_bank(slug)
    terms = key_terms.terms_of(bank)
    if not 1 <= number <= len(terms):
        abort(404)
    term, form = terms[number - 1], ConfirmForm()
    if form.validate_on_submit():
        cards = key_terms.remove_term(bank, term)
        db.session.commit()
        flash(f"Removed the key term “{term.term}”" + (f" and {cards} student card{'s' * (cards != 1)} for it."
                                                       if cards else "."), "info")
        return redirect(url_for("teacher.bank_terms", slug=slug))
    return render_template("teacher/banks/remove_term.html", bank=bank, term=term, number=number, form=form)
