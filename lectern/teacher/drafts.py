"""Teacher pages: publishing drafts, one question or every draft of a bank at once.

A draft that fails the checks of a finished question stays a draft, and the page lists,
question by question, what to fix; the ones that pass are published.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from lectern.extensions import db
from lectern.models import DRAFT
from lectern.services import question_editing as editing
from lectern.services.publishing import PublishReport, drafts_of, publish
from lectern.teacher import bp
from lectern.teacher.bank_guard import editable_bank
from lectern.teacher.class_forms import ConfirmForm


def _checked_post() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The request could not be used. Go back, reload the page and try again.")


@bp.post("/banks/<slug>/questions/<key>/publish")
def publish_question(slug: str, key: str):
    """Publish one draft, if it passes the checks: new attempts may then draw it."""
    bank = editable_bank(slug)
    _checked_post()
    question = editing.question_in(bank, key)
    if question is None or not question.versions:
        abort(404, description=f"The bank has no question {key!r}.")
    if question.status != DRAFT:
        flash(f"{key} is published already.", "info")
        return redirect(url_for("teacher.question", slug=slug, key=key))
    report = publish(bank, [question])
    if report.refused:
        return _refusals(bank, report, 422)
    db.session.commit()
    flash(f"Published {key}: new attempts of the bank's quizzes may now include it.", "success")
    return redirect(url_for("teacher.question", slug=slug, key=key))


@bp.post("/banks/<slug>/publish")
def publish_drafts(slug: str):
    """Publish every draft of the bank that passes the checks; list what the others need."""
    bank = editable_bank(slug)
    _checked_post()
    report = publish(bank, drafts_of(bank))
    db.session.commit()
    if not report.refused:
        count = len(report.published)
        flash(f"Published {count} question{'s' * (count != 1)}: new attempts may now include "
              f"{'them' if count != 1 else 'it'}." if count else "There were no drafts to publish.", "success")
        return redirect(url_for("teacher.bank", slug=slug))
    return _refusals(bank, report, 200 if report.published else 422)


def _refusals(bank, report: PublishReport, status: int):
    return render_template("teacher/questions/publish_problems.html", bank=bank, report=report), status
