"""Teacher pages: a bank's co-owners, and duplicating a bank or a quiz to make one's own copy."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from lectern.extensions import db
from lectern.models import Quiz, Teacher
from lectern.services import bank_access
from lectern.services.bank_copying import copy_slug
from lectern.services.bank_copying import duplicate_bank as copy_bank
from lectern.services.bank_copying import duplicate_quiz as copy_quiz
from lectern.services.bank_creation import SlugTaken, unique_slug
from lectern.teacher import bp, current_teacher
from lectern.teacher.bank_forms import CoOwnerForm, DuplicateBankForm
from lectern.teacher.bank_guard import NotAnEditor, find_bank, require_editor
from lectern.teacher.class_forms import ConfirmForm


def _managed_bank(slug: str):
    bank = find_bank(slug)
    if not bank_access.can_manage_owners(current_teacher(), bank):
        raise NotAnEditor(bank)
    return bank


@bp.route("/banks/<slug>/owners", methods=["GET", "POST"])
def bank_owners(slug: str):
    """The bank's owner and co-owners; the owner adds a co-owner by the email of their account."""
    bank = _managed_bank(slug)
    form = CoOwnerForm()
    if form.validate_on_submit():
        try:
            added = bank_access.add_co_owner(bank, form.email.data)
        except bank_access.CoOwnerProblem as e:
            form.email.errors.append(str(e))
        else:
            db.session.commit()
            flash(f"{added.email} can now edit this bank: its questions, key terms and quizzes.", "success")
            return redirect(url_for("teacher.bank_owners", slug=slug))
    return render_template("teacher/banks/owners.html", bank=bank, form=form, owner=bank_access.owner_of(bank)), \
        (400 if form.errors else 200)


@bp.route("/banks/<slug>/owners/<int:teacher_id>/remove", methods=["GET", "POST"])
def remove_bank_owner(slug: str, teacher_id: int):
    """Stop a co-owner editing the bank, after a confirmation page."""
    bank = _managed_bank(slug)
    co_owner = db.session.get(Teacher, teacher_id)
    if co_owner is None or not bank_access.is_co_owner(co_owner, bank):
        flash("That teacher is not a co-owner of this bank, so there was nothing to remove.", "info")
        return redirect(url_for("teacher.bank_owners", slug=slug))
    form = ConfirmForm()
    if form.validate_on_submit():
        bank_access.remove_co_owner(bank, co_owner)
        db.session.commit()
        flash(f"{co_owner.email} can no longer edit this bank.", "success")
        return redirect(url_for("teacher.bank_owners", slug=slug))
    return render_template("teacher/banks/remove_owner.html", bank=bank, co_owner=co_owner, form=form)


@bp.route("/banks/<slug>/duplicate", methods=["GET", "POST"])
def duplicate_bank(slug: str):
    """Copy the bank (article, key terms, questions, quizzes) under a new address, owned by this teacher."""
    bank = find_bank(slug)
    form = DuplicateBankForm(slug=unique_slug(copy_slug(bank.slug)))
    if form.validate_on_submit():
        try:
            copy = copy_bank(bank, form.slug.data, current_teacher())
            db.session.commit()
        except SlugTaken as e:
            form.slug.errors.append(str(e))
        else:
            flash(f"This is your copy of “{bank.title}”. Changes here do not touch the original.", "success")
            return redirect(url_for("teacher.bank", slug=copy.slug))
    return render_template("teacher/banks/duplicate.html", bank=bank, form=form), (400 if form.errors else 200)


@bp.post("/quizzes/<int:quiz_id>/duplicate")
def duplicate_quiz(quiz_id: int):
    """Copy a quiz within its bank, titled "… (copy)"; only for those who may edit the bank."""
    quiz = db.get_or_404(Quiz, quiz_id)
    require_editor(quiz.bank)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The request could not be used. Go back, reload the page and try again.")
    copy = copy_quiz(quiz, current_teacher())
    db.session.commit()
    flash(f"Made “{copy.title}”. Change its settings here; the original is as it was.", "success")
    return redirect(url_for("teacher.quiz_settings", quiz_id=copy.id))
