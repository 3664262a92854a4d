"""Finding a bank for a teacher route, and refusing a change to it from someone who may not edit it.

Every route that changes a bank (its questions, imports, key terms, quizzes) calls
`editable_bank`, so the rule in lectern.services.bank_access is applied the same way
everywhere; the refusal is a 403 page that offers the way forward, a copy of one's own.
"""

from __future__ import annotations

from flask import render_template
from sqlalchemy import select
from werkzeug.exceptions import Forbidden

from lectern.extensions import db
from lectern.models import Bank
from lectern.services.bank_access import can_edit
from lectern.teacher import bp, current_teacher

NOT_AN_EDITOR = ("Only the bank's owner and co-owners can change it; "
                 "duplicate it to make your own copy.")


class NotAnEditor(Forbidden):
    """The signed-in teacher may read this bank but not change it."""

    def __init__(self, bank: Bank) -> None:
        super().__init__(NOT_AN_EDITOR)
        self.bank = bank


@bp.errorhandler(NotAnEditor)
def not_an_editor(error: NotAnEditor):
    return render_template("teacher/banks/not_editor.html", bank=error.bank, message=NOT_AN_EDITOR), 403


def find_bank(slug: str) -> Bank:
    """The bank at this address, for reading (404 if there is none)."""
    return db.first_or_404(select(Bank).where(Bank.slug == slug), description="There is no bank at this address.")


def require_editor(bank: Bank) -> Bank:
    """The bank, if the signed-in teacher may change it; NotAnEditor (a 403 page) if not."""
    if not can_edit(current_teacher(), bank):
        raise NotAnEditor(bank)
    return bank


def editable_bank(slug: str) -> Bank:
    """The bank at this address, for changing it: 404 if there is none, 403 if not the teacher's to change."""
    return require_editor(find_bank(slug))
